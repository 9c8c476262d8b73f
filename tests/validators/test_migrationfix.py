"""IQ110's unsafe fix is `ionqkit migrate`'s rewrite, made with the fewest edits."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ionqkit.migrate.rewrite import migrate_payload
from ionqkit.validators import fix
from ionqkit.validators.fixapply import apply_changes, same
from ionqkit.validators.fixes import AddMember, RemoveMember, RenameKey, SetValue
from ionqkit.validators.migrationfix import migration_changes
from tests.validators.samples import CORPUS_FILES

V03 = [p for p in CORPUS_FILES if p.parent.name == "v0.3"]
V03 += sorted((Path(__file__).resolve().parents[1] / "migrate" / "fixtures" / "v03").glob("*.json"))


@pytest.mark.parametrize("path", V03, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_the_changes_make_exactly_the_migrated_payload(path: Path) -> None:
    data = json.loads(path.read_text())
    migration = migrate_payload(data)
    changes = migration_changes(data)
    if not migration.complete:
        assert changes is None
        return
    assert changes is not None
    assert same(apply_changes(data, changes), migration.payload)
    fixed = fix(path.read_text(), api_version="v0.4", unsafe_fixes=True)
    assert same(json.loads(fixed.after), migrate_payload(json.loads(fixed.before)).payload)
    assert "IQ110" in {d.code for d in fixed.applied}


def test_renamed_members_keep_their_values_in_place() -> None:
    data = {
        "target": "qpu.aria-1",
        "lang": "json",
        "body": {"qubits": 1, "circuit": [{"gate": "h", "target": 0}]},
        "error_mitigation": {"debias": True},
    }
    assert migration_changes(data) == (
        RenameKey("/target", "backend"),
        RemoveMember("/lang"),
        RenameKey("/body", "input"),
        AddMember("/body", "gateset", "qis"),
        RemoveMember("/error_mitigation"),
        AddMember("", "type", "ionq.circuit.v1"),
        AddMember("", "settings", {"error_mitigation": {"debiasing": True}}),
    )
    assert isinstance(migration_changes({"target": "simulator", "shots": "5", "input": {}})[1], SetValue)  # type: ignore[index]


def test_what_migrate_cannot_map_whole_gets_no_changes() -> None:
    assert migration_changes({"target": "simulator", "input": {"format": "openqasm"}}) is None
    assert migration_changes({"type": "ionq.circuit.v1", "backend": "simulator", "input": {}}) is None  # v0.4
    assert migration_changes([1]) is None
