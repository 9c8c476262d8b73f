"""specs/ionq-job.schema.json: a valid draft 2020-12 schema, structurally identical to seed 004, and
its overlay turning it into one that accepts what IonQ's v0.4 API accepts."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from .spec_helpers import without_prose

QASM3_JOB = {
    "type": "ionq.qasm3.v1",
    "backend": "simulator",
    "input": {"data": "OPENQASM 3.0; qubit[1] q; h q[0];"},
}
QUANTUM_FUNCTION_JOB = {
    "type": "quantum-function",
    "backend": "simulator",
    "shots": 100,
    "input": {"type": "hamiltonian-energy"},
}
CIRCUIT_JOB_WITHOUT_SHOTS = {
    "type": "ionq.circuit.v1",
    "backend": "qpu.aria-1",
    "input": {"gateset": "qis", "circuit": [{"gate": "h", "target": 0}]},
}


def is_valid(schema: Any, instance: Any) -> bool:
    return bool(Draft202012Validator(schema).is_valid(instance))


def test_schema_passes_its_metaschema(job_schema: Any) -> None:
    assert job_schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(job_schema)


def test_schema_still_passes_its_metaschema_once_patched(job_schema_patched: Any) -> None:
    Draft202012Validator.check_schema(job_schema_patched)


def test_schema_is_the_seed_schema_apart_from_descriptions(job_schema: Any, seed_job_schema: Any) -> None:
    assert without_prose(job_schema) == without_prose(seed_job_schema)


def test_the_catalogue_example_job_is_valid_before_and_after_the_overlay(
    shared: Path, job_schema: Any, job_schema_patched: Any
) -> None:
    example = json.loads((shared / "reference" / "examples" / "ionq-create-job-example.json").read_text())
    assert is_valid(job_schema, example)
    assert is_valid(job_schema_patched, example)


@pytest.mark.parametrize("job", [QASM3_JOB, QUANTUM_FUNCTION_JOB, CIRCUIT_JOB_WITHOUT_SHOTS])
def test_v0_4_payloads_rejected_by_the_seed_are_accepted_once_patched(
    job_schema: Any, job_schema_patched: Any, job: dict[str, Any]
) -> None:
    assert not is_valid(job_schema, job)
    assert is_valid(job_schema_patched, job)


def test_the_misnamed_quantum_function_type_is_rejected_once_patched(job_schema_patched: Any) -> None:
    assert not is_valid(job_schema_patched, {**QUANTUM_FUNCTION_JOB, "type": "quantum-function.v1"})


@pytest.mark.parametrize("status", ["running", "started"])
def test_both_names_of_a_running_job_are_accepted_once_patched(job_schema_patched: Any, status: str) -> None:
    assert is_valid(job_schema_patched, {**CIRCUIT_JOB_WITHOUT_SHOTS, "status": status})


def test_the_overlay_keeps_the_seed_constraints_it_does_not_mention(job_schema_patched: Any) -> None:
    assert not is_valid(job_schema_patched, {**CIRCUIT_JOB_WITHOUT_SHOTS, "shots": 0})
    assert not is_valid(job_schema_patched, {**CIRCUIT_JOB_WITHOUT_SHOTS, "backend": "qpu.nowhere"})
    assert not is_valid(job_schema_patched, {**CIRCUIT_JOB_WITHOUT_SHOTS, "metadata": {"count": 3}})
    assert not is_valid(job_schema_patched, {"backend": "simulator", "input": {}})
