"""IQ401 (too many qubits for the target) and IQ408 (an OpenQASM program's qubits not counted), on
payloads IonQ's clients send and on hand-written ones: what a job needs is its declared counts, or
for a circuit that declares none its highest index + 1, or for an OpenQASM job the qubits its
program declares; what the target has is the backend's count, lowered by a noise model's limit
on the simulator but never lifted or dropped by a model without one."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from ionqkit.validators import Diagnostic, LintConfig, lint
from ionqkit.validators.rules import gates
from tests.validators.samples import CORPUS, dumps, position
from tests.validators.test_screen import lint_without_shortcuts


def corpus(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((CORPUS / name).read_text())
    return data


def iq4(found: list[Diagnostic]) -> list[tuple[str, str]]:
    return [(d.code, d.pointer) for d in found if d.code in ("IQ401", "IQ408")]


def errors(found: list[Diagnostic]) -> list[str]:
    return [f"{d.code} {d.pointer} {d.message}" for d in found if d.is_error]


def hand_written(backend: str, circuit: list[dict[str, Any]]) -> dict[str, Any]:
    """A single-circuit job without `input.qubits` (the spec makes it optional)."""
    return {"type": "ionq.circuit.v1", "backend": backend, "input": {"gateset": "qis", "circuit": circuit}}


# --- a circuit without input.qubits: highest index + 1 ---------------------------------------------


def test_qubit_30_on_aria_without_input_qubits_is_reported_at_the_first_operand_past_25() -> None:
    job = hand_written(
        "qpu.aria-1",
        [
            {"gate": "h", "target": 0},
            {"gate": "cnot", "control": 0, "target": 24},
            {"gate": "x", "controls": [1], "targets": [30]},
            {"gate": "cnot", "control": 31, "target": 2},
        ],
    )
    text = dumps(job)
    found = lint(text)
    assert errors(found) == [
        "IQ401 /input/circuit/2/targets/0 qubit 30 needs 31 qubits: exceeds 25, the qubit count of qpu.aria-1"
    ]
    (finding,) = found
    assert (finding.line, finding.column) == position(text, "30")
    assert finding.hint and "declares no `qubits`" in finding.hint


def test_highest_index_24_fits_aria_and_25_does_not() -> None:
    fits = hand_written("qpu.aria-1", [{"gate": "cnot", "control": 0, "target": 24}])
    assert lint(fits) == []
    over = hand_written("qpu.aria-1", [{"gate": "cnot", "control": 25, "target": 0}])
    assert iq4(lint(over)) == [("IQ401", "/input/circuit/0/control")]


def test_a_real_client_payload_without_its_qubits_is_checked_by_its_indices() -> None:
    job = corpus("v0.4/qiskit-ionq-qpu-aria-no-debias.json")
    del job["input"]["qubits"]
    assert errors(lint(job)) == []
    job["input"]["circuit"][1]["targets"] = [29]
    assert iq4(lint(job)) == [("IQ401", "/input/circuit/1/targets/0")]


def test_v03_jobs_are_checked_the_same_way() -> None:
    job = corpus("v0.3/qiskit-ionq-qpu-aria-no-debias.json")
    del job["input"]["qubits"]
    job["input"]["circuit"][1]["controls"] = [26]
    assert iq4(lint(job)) == [("IQ401", "/input/circuit/1/controls/0")]


def test_declared_qubits_keep_their_own_checks() -> None:
    # With input.qubits, an index past it is IQ207 and the count itself is IQ401.
    job = corpus("v0.4/qiskit-ionq-qpu-aria-no-debias.json")
    job["input"]["circuit"][1]["targets"] = [30]
    assert [d.code for d in lint(job) if d.is_error] == ["IQ207"]
    job["input"]["qubits"] = 31
    assert iq4(lint(job)) == [("IQ401", "/input/qubits")]


def big_job(circuits: int, gates: int, top: int) -> dict[str, Any]:
    """A multi-circuit job without `qubits`, its indices cycling through 0..top."""
    index = iter(range(circuits * gates * 2))
    return {
        "type": "ionq.multi-circuit.v1",
        "backend": "qpu.aria-1",
        "input": {
            "gateset": "qis",
            "circuits": [
                {
                    "circuit": [
                        {"gate": "cnot", "control": next(index) % top, "target": top} for _ in range(gates)
                    ]
                }
                for _ in range(circuits)
            ],
        },
    }


def test_a_5000_circuit_job_without_qubits_is_proved_clean_in_bulk(monkeypatch: pytest.MonkeyPatch) -> None:
    checked: list[str] = []
    monkeypatch.setattr(gates, "check_gate", lambda gate, pointer, *args: checked.append(pointer))
    assert lint(big_job(5000, 30, 24)) == []
    assert checked == []  # no gate was looked at one by one


def test_one_index_past_the_cap_deep_in_a_big_job_is_found_at_its_operand() -> None:
    job = big_job(5000, 30, 24)
    job["input"]["circuits"][3210]["circuit"][17]["target"] = 25
    job["input"]["circuits"][4000]["circuit"][0]["control"] = 40
    found = lint(job)
    assert iq4(found) == [("IQ401", "/input/circuits/3210/circuit/17/target")]  # the first, once


def test_the_screen_and_the_gate_by_gate_rules_report_the_same() -> None:
    job = big_job(40, 5, 20)
    job["input"]["circuits"][7]["qubits"] = 30  # its own count: IQ401 at it, indices below it are fine
    job["input"]["circuits"][9]["circuit"][2]["control"] = 26
    job["input"]["circuits"][12]["circuit"][4]["target"] = 27
    raw = dumps(job)
    assert lint(raw) == lint_without_shortcuts(raw)
    assert iq4(lint(raw)) == [
        ("IQ401", "/input/circuits/7/qubits"),
        ("IQ401", "/input/circuits/9/circuit/2/control"),
    ]


# --- OpenQASM jobs ---------------------------------------------------------------------------------

QASM3 = "v0.4/qiskit-ionq-qasm3-mid-measure.json"


def on_aria(program: str | None = None, qubits: int | None = None) -> dict[str, Any]:
    job = corpus(QASM3)
    job["backend"] = "qpu.aria-1"
    job.pop("noise")
    if program is not None:
        job["input"]["data"] = program
    if qubits is not None:
        job["input"]["qubits"] = qubits
    return job


def test_the_qiskit_ionq_qasm3_job_fits_every_backend() -> None:
    assert errors(lint(corpus(QASM3))) == []
    assert errors(lint(on_aria())) == []


def test_a_program_declaring_40_qubits_is_too_big_for_aria() -> None:
    job = on_aria(corpus(QASM3)["input"]["data"].replace("qubit[2] q;", "qubit[40] q;"))
    text = dumps(job)
    found = [d for d in lint(text) if d.code == "IQ401"]
    assert [(d.pointer, d.message) for d in found] == [
        ("/input/data", "the OpenQASM program declares 40 qubits: exceeds 25, the qubit count of qpu.aria-1")
    ]
    assert (found[0].line, found[0].column) == position(text, '"data"')


@pytest.mark.parametrize(
    "program, fits",
    [
        ("qubit[25] q;", True),
        ("qubit[20] a;\nqubit[6] b;", False),
        ('OPENQASM 2.0;\ninclude "qelib1.inc";\nqreg q[26];', False),
        ("h $24;", True),
        ("cx $0, $25;", False),
        ("// qubit[40] q;\nqubit[2] q;", True),
    ],
)
def test_declared_qubits_against_aria(program: str, fits: bool) -> None:
    assert iq4(lint(on_aria(program))) == ([] if fits else [("IQ401", "/input/data")])


def test_the_input_qubits_qiskit_ionq_sends_with_a_program_is_checked_too() -> None:
    assert iq4(lint(on_aria(qubits=26))) == [("IQ401", "/input/qubits")]


def test_a_program_that_cannot_be_counted_is_a_warning_saying_why() -> None:
    found = [d for d in lint(on_aria("const int n = f();\nqubit[n] q;\n")) if d.code == "IQ408"]
    assert [(d.pointer, d.is_error) for d in found] == [("/input/data", False)]
    assert "line 2: the size in `qubit[n] q;`" in found[0].message
    assert errors(lint(on_aria("/* unterminated"))) == []


def test_a_program_that_is_not_a_string_is_left_to_the_structure_rule() -> None:
    job = on_aria()
    job["input"]["data"] = ["qubit[40] q;"]
    assert iq4(lint(job)) == []


# --- what the target has ---------------------------------------------------------------------------


def noisy(model: str, qubits: int) -> dict[str, Any]:
    job = corpus("v0.4/qiskit-ionq-simulator-noise-forte.json")
    job["noise"]["model"] = model
    job["input"]["qubits"] = qubits
    return job


def test_a_noise_model_without_a_count_leaves_the_simulators_29() -> None:
    found = [d for d in lint(noisy("forte-enterprise-1", 100)) if d.code == "IQ401"]
    assert [d.message for d in found] == [
        "input.qubits=100 exceeds 29, the qubit count of simulator "
        "(noise model 'forte-enterprise-1' has no published limit of its own)"
    ]
    assert errors(lint(noisy("forte-enterprise-1", 29))) == []


def test_a_noise_model_with_a_lower_count_names_itself() -> None:
    (found,) = [d for d in lint(noisy("aria-1", 26)) if d.code == "IQ401"]
    assert found.message == "input.qubits=26 exceeds 25, the limit of simulator with noise model 'aria-1'"
    assert errors(lint(noisy("aria-1", 25))) == []


def test_a_noise_model_never_lifts_the_simulators_own_count() -> None:
    config = LintConfig(backends={"simulator": {"qubits": 20}})
    (found,) = [d for d in lint(noisy("forte-1", 21), config=config) if d.code == "IQ401"]
    assert found.message == "input.qubits=21 exceeds 20, the qubit count of simulator"


def test_a_backend_without_a_count_is_not_checked() -> None:
    job = corpus("v0.4/qiskit-ionq-qpu-forte-enterprise-extra-metadata.json")
    job["input"]["qubits"] = 100
    assert iq4(lint(job)) == []
    assert iq4(lint(job, config=LintConfig(backends={"qpu.forte-enterprise-1": {"qubits": 36}}))) == [
        ("IQ401", "/input/qubits")
    ]


def test_the_repository_corpus_is_unchanged_by_the_qubit_rules() -> None:
    for path in sorted(Path(CORPUS).rglob("*.json")):
        assert iq4(lint(path.read_bytes())) == [], path.name
