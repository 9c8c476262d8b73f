"""Sample payloads and helpers the validator tests share."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

CORPUS = Path(__file__).resolve().parent / "corpus"
CORPUS_FILES = sorted(p for p in CORPUS.rglob("*.json"))

# What IonQ would answer today that it did not when a corpus payload was captured: (code, pointer)
# per file, by "<version folder>/<name>". The files stay as the clients sent them.
SINCE_CAPTURE: dict[str, list[tuple[str, str]]] = {
    # qpu.aria-2 has been retired since (specs/backends.yaml; IQ404).
    "v0.3/qiskit-ionq-qpu-aria-native-ms-multi.json": [("IQ404", "/target")],
    "v0.4/qiskit-ionq-qpu-aria-native-ms-multi.json": [("IQ404", "/backend")],
}


def since_capture(path: Path) -> list[tuple[str, str]]:
    return SINCE_CAPTURE.get(f"{path.parent.name}/{path.name}", [])


BELL: dict[str, Any] = {
    "type": "ionq.circuit.v1",
    "backend": "qpu.aria-1",
    "shots": 1000,
    "name": "bell",
    "metadata": {"experiment": "bell"},
    "settings": {"error_mitigation": {"debiasing": True}},
    "input": {
        "gateset": "qis",
        "qubits": 2,
        "circuit": [
            {"gate": "h", "target": 0},
            {"gate": "cnot", "control": 0, "target": 1},
            {"gate": "rx", "targets": [1], "rotation": 0.5},
        ],
    },
}

NATIVE: dict[str, Any] = {
    "type": "ionq.circuit.v1",
    "backend": "qpu.forte-1",
    "shots": 100,
    "input": {
        "gateset": "native",
        "qubits": 3,
        "circuit": [
            {"gate": "gpi", "target": 0, "phase": 0.25},
            {"gate": "gpi2", "target": 1, "phase": -0.5},
            {"gate": "zz", "targets": [1, 2], "angle": 0.125},
        ],
    },
}

# An OpenQASM 3 job as qiskit-ionq sends it (`qubit[2] q;`, with input.qubits).
QASM3: dict[str, Any] = json.loads((CORPUS / "v0.4" / "qiskit-ionq-qasm3-mid-measure.json").read_text())

MULTI: dict[str, Any] = {
    "type": "ionq.multi-circuit.v1",
    "backend": "simulator",
    "shots": 500,
    "input": {
        "gateset": "native",
        "qubits": 2,
        "circuits": [
            {"name": "qis override", "gateset": "qis", "circuit": [{"gate": "h", "target": 0}]},
            {"name": "native", "circuit": [{"gate": "ms", "targets": [0, 1], "phases": [0, 0.25]}]},
        ],
    },
}


def payload(base: dict[str, Any]) -> dict[str, Any]:
    return copy.deepcopy(base)


def dumps(data: Any) -> str:
    """Pretty JSON as users write it: one key per line, so each finding has its own line."""
    return json.dumps(data, indent=2)


def position(text: str, needle: str, occurrence: int = 1) -> tuple[int, int]:
    """1-based line:column of the n-th occurrence of `needle`, found by plain string search."""
    start = -1
    for _ in range(occurrence):
        start = text.index(needle, start + 1)
    line = text.count("\n", 0, start) + 1
    return line, start - (text.rfind("\n", 0, start) + 1) + 1
