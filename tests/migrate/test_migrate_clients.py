"""Payloads captured from real v0.3 clients (qiskit-ionq 0.5, cirq-ionq 1.5) migrate to valid v0.4.

The fixtures come from tools/migrate/capture_v03_payloads.py (client versions in SOURCES.txt).
"""

from __future__ import annotations

from pathlib import Path

import jsonschema
import pytest

from ionqkit.migrate import migrate_payload
from ionqkit.spec.pointers import split_pointer

from .conftest import FIXTURES, client_payloads, read


def test_fixtures_cover_both_clients() -> None:
    names = [path.name for path in client_payloads()]
    assert any(n.startswith("qiskit-ionq-") for n in names) and any(n.startswith("cirq-ionq-") for n in names)
    assert "qiskit-ionq==0.5." in (FIXTURES / "SOURCES.txt").read_text()
    assert "cirq-ionq==1.5." in (FIXTURES / "SOURCES.txt").read_text()


@pytest.mark.parametrize("path", client_payloads(), ids=lambda p: p.stem)
def test_client_payload_migrates_completely_to_a_valid_v04_payload(
    path: Path, v04_payload_validator: jsonschema.Draft4Validator
) -> None:
    original = read(path)
    assert not v04_payload_validator.is_valid(original), "the v0.3 payload itself is not v0.4"
    migration = migrate_payload(original)
    assert migration.unmapped == []
    errors = [e.message for e in v04_payload_validator.iter_errors(migration.payload)]
    assert errors == []


@pytest.mark.parametrize("path", client_payloads(), ids=lambda p: p.stem)
def test_every_change_names_a_field_of_the_original_payload(path: Path) -> None:
    original = read(path)
    for note in migrate_payload(original).changes:
        node = original
        for token in split_pointer(note.pointer):
            node = node[token]  # KeyError if the note names something that is not there


@pytest.mark.parametrize("path", client_payloads(), ids=lambda p: p.stem)
def test_migrated_client_payload_lints_without_errors(path: Path) -> None:
    from ionqkit.validators import lint

    migrated = migrate_payload(read(path)).payload
    errors = [d for d in lint(migrated, api_version="v0.4") if d.severity == "error"]
    assert errors == [], "\n".join(f"{d.code} {d.pointer}: {d.message}" for d in errors)
