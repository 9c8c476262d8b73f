"""The bulk shortcuts (the gate screen, the per-circuit structure check) never change what lint
reports: every job lints to the same findings with the shortcuts switched off."""

from __future__ import annotations

import copy
import json
from collections.abc import Sequence
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ionqkit.validators import Diagnostic, lint
from ionqkit.validators import engine as lint_engine
from ionqkit.validators.context import CircuitView, Context
from ionqkit.validators.rules import structure
from ionqkit.validators.screen import ScreenResult
from tests.validators.test_properties import JSON, qis_gate

CIRCUIT_KEYS = ["name", "qubits", "gateset", "registers", "circuit", "shots"]


def no_screen(circuits: Sequence[CircuitView], ctx: Context) -> ScreenResult:
    """Every circuit goes through the gate-by-gate rules."""
    return ScreenResult(suspects=[c for c in circuits if isinstance(c.gates, list)])


def lint_without_shortcuts(payload: str | dict[str, Any]) -> list[Diagnostic]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(lint_engine, "screen_circuits", no_screen)
        patch.setattr(structure, "_circuits_clean", lambda *args: False)
        return lint(payload)


@st.composite
def multi_job(draw: st.DrawFn) -> dict[str, Any]:
    qubits = draw(st.integers(2, 8))
    circuits = []
    for index in range(draw(st.integers(1, 12))):
        circuit: dict[str, Any] = {
            "name": f"c{index}",
            "circuit": draw(st.lists(qis_gate(qubits), min_size=0, max_size=6)),
        }
        if draw(st.booleans()):
            circuit["qubits"] = draw(st.integers(1, 8))
        circuits.append(circuit)
    return {
        "type": "ionq.multi-circuit.v1",
        "backend": "simulator",
        "input": {"gateset": "qis", "qubits": qubits, "circuits": circuits},
    }


@st.composite
def damaged_multi_job(draw: st.DrawFn) -> dict[str, Any]:
    """A valid multi-circuit job with a few random values put into circuits and gates."""
    job = draw(multi_job())
    circuits = job["input"]["circuits"]
    for _ in range(draw(st.integers(0, 3))):
        circuit = draw(st.sampled_from(circuits))
        value = draw(JSON | st.integers(-1, 9) | st.sampled_from(["h", "ms", "native", "qis"]))
        gates = circuit["circuit"]
        editable = isinstance(gates, list) and gates and all(isinstance(g, dict) for g in gates)
        if editable and draw(st.booleans()):
            gate = draw(st.sampled_from(gates))
            key = draw(st.sampled_from(["target", "targets", "controls", "control", "rotation", "gate"]))
            gate[key] = value
        else:
            circuit[draw(st.sampled_from(CIRCUIT_KEYS))] = value
    return job


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(damaged_multi_job())
def test_shortcuts_report_exactly_what_the_full_rules_report(job: dict[str, Any]) -> None:
    raw = json.dumps(job)
    assert lint(raw) == lint_without_shortcuts(raw)
    assert lint(job) == lint_without_shortcuts(job)


@st.composite
def undeclared_job(draw: st.DrawFn) -> dict[str, Any]:
    """A multi-circuit job on qpu.aria-1 (25 qubits) that declares no `qubits`: the indices, up to
    30, are checked against the backend's count (IQ401), in bulk by the screen."""
    circuits = [
        {"circuit": draw(st.lists(qis_gate(31), min_size=0, max_size=6))}
        for _ in range(draw(st.integers(1, 8)))
    ]
    return {
        "type": "ionq.multi-circuit.v1",
        "backend": "qpu.aria-1",
        "input": {"gateset": "qis", "circuits": circuits},
    }


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(undeclared_job())
def test_shortcuts_agree_on_circuits_that_declare_no_qubits(job: dict[str, Any]) -> None:
    raw = json.dumps(job)
    assert lint(raw) == lint_without_shortcuts(raw)


def many_circuits(count: int) -> dict[str, Any]:
    bell = [{"gate": "h", "target": 0}, {"gate": "cnot", "control": 0, "target": 1}]
    circuits = [{"name": f"c{i}", "circuit": copy.deepcopy(bell)} for i in range(count)]
    return {
        "type": "ionq.multi-circuit.v1",
        "backend": "simulator",
        "input": {"gateset": "qis", "qubits": 2, "circuits": circuits},
    }


def test_bad_gates_deep_in_a_big_job_are_each_found_in_document_order() -> None:
    job = many_circuits(3000)
    circuits = job["input"]["circuits"]
    circuits[2999]["circuit"][1]["target"] = 0  # control == target
    circuits[137]["circuit"][0]["target"] = 2  # outside input.qubits
    circuits[1500]["circuit"][1]["gate"] = "gpi2"  # native gate in a qis circuit
    found = [(d.code, d.pointer) for d in lint(json.dumps(job, indent=1))]
    assert found == [
        ("IQ207", "/input/circuits/137/circuit/0/target"),
        ("IQ202", "/input/circuits/1500/circuit/1/gate"),
        ("IQ208", "/input/circuits/2999/circuit/1/target"),
    ]


def test_a_clean_big_job_is_clean() -> None:
    assert lint(json.dumps(many_circuits(3000))) == []


def test_huge_rotations_are_numbers_not_a_crash() -> None:
    job = copy.deepcopy(many_circuits(1))
    job["input"]["circuits"][0]["circuit"] = [
        {"gate": "rx", "targets": [0], "rotation": 1e308},
        {"gate": "rx", "targets": [1], "rotation": 1e308},
    ]
    assert lint(json.dumps(job)) == []


def test_gates_with_the_same_name_and_different_keys_are_all_checked() -> None:
    job = many_circuits(1)
    job["input"]["circuits"][0]["circuit"] = [
        {"gate": "x", "target": 0},
        {"gate": "x", "controls": [0], "targets": [1]},
        {"gate": "x", "targets": [1], "control": 1},  # control is also a target
    ]
    found = [(d.code, d.pointer) for d in lint(json.dumps(job))]
    assert found == [("IQ208", "/input/circuits/0/circuit/2/control")]


def test_unhashable_qubit_operands_are_reported_not_a_crash() -> None:
    job = many_circuits(1)
    job["input"]["circuits"][0]["circuit"] = [
        {"gate": "xx", "targets": [0, 1], "rotation": 0.0, "controls": [None, []]}
    ]
    found = [(d.code, d.pointer) for d in lint(json.dumps(job))]
    assert found == [
        ("IQ205", "/input/circuits/0/circuit/0/controls/0"),
        ("IQ205", "/input/circuits/0/circuit/0/controls/1"),
    ]


@pytest.mark.parametrize(
    ("circuit", "gate", "ambiguous"),
    [
        (2222, 0, {"gate": "h", "target": 0, "targets": [1]}),
        (17, 1, {"gate": "cnot", "control": 0, "controls": [0], "target": 1}),
    ],
    ids=["target-and-targets", "control-and-controls"],
)
def test_one_gate_with_both_spellings_in_a_big_clean_job_is_found(
    circuit: int, gate: int, ambiguous: dict[str, Any]
) -> None:
    """The screen cannot prove such a gate clean, so the gate-by-gate rules see it and warn."""
    job = many_circuits(3000)
    job["input"]["circuits"][circuit]["circuit"][gate] = ambiguous
    raw = json.dumps(job, indent=1)
    found = lint(raw)
    assert [(d.code, d.pointer) for d in found] == [("IQ213", f"/input/circuits/{circuit}/circuit/{gate}")]
    assert found == lint_without_shortcuts(raw)
