"""Property tests: random valid circuits lint clean, random single defects are caught where they
are, random bytes and random JSON never crash, and the fast screen never hides a finding."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ionqkit.validators import Diagnostic, lint
from ionqkit.validators.config import LintConfig
from ionqkit.validators.context import Context
from ionqkit.validators.engine import run
from ionqkit.validators.parse import parse
from ionqkit.validators.rules import gates, native
from ionqkit.validators.screen import screen_circuits
from ionqkit.validators.specdata import spec_facts
from ionqkit.validators.view import build

ONE_QUBIT = ["x", "y", "z", "h", "s", "si", "t", "ti", "v", "vi", "not"]
ROTATIONS = ["rx", "ry", "rz"]
PAIRS = ["xx", "yy", "zz"]
FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def qis_gate(draw: st.DrawFn, qubits: int) -> dict[str, Any]:
    distinct = st.lists(st.integers(0, qubits - 1), min_size=2, max_size=2, unique=True)
    kind = draw(st.sampled_from(["one", "rot", "cnot", "ctrl", "swap", "pair"]))
    q = draw(st.integers(0, qubits - 1))
    angle = draw(st.floats(-10, 10, allow_nan=False))
    if kind == "one":
        key = draw(st.sampled_from(["target", "targets"]))
        return {"gate": draw(st.sampled_from(ONE_QUBIT)), key: q if key == "target" else [q]}
    if kind == "rot":
        return {"gate": draw(st.sampled_from(ROTATIONS)), "targets": [q], "rotation": angle}
    a, b = draw(distinct)
    if kind == "cnot":
        return {"gate": "cnot", "control": a, "target": b}
    if kind == "ctrl":
        return {"gate": draw(st.sampled_from(ONE_QUBIT)), "controls": [a], "targets": [b]}
    if kind == "swap":
        return {"gate": "swap", "targets": [a, b]}
    return {"gate": draw(st.sampled_from(PAIRS)), "targets": [a, b], "rotation": angle}


@st.composite
def valid_job(draw: st.DrawFn) -> dict[str, Any]:
    qubits = draw(st.integers(2, 25))
    circuit = draw(st.lists(qis_gate(qubits), min_size=1, max_size=30))
    return {
        "type": "ionq.circuit.v1",
        "backend": draw(st.sampled_from(["simulator", "qpu.aria-1", "qpu.forte-1"])),
        "shots": draw(st.integers(1, 1_000_000)),
        "input": {"gateset": "qis", "qubits": qubits, "circuit": circuit},
    }


@FAST
@given(valid_job())
def test_random_valid_circuits_lint_clean(job: dict[str, Any]) -> None:
    assert lint(json.dumps(job)) == []


DEFECTS: dict[str, Callable[[dict[str, Any], int], tuple[str, Any]]] = {
    "IQ207": lambda g, n: ("target", n) if "target" in g else ("targets", [n, *g["targets"][1:]]),
    "IQ205": lambda g, n: ("target", -2) if "target" in g else ("targets", [0.5, *g["targets"][1:]]),
    "IQ201": lambda g, n: ("gate", "hadamard"),
    "IQ202": lambda g, n: ("gate", "gpi2"),
    "IQ103": lambda g, n: ("rotation", "fast") if "rotation" in g else ("gate", 7),
}


@FAST
@given(valid_job(), st.sampled_from(sorted(DEFECTS)), st.data())
def test_a_random_single_defect_is_caught_at_its_gate(
    job: dict[str, Any], code: str, data: st.DataObject
) -> None:
    circuit = job["input"]["circuit"]
    index = data.draw(st.integers(0, len(circuit) - 1))
    key, value = DEFECTS[code](circuit[index], job["input"]["qubits"])
    circuit[index][key] = value
    found = lint(json.dumps(job))
    where = f"/input/circuit/{index}/"
    assert any(d.code == code and d.pointer.startswith(where) for d in found), found
    assert all(d.pointer.startswith(where) for d in found if d.is_error), found


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=200))
def test_random_bytes_never_crash(raw: bytes) -> None:
    assert all(isinstance(d, Diagnostic) for d in lint(raw))


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=30,
)
KEYS = st.sampled_from(
    [
        "type",
        "backend",
        "input",
        "shots",
        "noise",
        "metadata",
        "settings",
        "circuit",
        "circuits",
        "gateset",
        "qubits",
        "gate",
        "target",
        "targets",
        "controls",
    ]
)


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(KEYS, JSON | st.dictionaries(KEYS, JSON, max_size=5), max_size=8))
def test_random_json_shaped_like_a_job_never_crashes(data: dict[str, Any]) -> None:
    assert all(isinstance(d, Diagnostic) for d in lint(json.dumps(data)))
    assert all(isinstance(d, Diagnostic) for d in lint(data))


@st.composite
def noisy_circuit(draw: st.DrawFn) -> dict[str, Any]:
    job = draw(valid_job())
    circuit = job["input"]["circuit"]
    for _ in range(draw(st.integers(0, 2))):
        index = draw(st.integers(0, len(circuit) - 1))
        key = draw(st.sampled_from(["target", "targets", "controls", "control", "rotation", "gate", "phase"]))
        circuit[index][key] = draw(JSON | st.integers(-1, 30) | st.sampled_from(["h", "ms", "gpi"]))
    return job


@settings(max_examples=200, deadline=None)
@given(noisy_circuit())
def test_screen_never_calls_a_circuit_clean_that_has_gate_findings(job: dict[str, Any]) -> None:
    ctx = Context(facts=spec_facts("v0.4"), catalog=LintConfig().catalog())
    view = build(job, "v0.4", ctx)
    native.prepare(view, ctx)
    (circuit,) = view.circuits
    if not screen_circuits([circuit], ctx).clean:
        return
    for index, gate in enumerate(circuit.gates):
        gates.check_gate(gate, f"/input/circuit/{index}", circuit, ctx)
    assert ctx.found == []
    assert run(parse(json.dumps(job), "job.json"), LintConfig()) == []
