"""Real specs: v0.3 -> v0.4 across versions, the truncated seed 003, and our rebuilt v0.4 spec."""

from __future__ import annotations

from pathlib import Path

import pytest

from ionqkit.diff import compare
from ionqkit.diff.model import Change, DiffReport
from ionqkit.diff.renames import load_renames
from ionqkit.diff.sources import load_source
from ionqkit.errors import InputError
from ionqkit.findings import Severity

from .conftest import REFERENCE_V04, RENAMES_V03_V04, REPO, UPSTREAM_V04


def diff(old: Path, new: Path, renames: Path | None = None) -> DiffReport:
    old_spec, new_spec = load_source(str(old), validate=False), load_source(str(new), validate=False)
    return compare(
        old_spec.doc,
        new_spec.doc,
        load_renames(renames) if renames else None,
        input_warnings=old_spec.warnings + new_spec.warnings,
    )


def by_id(report: DiffReport, check_id: str) -> list[Change]:
    return [c for c in report.changes if c.check_id == check_id]


def messages(report: DiffReport, check_id: str) -> set[str]:
    return {c.message for c in by_id(report, check_id)}


GET_JOB = "GET /jobs/{UUID}"


V03_SPEC = REPO / "specs" / "ionq-v0.3.openapi.yaml"
V04_SPEC = REPO / "specs" / "ionq-v0.4.openapi.yaml"


@pytest.fixture(scope="module")
def report() -> DiffReport:
    """specs/ionq-v0.3.openapi.yaml -> specs/ionq-v0.4.openapi.yaml, with the renames file."""
    return diff(V03_SPEC, V04_SPEC, RENAMES_V03_V04)


class TestV03ToV04:
    def test_renames_users_hit_are_reported_as_renames(self, report: DiffReport) -> None:
        renamed = messages(report, "property-renamed")
        assert "'target' renamed to 'backend'" in renamed
        assert "'request' renamed to 'submitted_at' (unix seconds -> ISO 8601 string)" in renamed
        assert "'start' renamed to 'started_at' (unix seconds -> ISO 8601 string)" in renamed
        assert "'response' renamed to 'completed_at' (unix seconds -> ISO 8601 string)" in renamed
        assert "'error_mitigation.debias' moved to 'settings.error_mitigation.debiasing'" in messages(
            report, "property-moved"
        )
        assert messages(report, "enum-value-renamed") == {'enum value "running" renamed to "started"'}

    def test_timestamps_changed_type_under_their_new_names(self, report: DiffReport) -> None:
        retyped = {
            c.where.rsplit(": ", 1)[-1].rsplit(".", 1)[-1]
            for c in by_id(report, "response-property-type-changed")
        }
        assert {"submitted_at", "started_at", "completed_at"} <= retyped

    def test_renamed_fields_are_not_also_reported_as_removed(self, report: DiffReport) -> None:
        removed = {c.where.rsplit(": ", 1)[1] for c in by_id(report, "response-property-removed")}
        assert not removed & {"target", "request", "start", "response", "children", "error_mitigation"}
        # fields v0.4 really dropped are still reported
        assert {"cost_usd", "warning"} <= removed

    def test_rename_points_at_the_v03_and_v04_lines(self, report: DiffReport) -> None:
        (change,) = [
            c for c in by_id(report, "property-renamed") if "'target'" in c.message and GET_JOB in c.where
        ]
        assert change.operations == (GET_JOB,)
        assert change.old.position is not None and change.new.position is not None
        old_line = V03_SPEC.read_text().splitlines()[change.old.position[0] - 1]
        new_line = V04_SPEC.read_text().splitlines()[change.new.position[0] - 1]
        assert (old_line.strip(), new_line.strip()) == ("target:", "backend:")

    def test_request_payload_renames_and_moves(self, report: DiffReport) -> None:
        create = {c.message for c in report.changes if c.where.startswith("POST /jobs request body")}
        assert "'target' renamed to 'backend'" in create
        assert "'error_mitigation.debias' moved to 'settings.error_mitigation.debiasing'" in create
        assert any(m.startswith("'input.format' moved to 'type'") for m in create)

    def test_moved_endpoints_are_renames_and_dropped_ones_removals(self, report: DiffReport) -> None:
        assert "path /jobs/{UUID}/results moved to /jobs/{UUID}/results/probabilities" in messages(
            report, "api-path-renamed"
        )
        assert "path /characterizations/backends/{backend}/current removed" in messages(
            report, "api-path-removed"
        )
        # the characterization moved under its backend: {UUID} still matches, {backend} is new
        added = {c.where for c in by_id(report, "request-parameter-added-required")}
        assert "GET /backends/{backend}/characterizations/{UUID} path parameter 'backend'" in added

    def test_without_the_renames_file_the_same_diff_is_a_wall_of_removals(self, report: DiffReport) -> None:
        raw = diff(V03_SPEC, V04_SPEC)
        removed = {c.where.rsplit(": ", 1)[1] for c in by_id(raw, "response-property-removed")}
        assert {"target", "request", "start", "response"} <= removed
        assert not by_id(raw, "property-renamed")
        assert len(by_id(raw, "response-property-removed")) > len(by_id(report, "response-property-removed"))

    def test_backend_enum_became_a_free_string(self, report: DiffReport) -> None:
        assert any(c.where.endswith(": backend") for c in by_id(report, "enum-to-free-string"))

    def test_v04_only_endpoints_are_additions(self, report: DiffReport) -> None:
        added = messages(report, "path-added")
        assert "path /sessions added" in added
        assert "path /whoami added" in added


class TestSeed003:
    def test_the_seed_text_itself_cannot_be_diffed_and_says_where(self, shared: Path) -> None:
        with pytest.raises(InputError) as caught:
            load_source(str(shared / "seeds" / "003_4cb836928e8a9b69.txt"))
        assert caught.value.line is not None and caught.value.column is not None
        assert "not valid YAML/JSON" in caught.value.message

    def test_restored_seed_vs_full_spec_adds_what_the_cut_lost(
        self, restored_seed_003: Path, shared: Path
    ) -> None:
        full = shared / REFERENCE_V04
        report = diff(restored_seed_003, full)
        seed_paths = set(load_source(str(restored_seed_003), validate=False).doc.data["paths"])
        full_paths = set(load_source(str(full), validate=False).doc.data["paths"])
        assert full_paths - seed_paths, "the cut at 32 KB drops paths"
        assert messages(report, "path-added") == {f"path {p} added" for p in full_paths - seed_paths}
        # nothing present in the seed changed in a way that matters
        assert report.max_level == Severity.INFO
        # the cut removed components/, and the report says so instead of guessing
        assert any("does not resolve" in w for w in report.input_warnings)

    def test_full_spec_vs_restored_seed_is_breaking(self, restored_seed_003: Path, shared: Path) -> None:
        report = diff(shared / REFERENCE_V04, restored_seed_003)
        assert report.max_level == Severity.ERROR
        assert by_id(report, "api-path-removed")
        # a removed path is located in the full spec (OLD) and at /paths in the seed (NEW)
        change = by_id(report, "api-path-removed")[0]
        assert change.old.position is not None and change.new.pointer == "/paths"


def test_upstream_spec_vs_our_v04_differs_only_in_prose(shared: Path) -> None:
    ours = REPO / "specs" / "ionq-v0.4.openapi.yaml"
    report = diff(shared / UPSTREAM_V04, ours)
    assert report.max_level in (None, Severity.INFO)
    assert {c.check_id for c in report.changes} <= {"description-changed", "example-changed"}
