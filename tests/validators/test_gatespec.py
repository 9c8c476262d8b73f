"""The gate constraint table (gatespec.py, kinds in constraints.py): built from the spec and the
catalog, and the one source of both the per-gate findings and the screen's bulk checks, so a fact
changed in one place changes both, and the two forms agree on random qis and native gates under
random limits."""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ionqkit.validators import LintConfig, lint
from ionqkit.validators import config as lint_config
from ionqkit.validators.catalog import Catalog, default_catalog
from ionqkit.validators.constraints import Arity, NoOperands, QubitOperands, Range, Requires, TwoQubitGate
from ionqkit.validators.context import Context
from ionqkit.validators.gatespec import build, table
from ionqkit.validators.rules import native
from ionqkit.validators.screen import screen_circuits
from ionqkit.validators.specdata import spec_facts
from ionqkit.validators.view import build as build_view
from tests.validators.test_screen import lint_without_shortcuts


def kinds(gateset: str, gate: str) -> list[Any]:
    """The constraints of one gate in the table built from our spec and catalog."""
    return list(build(spec_facts("v0.4"), default_catalog()).gatesets[gateset].gates[gate].constraints)


def test_gates_and_fields_come_from_the_spec() -> None:
    built = build(spec_facts("v0.4"), default_catalog())
    for name, gateset in spec_facts("v0.4").gatesets.items():
        assert set(built.gatesets[name].gates) == set(gateset.gates)
        assert built.gatesets[name].fields == gateset.gate_fields
    native_params = built.gatesets["native"].params
    assert {key: t.kind for key, t in native_params.items()} == {
        "angle": "number",
        "phase": "number",
        "phases": "numbers",
        "rotation": "number",
    }
    assert built.gatesets["native"].list_fields == {"targets", "controls", "phases"}


def test_operand_needs_come_from_the_catalog_in_reporting_order() -> None:
    ms = kinds("native", "ms")
    assert isinstance(ms[0], QubitOperands)
    assert [c for c in ms if isinstance(c, Arity)] == [
        Arity("targets", 2, single="target"),  # reported before phases, as the rules always did
        Arity("phases", 2),
    ]
    ranges = [(c.code.code, c.field, c.low, c.high) for c in ms if isinstance(c, Range)]
    assert ranges == [
        ("IQ301", "phase", "phase_min", "phase_max"),
        ("IQ301", "phases", "phase_min", "phase_max"),
        ("IQ302", "angle", "ms_angle_min", "ms_angle_max"),
    ]
    assert any(isinstance(c, NoOperands) for c in kinds("qis", "swap"))
    assert Requires(("control", "controls")) in kinds("qis", "cnot")
    assert not any(isinstance(c, TwoQubitGate) for c in kinds("qis", "zz"))
    assert any(isinstance(c, TwoQubitGate) for c in kinds("native", "zz"))


def test_an_alias_replaces_the_range_of_the_field_it_is_written_as() -> None:
    zz = kinds("native", "zz")
    assert Requires(("angle",), alias="phase") in zz
    assert not any(isinstance(c, Range) and c.field == "phase" for c in zz)
    assert any(isinstance(c, Range) and c.field == "phase" for c in kinds("native", "gpi"))


def test_the_table_is_built_once_per_facts_and_catalog() -> None:
    facts = spec_facts("v0.4")
    default = Context(facts=facts, catalog=default_catalog())
    again = Context(facts=facts, catalog=default_catalog())
    other = Context(facts=facts, catalog=LintConfig(limits={"max_controls": 3}).catalog())
    assert table(default) is table(again)
    assert table(other) is not table(default)


def with_catalog(monkeypatch: pytest.MonkeyPatch, catalog: Catalog) -> None:
    """Lint as if the installed facts carried `catalog` (a LintConfig reads its catalog from them)."""
    patched = replace(spec_facts("v0.4"), catalog=catalog)
    monkeypatch.setattr(lint_config, "spec_facts", lambda api_version="v0.4": patched)


