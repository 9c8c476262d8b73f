"""`ionqkit diff` end to end: formats, exit codes, git sources, bad input, determinism."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import jsonschema
import pytest

from .conftest import REFERENCE_V04, RENAMES_V03_V04, REPO, dump
from .diff_cases import CASES

CliResult = tuple[int, str, str]
Cli = Callable[..., CliResult]
REPORT_SCHEMA = json.loads((REPO / "docs" / "diff-report.schema.json").read_text())


def write_pair(tmp_path: Path, check_id: str, fmt: str = "yaml") -> tuple[Path, Path]:
    old_spec, new_spec, _ = CASES[check_id]
    old, new = tmp_path / f"old.{fmt}", tmp_path / f"new.{fmt}"
    old.write_text(dump(old_spec, fmt))
    new.write_text(dump(new_spec, fmt))
    return old, new


@pytest.mark.parametrize(
    ("check_id", "fail_on", "expected"),
    [
        ("request-property-removed", "breaking", 1),  # ERR
        ("request-property-removed", "none", 0),
        ("default-changed", "breaking", 0),  # WARN
        ("default-changed", "warning", 1),
        ("optional-property-added", "warning", 0),  # INFO
    ],
)
def test_exit_code_follows_fail_on(
    cli: Cli, tmp_path: Path, check_id: str, fail_on: str, expected: int
) -> None:
    old, new = write_pair(tmp_path, check_id)
    code, out, _ = cli("diff", old, new, "--fail-on", fail_on)
    assert code == expected
    assert check_id in out


def test_default_fail_on_is_breaking(cli: Cli, tmp_path: Path) -> None:
    old, new = write_pair(tmp_path, "response-enum-value-added")
    code, out, _ = cli("diff", old, new)
    assert code == 1
    assert out.splitlines()[1].startswith("ERR  response-enum-value-added  GET /jobs response 200")


def test_text_report_locates_both_sides(cli: Cli, tmp_path: Path) -> None:
    old, new = write_pair(tmp_path, "request-property-removed")
    _, out, _ = cli("diff", old, new)
    line = next(row for row in out.splitlines() if row.strip().startswith("old "))
    # 'shots' sits on line 19 of the old YAML and the body schema on line 14 of the new one
    old_text, new_text = old.read_text().splitlines(), new.read_text().splitlines()
    old_at, new_at = line.split()[1], line.split()[3]
    assert old_text[int(old_at.split(":")[-2]) - 1].strip() == "shots:"
    assert new_text[int(new_at.split(":")[-2]) - 1].strip() == "schema:"


def test_json_report_matches_its_published_schema(
    cli: Cli, tmp_path: Path, v03_fragment: Path, shared: Path
) -> None:
    code, out, _ = cli(
        "diff", v03_fragment, shared / REFERENCE_V04, "--format", "json", "--renames", RENAMES_V03_V04
    )
    data = json.loads(out)
    jsonschema.validate(data, REPORT_SCHEMA)
    assert data["schema_version"] == 1
    assert code == 1 and data["max_level"] == "ERR"
    assert data["summary"]["ERR"] == sum(1 for c in data["changes"] if c["level"] == "ERR")


def test_empty_report_matches_the_schema_too(cli: Cli, tmp_path: Path) -> None:
    old, _ = write_pair(tmp_path, "path-added")
    code, out, _ = cli("diff", old, old, "--format", "json")
    data = json.loads(out)
    jsonschema.validate(data, REPORT_SCHEMA)
    assert (code, data["max_level"], data["changes"]) == (0, None, [])


def test_markdown_report_is_a_table_per_level(cli: Cli, tmp_path: Path) -> None:
    old, new = write_pair(tmp_path, "api-removed-without-deprecation")
    _, out, _ = cli("diff", old, new, "--format", "markdown")
    assert "#### Breaking changes" in out
    assert "| `api-removed-without-deprecation` | POST /a | operation POST /a removed |" in out


def test_github_annotations_name_file_line_and_check(cli: Cli, tmp_path: Path) -> None:
    old, new = write_pair(tmp_path, "response-enum-value-added")
    _, out, _ = cli("diff", old, new, "--format", "github")
    (annotation,) = [row for row in out.splitlines() if "response-enum-value-added" in row]
    assert annotation.startswith(f"::error file={new},line=")
    assert annotation.endswith(
        ",title=response-enum-value-added::GET /jobs response 200 application/json: "
        'status: enum value "canceled" added'
    )


def test_removed_elements_are_annotated_in_the_old_file(cli: Cli, tmp_path: Path) -> None:
    old, new = write_pair(tmp_path, "response-property-removed")
    _, out, _ = cli("diff", old, new, "--format", "github")
    (annotation,) = [row for row in out.splitlines() if "response-property-removed" in row]
    assert annotation.startswith(f"::error file={old},line=")


def test_git_sources_read_a_spec_at_a_revision(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    spec = "specs/ionq-v0.4.openapi.yaml"
    first = subprocess.run(
        ["git", "log", "--format=%H", "--diff-filter=A", "--", spec],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()[-1]
    code, out, err = cli("diff", f"git:{first}:{spec}", f"git:{first}:{spec}", "--fail-on", "warning")
    assert (code, err) == (0, "")
    assert out.endswith("summary: no changes\n")


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("git:no-such-rev-xyz:specs/ionq-v0.4.openapi.yaml", "git cannot read it"),
        ("git:HEAD:specs/no-such-spec.yaml", "git cannot read it"),
        ("git:HEAD", "expected git:REV:PATH"),
    ],
)
def test_bad_git_sources_are_usage_errors(
    cli: Cli, monkeypatch: pytest.MonkeyPatch, source: str, message: str
) -> None:
    monkeypatch.chdir(REPO)
    code, out, err = cli("diff", source, "specs/ionq-v0.4.openapi.yaml")
    assert code == 2 and out == ""
    assert err.startswith(f"error: {source}: ") and message in err


def test_malformed_spec_is_a_located_usage_error(cli: Cli, tmp_path: Path) -> None:
    old, new = write_pair(tmp_path, "path-added")
    new.write_text("openapi: 3.0.3\npaths:\n  /a: {get: [\n")
    code, out, err = cli("diff", old, new)
    assert code == 2 and out == ""
    assert err.startswith(f"error: {new}:4:1: not valid YAML/JSON")
    assert "Traceback" not in err


def test_malformed_renames_file_is_a_located_usage_error(cli: Cli, tmp_path: Path) -> None:
    old, new = write_pair(tmp_path, "path-added")
    renames = tmp_path / "renames.yaml"
    renames.write_text("schema_version: 1\nproperties:\n  - {old: target}\n")
    code, _, err = cli("diff", old, new, "--renames", renames)
    assert code == 2
    assert err == f"error: {renames}:3:5: each entry needs both old and new (at /properties/0)\n"


def test_a_spec_that_is_not_openapi_is_diffed_with_a_warning(cli: Cli, tmp_path: Path) -> None:
    old, new = write_pair(tmp_path, "path-added")
    old.write_text("paths: {}\n")
    code, out, _ = cli("diff", old, new)
    assert code == 0
    assert f"input warning: {old}:1:1: no 'openapi' field" in out
    assert "path-added" in out


def test_same_inputs_give_byte_identical_reports(v03_fragment: Path, shared: Path) -> None:
    """Two processes with different hash seeds: no set or dict order leaks into the output."""
    args = [sys.executable, "-m", "ionqkit", "diff", str(v03_fragment), str(shared / REFERENCE_V04)]
    args += ["--renames", str(RENAMES_V03_V04), "--format", "json"]
    outputs = [
        subprocess.run(
            args, capture_output=True, check=False, env={**os.environ, "PYTHONHASHSEED": seed}
        ).stdout
        for seed in ("1", "2")
    ]
    assert outputs[0] == outputs[1]
    assert len(json.loads(outputs[0])["changes"]) > 100


@pytest.mark.parametrize("fmt", ["text", "markdown", "github"])
def test_every_format_renders_the_same_report_identically(
    cli: Cli, fmt: str, v03_fragment: Path, shared: Path
) -> None:
    args = ("diff", v03_fragment, shared / REFERENCE_V04, "--renames", RENAMES_V03_V04, "--format", fmt)
    assert cli(*args) == cli(*args)
