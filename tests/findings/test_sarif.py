"""`ionqkit diff --format sarif`: the same SARIF 2.1.0 shape lint writes, one result per change."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from ionqkit.cli import main
from ionqkit.diff.checks import CHECKS
from tests.diff.conftest import dump
from tests.diff.diff_cases import CASES
from tests.findings.sarif_schema import SARIF_REQUIRED


def write_pair(tmp_path: Path, check_id: str) -> tuple[str, str]:
    old_spec, new_spec, _ = CASES[check_id]
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    old.write_text(dump(old_spec, "yaml"))
    new.write_text(dump(new_spec, "yaml"))
    return str(old), str(new)


@pytest.mark.parametrize(
    "case",
    [
        ("response-enum-value-added", "error", "new", 1),
        ("request-property-removed", "error", "old", 1),  # annotated where the field was
        ("default-changed", "warning", "new", 0),
        ("optional-property-added", "note", "new", 0),
    ],
)
def test_diff_sarif_is_valid_and_points_at_the_change(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], case: tuple[str, str, str, int]
) -> None:
    check_id, level, side, code = case
    old, new = write_pair(tmp_path, check_id)
    annotated = Path(old if side == "old" else new)
    assert main(["diff", old, new, "--format", "sarif"]) == code
    log = json.loads(capsys.readouterr().out)
    jsonschema.validate(log, SARIF_REQUIRED)
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [rule["id"] for rule in rules] == list(CHECKS)
    result = next(r for r in run["results"] if r["ruleId"] == check_id)
    assert rules[result["ruleIndex"]]["id"] == check_id
    assert result["level"] == level
    location = result["locations"][0]
    assert (
        location["physicalLocation"]["artifactLocation"]["uri"]
        == Path(old if side == "old" else new).as_posix()
    )
    line = location["physicalLocation"]["region"]["startLine"]
    pointer = location["logicalLocations"][0]["fullyQualifiedName"]
    assert pointer.startswith("/")
    assert 1 <= line <= len(annotated.read_text().splitlines())


def test_diff_sarif_of_equal_specs_has_no_results(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old, _ = write_pair(tmp_path, "default-changed")
    assert main(["diff", old, old, "--format", "sarif"]) == 0
    log = json.loads(capsys.readouterr().out)
    jsonschema.validate(log, SARIF_REQUIRED)
    assert log["runs"][0]["results"] == []