def gates_job(*gates: dict[str, Any], gateset: str = "qis") -> str:
    return json.dumps(
        {
            "type": "ionq.circuit.v1",
            "backend": "simulator",
            "input": {"gateset": gateset, "qubits": 3, "circuit": list(gates)},
        }
    )


def screened_clean(raw: str) -> bool:
    data = json.loads(raw)
    ctx = Context(facts=spec_facts("v0.4"), catalog=LintConfig().catalog())  # a patched-in one too
    view = build_view(data, "v0.4", ctx)
    native.prepare(view, ctx)
    return bool(screen_circuits(view.circuits, ctx).clean)


def test_a_changed_operand_need_changes_the_rule_and_the_screen(monkeypatch: pytest.MonkeyPatch) -> None:
    raw = gates_job({"gate": "h", "target": 0})
    assert lint(raw) == [] and screened_clean(raw)
    catalog = default_catalog()
    operands = {**catalog.operands, "qis": {**catalog.operands["qis"], "h": {"rotation": True}}}
    with_catalog(monkeypatch, replace(catalog, operands=operands))
    found = [(d.code, d.pointer, d.message) for d in lint(raw)]
    assert found == [("IQ203", "/input/circuit/0", "h gate has no `rotation`")]
    assert lint_without_shortcuts(raw) == lint(raw)
    assert not screened_clean(raw)


def test_a_dropped_no_controls_fact_leaves_both_forms(monkeypatch: pytest.MonkeyPatch) -> None:
    raw = gates_job({"gate": "swap", "controls": [0], "targets": [1, 2]})
    assert [d.code for d in lint(raw)] == ["IQ210"] and not screened_clean(raw)
    catalog = default_catalog()
    operands = {**catalog.operands, "qis": {**catalog.operands["qis"], "swap": {"targets": 2}}}
    with_catalog(monkeypatch, replace(catalog, operands=operands))
    assert lint(raw) == [] and lint_without_shortcuts(raw) == []
    assert screened_clean(raw)


def test_a_configured_limit_moves_the_rule_and_the_screen() -> None:
    raw = gates_job({"gate": "gpi", "target": 0, "phase": 0.75}, gateset="native")
    assert lint(raw) == [] and screened_clean(raw)
    config = LintConfig(limits={"phase_max": 0.5})
    found = [(d.code, d.message) for d in lint(raw, config=config)]
    assert found == [("IQ301", "phase 0.75 is outside [-1.0, 0.5] turns")]
    with pytest.MonkeyPatch.context() as patch:
        with_catalog(patch, config.catalog())
        assert not screened_clean(raw)


def test_a_zz_phase_beside_its_angle_is_a_plain_number_for_both_forms() -> None:
    # The screen used to bound every native `phase`; the rules never bound zz's (it is its angle).
    raw = gates_job({"gate": "zz", "targets": [0, 1], "angle": 0.1, "phase": 5}, gateset="native")
    assert lint(raw) == [] and screened_clean(raw)


# --- property: the two forms agree on random gates of both gatesets, under random limits ---------

QUBITS = 6
PARAM = st.floats(-1.5, 1.5, allow_nan=False) | st.integers(-2, 2) | st.sampled_from([0.25, 1, -1, 0.0])
INDEX = st.integers(-1, QUBITS)
VALUE = (
    PARAM
    | INDEX
    | st.lists(INDEX, max_size=3)
    | st.lists(st.integers(0, QUBITS - 1), min_size=1, max_size=3, unique=True)
    | st.lists(PARAM, max_size=3)
    | st.sampled_from([None, True, "x", [], [0, 0], [0.0, 1.0], 1.0, 2.5, 1e308])
)
FIELDS = ["target", "targets", "control", "controls", "rotation", "phase", "phases", "angle", "time"]


