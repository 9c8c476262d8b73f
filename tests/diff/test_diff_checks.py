"""Every check id in the catalogue fires on a small hand-written spec pair, at the right place."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from ionqkit.diff import compare
from ionqkit.diff.checks import CHECKS
from ionqkit.diff.model import Change, DiffReport
from ionqkit.diff.renames import Renames, load_renames
from ionqkit.findings import Severity
from ionqkit.spec.pointers import split_pointer

from .conftest import DocFactory, dump
from .diff_cases import CASES


def run(
    make_doc: DocFactory, tmp_path: Path, check_id: str, fmt: str = "yaml"
) -> tuple[DiffReport, Any, Any]:
    old_spec, new_spec, renames_data = CASES[check_id]
    old, new = make_doc(old_spec, fmt, f"old.{fmt}"), make_doc(new_spec, fmt, f"new.{fmt}")
    renames: Renames | None = None
    if renames_data is not None:
        path = tmp_path / "renames.yaml"
        path.write_text(dump(renames_data, "yaml"))
        renames = load_renames(path)
    return compare(old, new, renames), old, new


def test_every_check_in_the_catalogue_has_a_case() -> None:
    assert sorted(CASES) == sorted(CHECKS)


@pytest.mark.parametrize("check_id", sorted(CASES))
def test_check_fires_on_its_spec_pair(make_doc: DocFactory, tmp_path: Path, check_id: str) -> None:
    report, _, _ = run(make_doc, tmp_path, check_id)
    fired = [c for c in report.changes if c.check_id == check_id]
    assert fired, f"{check_id} not reported; got {[c.check_id for c in report.changes]}"
    assert all(c.level == CHECKS[check_id].severity for c in fired)


@pytest.mark.parametrize("check_id", sorted(CASES))
def test_a_spec_compared_with_itself_has_no_changes(
    make_doc: DocFactory, tmp_path: Path, check_id: str
) -> None:
    old_spec, new_spec, _ = CASES[check_id]
    for spec in (old_spec, new_spec):
        assert compare(make_doc(spec), make_doc(spec)).changes == ()


@pytest.mark.parametrize("check_id", sorted(CASES))
@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_changes_point_at_the_element_in_both_documents(
    make_doc: DocFactory, tmp_path: Path, check_id: str, fmt: str
) -> None:
    report, old, new = run(make_doc, tmp_path, check_id, fmt)
    for change in (c for c in report.changes if c.check_id == check_id):
        for side, doc in ((change.old, old), (change.new, new)):
            value = doc.resolve(side.pointer)  # the pointer names a real element (KeyError if not)
            assert side.position is not None
            line = doc.text.splitlines()[side.position[0] - 1]
            last = split_pointer(side.pointer)[-1] if side.pointer else None
            if last is None:
                assert side.position == (1, 1)
            elif last.isdigit():  # a list item: its line shows the item
                assert str(value) in line or not isinstance(value, str)
            else:  # a mapping entry: its line shows the key
                assert last in line, f"{side.pointer} located at {side.position}: {line!r}"


def test_yaml_and_json_specs_give_the_same_changes_at_their_own_lines(
    make_doc: DocFactory, tmp_path: Path
) -> None:
    yaml_report, _, _ = run(make_doc, tmp_path, "request-property-removed", "yaml")
    json_report, _, _ = run(make_doc, tmp_path, "request-property-removed", "json")

    def strip(change: Change) -> tuple[str, str, str, str]:
        return (change.check_id, change.where, change.old.pointer, change.new.pointer)

    assert [strip(c) for c in yaml_report.changes] == [strip(c) for c in json_report.changes]
    (removed,) = [c for c in json_report.changes if c.check_id == "request-property-removed"]
    old_json = dump(CASES["request-property-removed"][0], "json").splitlines()
    assert removed.old.position is not None
    assert old_json[removed.old.position[0] - 1].strip().startswith('"shots"')


# The issue's classification, bullet by bullet: these ids must keep these levels.
ISSUE_LEVELS = {
    Severity.ERROR: [
        "api-path-removed",
        "api-removed-without-deprecation",
        "request-property-added-required",
        "request-parameter-added-required",
        "request-property-removed",
        "request-property-type-changed",
        "request-enum-value-removed",
        "response-property-removed",
        "response-enum-value-added",
        "security-added",
    ],
    Severity.WARNING: ["enum-to-free-string", "constraint-loosened", "deprecated", "default-changed"],
    Severity.INFO: [
        "path-added",
        "operation-added",
        "schema-added",
        "optional-property-added",
        "response-property-added",
        "enum-value-added",
        "description-changed",
        "example-changed",
    ],
}


@pytest.mark.parametrize("level", list(ISSUE_LEVELS))
def test_levels_follow_the_issue(level: Severity) -> None:
    assert {check_id: CHECKS[check_id].severity for check_id in ISSUE_LEVELS[level]} == dict.fromkeys(
        ISSUE_LEVELS[level], level
    )


def test_enum_value_added_to_a_request_is_info_but_to_a_response_is_breaking(
    make_doc: DocFactory, tmp_path: Path
) -> None:
    request_report, _, _ = run(make_doc, tmp_path, "enum-value-added")
    response_report, _, _ = run(make_doc, tmp_path, "response-enum-value-added")
    assert request_report.max_level == Severity.INFO
    assert response_report.max_level == Severity.ERROR


def test_the_documented_catalogue_matches_the_code() -> None:
    docs = (Path(__file__).resolve().parents[2] / "docs" / "diff.md").read_text(encoding="utf-8")
    rows = {
        line.split("|")[1].strip(" `"): line.split("|")[2].strip()
        for line in docs.splitlines()
        if "| `" in line
    }
    assert rows == {check.code: check.severity.label for check in CHECKS.values()}
