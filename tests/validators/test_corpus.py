"""The payloads IonQ's own clients send (tests/validators/corpus, captured by
tools/corpus/capture_client_payloads.py) lint without errors, and one-defect mutants of them are
caught by the right code at the right pointer."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from ionqkit.validators import lint
from tests.validators.samples import CORPUS, CORPUS_FILES, SINCE_CAPTURE, since_capture


def test_corpus_has_both_clients_and_both_versions() -> None:
    names = {p.name for p in CORPUS_FILES}
    for prefix in ("qiskit-ionq", "cirq-ionq"):
        assert any(n.startswith(prefix) for n in names)
    assert {p.parent.name for p in CORPUS_FILES} == {"v0.3", "v0.4"}


@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_real_client_payload_has_no_errors(path: Path) -> None:
    """None but what changed at IonQ since the capture (a retired backend)."""
    errors = [(d.code, d.pointer) for d in lint(path.read_bytes(), name=path.name) if d.is_error]
    assert errors == since_capture(path)


def test_every_since_capture_entry_names_a_corpus_file() -> None:
    assert set(SINCE_CAPTURE) <= {f"{p.parent.name}/{p.name}" for p in CORPUS_FILES}


@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_real_client_payload_auto_detects_its_version(path: Path) -> None:
    as_other = "v0.4" if path.parent.name == "v0.3" else "v0.3"
    codes = {d.code for d in lint(path.read_bytes(), api_version=as_other)}
    assert ("IQ110" if as_other == "v0.4" else "IQ112") in codes


def _gates_pointer(data: dict[str, Any]) -> str:
    inp = "input" if "input" in data else "body"
    return f"/{inp}/circuits/0/circuit" if "circuits" in data[inp] else f"/{inp}/circuit"


def _node(data: Any, pointer: str) -> Any:
    for token in pointer.strip("/").split("/"):
        data = data[int(token)] if isinstance(data, list) else data[token]
    return data


Mutant = Callable[[dict[str, Any], str], tuple[str, str]]  # edits data; returns (code, pointer)


def out_of_range(data: dict[str, Any], gates: str) -> tuple[str, str]:
    first = _node(data, gates)[0]
    key = "targets" if "targets" in first else "target"
    if key == "targets":
        first["targets"][0] = 99
        return "IQ207", f"{gates}/0/targets/0"
    first["target"] = 99
    return "IQ207", f"{gates}/0/target"


def unknown_gate(data: dict[str, Any], gates: str) -> tuple[str, str]:
    _node(data, gates)[-1]["gate"] = "toffoli"
    return "IQ201", f"{gates}/{len(_node(data, gates)) - 1}/gate"


def fractional_index(data: dict[str, Any], gates: str) -> tuple[str, str]:
    first = _node(data, gates)[0]
    if "targets" in first:
        first["targets"][0] = 0.5
        return "IQ205", f"{gates}/0/targets/0"
    first["target"] = 0.5
    return "IQ205", f"{gates}/0/target"


def zero_shots(data: dict[str, Any], gates: str) -> tuple[str, str]:
    data["shots"] = 0
    return "IQ501", "/shots"


def unknown_backend(data: dict[str, Any], gates: str) -> tuple[str, str]:
    key = "backend" if "backend" in data else "target"
    data[key] = "qpu.imaginary-7"
    return "IQ402", f"/{key}"


def numeric_metadata(data: dict[str, Any], gates: str) -> tuple[str, str]:
    data.setdefault("metadata", {})["count"] = 3
    return "IQ601", "/metadata/count"


GATE_MUTANTS = [out_of_range, unknown_gate, fractional_index]
JOB_MUTANTS = [zero_shots, unknown_backend, numeric_metadata]


def _has_gates(path: Path) -> bool:
    job: dict[str, Any] = json.loads(path.read_text())
    return job.get("type") != "ionq.qasm3.v1"  # OpenQASM 3 jobs carry source text, not gates


CASES = [
    pytest.param(path, mutant, id=f"{path.parent.name}/{path.name}-{mutant.__name__}")
    for path in CORPUS_FILES
    for mutant in (GATE_MUTANTS + JOB_MUTANTS if _has_gates(path) else JOB_MUTANTS)
]


@pytest.mark.parametrize(("path", "mutant"), CASES)
def test_one_defect_mutant_is_caught_where_it_is(path: Path, mutant: Mutant) -> None:
    data = json.loads(path.read_text())
    code, pointer = mutant(data, _gates_pointer(data) if _has_gates(path) else "")
    text = json.dumps(data, indent=2)
    known = since_capture(path)
    errors = [(d.code, d.pointer, d.line, d.column) for d in lint(text) if d.is_error]
    errors = [e for e in errors if e[:2] not in known]
    key = pointer.rsplit("/", 1)[-1]
    assert (code, pointer) in [(c, p) for c, p, _, _ in errors]
    line, column = next((ln, col) for c, p, ln, col in errors if (c, p) == (code, pointer))
    if not key.isdigit():
        assert text[_offset(text, line, column) :].startswith(f'"{key}"')
    assert len(errors) == 1, errors


def _offset(text: str, line: int | None, column: int | None) -> int:
    assert line is not None and column is not None
    return sum(len(row) + 1 for row in text.split("\n")[: line - 1]) + column - 1


def test_corpus_dir_holds_only_payloads_and_sources() -> None:
    extra = {p.name for p in CORPUS.rglob("*") if p.is_file() and p.suffix not in (".json", ".txt")}
    assert extra == set()