@st.composite
def native_gate(draw: st.DrawFn) -> dict[str, Any]:
    a, b = draw(st.lists(st.integers(0, QUBITS - 1), min_size=2, max_size=2, unique=True))
    phase = draw(st.floats(-1, 1))
    kind = draw(st.sampled_from(["gpi", "gpi2", "ms", "zz", "nop"]))
    if kind in ("gpi", "gpi2"):
        return {"gate": kind, "target": a, "phase": phase}
    if kind == "ms":
        gate: dict[str, Any] = {"gate": "ms", "targets": [a, b], "phases": [phase, draw(st.floats(-1, 1))]}
        if draw(st.booleans()):
            gate["angle"] = draw(st.floats(0, 0.25))
        return gate
    if kind == "zz":
        return {"gate": "zz", "targets": [a, b], draw(st.sampled_from(["angle", "angle", "phase"])): phase}
    return {"gate": "nop", "targets": [a]}


@st.composite
def qis_gate(draw: st.DrawFn) -> dict[str, Any]:
    a, b, *others = draw(st.permutations(range(QUBITS)))
    name = draw(st.sampled_from(["h", "x", "rx", "cnot", "swap", "xx", "zz"]))
    gate: dict[str, Any] = {"gate": name}
    if name in ("swap", "xx", "zz"):
        gate["targets"] = [a, b]
    elif draw(st.booleans()):
        gate["target"] = a
    else:
        gate["targets"] = [a]
    if name in ("rx", "xx", "zz"):
        gate["rotation"] = draw(PARAM)
    if name == "cnot" or draw(st.booleans()):
        controls = others[: draw(st.integers(1, 3))]
        if len(controls) == 1 and draw(st.booleans()):
            gate["control"] = controls[0]
        else:
            gate["controls"] = controls
    return gate


@st.composite
def gate_job(draw: st.DrawFn) -> tuple[dict[str, Any], dict[str, float]]:
    """A multi-circuit job of one- and two-gate circuits, so one bad gate hides no other from the
    screen (it halves the job down to the circuits it cannot prove clean)."""
    gateset = draw(st.sampled_from(["qis", "native"]))
    gates = draw(st.lists(native_gate() if gateset == "native" else qis_gate(), min_size=1, max_size=10))
    for _ in range(draw(st.integers(0, 3))):
        target = draw(st.sampled_from(gates))
        target[draw(st.sampled_from(FIELDS))] = draw(VALUE)
    if draw(st.booleans()):  # one list operand of another length, otherwise valid
        target = draw(st.sampled_from(gates))
        target["targets"] = draw(st.lists(st.integers(0, QUBITS - 1), min_size=1, max_size=3, unique=True))
        if gateset == "native" and draw(st.booleans()):
            target["phases"] = draw(st.lists(st.floats(-1, 1), min_size=1, max_size=3))
    circuits = [{"circuit": gates[i : i + 2]} for i in range(0, len(gates), 2)]
    job: dict[str, Any] = {
        "type": "ionq.multi-circuit.v1",
        "backend": draw(st.sampled_from(["simulator", "qpu.aria-1", "qpu.forte-1"])),
        "input": {"gateset": gateset, "qubits": QUBITS, "circuits": circuits},
    }
    limits = draw(
        st.fixed_dictionaries(
            {},
            optional={
                "max_controls": st.integers(0, 3),
                "phase_min": st.sampled_from([-1.0, -0.5, 0]),
                "phase_max": st.sampled_from([1.0, 0.5, 0.25]),
                "ms_angle_min": st.sampled_from([0.0, 0.1]),
                "ms_angle_max": st.sampled_from([0.25, 0.2]),
            },
        )
    )
    return job, limits


@pytest.mark.slow
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(gate_job())
def test_the_screen_and_the_rules_agree_on_random_gates(
    case: tuple[dict[str, Any], dict[str, float]],
) -> None:
    job, limits = case
    config = LintConfig(limits=limits)
    raw = json.dumps(job)
    with pytest.MonkeyPatch.context() as patch:
        with_catalog(patch, config.catalog())
        assert lint(raw) == lint_without_shortcuts(raw)
        assert lint(job) == lint_without_shortcuts(job)
