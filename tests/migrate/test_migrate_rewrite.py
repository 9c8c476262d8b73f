"""migrate_payload: the v0.3 -> v0.4 rewrites, one rule at a time, and what it refuses to guess."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from ionqkit.migrate import migrate_payload

# The v0.3 create-job body as the v0.3 docs show it (facts sheet section 9).
DOCS_V03 = {
    "target": "qpu.aria-1",
    "shots": 1024,
    "name": "ghz",
    "metadata": {"k": "v"},
    "error_mitigation": {"debias": True},
    "input": {
        "format": "ionq.circuit.v0",
        "gateset": "qis",
        "qubits": 3,
        "circuit": [{"gate": "h", "target": 0}, {"gate": "cnot", "control": 0, "target": 1}],
    },
}


def test_the_documented_v03_payload_becomes_the_documented_v04_shape() -> None:
    migration = migrate_payload(DOCS_V03)
    assert migration.complete
    assert migration.payload == {
        "type": "ionq.circuit.v1",
        "name": "ghz",
        "backend": "qpu.aria-1",
        "shots": 1024,
        "metadata": {"k": "v"},
        "settings": {"error_mitigation": {"debiasing": True}},
        "input": {
            "gateset": "qis",
            "qubits": 3,
            "circuit": [{"gate": "h", "target": 0}, {"gate": "cnot", "control": 0, "target": 1}],
        },
    }
    assert [str(note) for note in migration.changes] == [
        "/target -> /backend: target renamed to backend",
        "/input/format -> /type: input format ionq.circuit.v0 becomes type ionq.circuit.v1",
        "/error_mitigation/debias -> /settings/error_mitigation/debiasing: "
        "error_mitigation.debias moved to settings.error_mitigation.debiasing",
    ]


def test_the_input_payload_is_not_modified() -> None:
    original = copy.deepcopy(DOCS_V03)
    migrate_payload(DOCS_V03)
    assert original == DOCS_V03


def test_multicircuit_input_becomes_a_multi_circuit_job() -> None:
    payload = {
        "target": "simulator",
        "input": {"circuits": [{"name": "a", "circuit": [{"gate": "x", "target": 0}]}]},
    }
    migration = migrate_payload(payload)
    assert migration.payload["type"] == "ionq.multi-circuit.v1"
    # no format and no gateset: v0.3's defaults are written out, and said so
    assert migration.payload["input"]["gateset"] == "qis"
    assert "/input -> /input/gateset: gateset set to 'qis', v0.3's default" in [
        str(n) for n in migration.changes
    ]


def test_missing_target_becomes_v03_default_backend() -> None:
    migration = migrate_payload({"input": {"circuit": []}})
    assert migration.payload["backend"] == "simulator"


def test_older_cirq_body_lang_form_becomes_input() -> None:
    payload = {"target": "simulator", "lang": "json", "body": {"gateset": "qis", "qubits": 1, "circuit": []}}
    migration = migrate_payload(payload)
    assert migration.complete
    assert migration.payload["input"] == {"gateset": "qis", "qubits": 1, "circuit": []}
    assert "lang" not in migration.payload and "body" not in migration.payload


@pytest.mark.parametrize(("shots", "expected"), [("1000", 1000), (1000.0, 1000), (100, 100)])
def test_whole_number_shots_become_integers(shots: Any, expected: int) -> None:
    migration = migrate_payload({"target": "simulator", "shots": shots, "input": {"circuit": []}})
    assert migration.payload["shots"] == expected
    assert type(migration.payload["shots"]) is int
    assert any(n.pointer == "/shots" for n in migration.changes) == (type(shots) is not int)


def test_registers_and_null_noise_seed_are_dropped_with_a_note() -> None:
    payload = {
        "target": "simulator",
        "input": {"circuit": []},
        "registers": {"meas_mapped": [0, 1]},
        "noise": {"model": "aria-1", "seed": None},
    }
    migration = migrate_payload(payload)
    assert "registers" not in migration.payload
    assert migration.payload["noise"] == {"model": "aria-1"}
    assert {n.pointer for n in migration.changes} >= {"/registers", "/noise/seed"}


def test_scalar_metadata_values_become_strings() -> None:
    migration = migrate_payload({"input": {"circuit": []}, "metadata": {"run": 3, "ok": True}})
    assert migration.payload["metadata"] == {"run": "3", "ok": "true"}


@pytest.mark.parametrize(
    ("payload", "pointer", "reason"),
    [
        ({"input": {"format": "openqasm", "data": "OPENQASM 2.0;"}}, "/input/format", "has no v0.4 job type"),
        ({"input": [{"format": "ionq.circuit.v0", "circuit": []}]}, "/input", "legacy list form"),
        ({"input": {"circuit": []}, "shots": 10.5}, "/shots", "not a whole number"),
        # str.isdigit() is true for both: int() refused the first (exit 3) and read the second as 3.
        ({"input": {"circuit": []}, "shots": "\u00b2"}, "/shots", "not a whole number"),
        ({"input": {"circuit": []}, "shots": "\u0663"}, "/shots", "not a whole number"),
        ({"input": {"circuit": []}, "priority": "high"}, "/priority", "no v0.4 equivalent"),
        (
            {"target": "simulator", "backend": "qpu.aria-1", "input": {"circuit": []}},
            "/target",
            "both target",
        ),
        ({"input": {"circuit": []}, "metadata": {"tags": ["a"]}}, "/metadata/tags", "must be strings"),
        (
            {"input": {"circuit": []}, "error_mitigation": {"sharpen": True}},
            "/error_mitigation/sharpen",
            "no v0.4",
        ),
        ({"lang": "qasm", "body": "OPENQASM 2.0;"}, "/body", "lang 'qasm'"),
        ({"target": "simulator"}, "", "no input"),
        ([1, 2], "", "must be a JSON object"),
    ],
)
def test_what_has_no_v04_equivalent_is_reported_not_guessed(payload: Any, pointer: str, reason: str) -> None:
    migration = migrate_payload(payload)
    assert not migration.complete
    assert any(n.pointer == pointer and reason in n.message for n in migration.unmapped), migration.unmapped


def test_unmapped_fields_are_kept_untouched() -> None:
    migration = migrate_payload({"input": {"circuit": []}, "priority": "high"})
    assert migration.payload["priority"] == "high"


def test_a_v04_payload_is_returned_unchanged() -> None:
    payload = {"type": "ionq.circuit.v1", "backend": "simulator", "input": {"gateset": "qis", "circuit": []}}
    migration = migrate_payload(payload)
    assert (migration.payload, migration.changes, migration.unmapped) == (payload, [], [])


def test_migrating_twice_changes_nothing_the_second_time() -> None:
    once = migrate_payload(DOCS_V03)
    twice = migrate_payload(once.payload)
    assert twice.payload == once.payload and twice.changes == []
