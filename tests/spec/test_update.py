"""`ionqkit spec update NEW --spec FILE [--overlay FILE] [--check]`: moving a spec file to a new upstream.

Each test is one situation a maintainer meets, on a small spec written here: upstream prose goes, our
descriptions stay where their place survives, an overlay that no longer fits stops the update with the
actions named, and nothing is ever half written.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from ionqkit.spec.loader import load_path
from ionqkit.spec.update import plan_update

Cli = Callable[..., tuple[int, str, str]]


def upstream(
    *, shots_max: int = 1000, with_old: bool = False, date: str = "September 2, 2026"
) -> dict[str, Any]:
    """An upstream spec with the prose a real one carries (descriptions, summaries, code samples)."""
    schemas: dict[str, Any] = {
        "Job": {
            "type": "object",
            "description": "Upstream's words about a job.",
            "properties": {
                "shots": {"type": "integer", "maximum": shots_max, "description": "How many shots."},
                "backend": {"type": "string", "example": "qpu.forte-1"},
            },
        },
    }
    if with_old:
        schemas["Old"] = {"type": "object", "description": "Upstream's words about Old."}
    return {
        "openapi": "3.0.3",
        "info": {"title": "Demo API", "version": "v0.4", "description": f"*Last updated: {date}*\nHello."},
        "paths": {
            "/jobs": {
                "get": {
                    "operationId": "getJobs",
                    "summary": "List jobs",
                    "description": "Upstream's words about listing.",
                    "x-codeSamples": [{"lang": "curl", "source": "curl ..."}],
                    "responses": {
                        "200": {
                            "description": "Successfully retrieved the jobs.",
                            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Job"}}},
                        }
                    },
                }
            }
        },
        "components": {"schemas": schemas},
    }


def write_json(path: Path, data: Any) -> Path:
    path.write_text(json.dumps(data, indent=1), encoding="utf-8")
    return path


@pytest.fixture
def current(tmp_path: Path, cli: Cli) -> Path:
    """Our spec file before the update: upstream's older version, normalized, with two descriptions
    of our own (one on a schema the new upstream keeps, one on a schema it drops)."""
    old = write_json(tmp_path / "upstream-may.json", upstream(with_old=True, date="May 15, 2026"))
    spec = tmp_path / "spec.yaml"
    assert cli("spec", "update", old, "--spec", spec)[0] == 0
    text = spec.read_text(encoding="utf-8")
    text = text.replace(
        "        shots:\n          type: integer\n",
        "        shots:\n          type: integer\n          description: Our words, kept across updates.\n",
    )
    text = text.replace(
        "    Old:\n      type: object\n", "    Old:\n      type: object\n      description: Ours too.\n"
    )
    spec.write_text(text, encoding="utf-8")
    return spec


OVERLAY_HEAD = "overlay: 1.0.0\ninfo: {title: fixes, version: '1'}\nactions:\n"


def test_an_update_keeps_our_description_where_its_place_survives_and_reports_the_one_that_vanished(
    tmp_path: Path, current: Path, cli: Cli
) -> None:
    new = write_json(tmp_path / "ionq-v0.4-2026-09.openapi.json", upstream(shots_max=5000))
    code, out, err = cli("spec", "update", new, "--spec", current)
    assert (code, err) == (0, "")
    data = load_path(current).data
    job = data["components"]["schemas"]["Job"]
    assert job["properties"]["shots"] == {
        "type": "integer",
        "maximum": 5000,  # upstream's new limit
        "description": "Our words, kept across updates.",  # our description, where it was
    }
    assert "description" not in job  # upstream prose is left out
    assert "Old" not in data["components"]["schemas"]
    operation = data["paths"]["/jobs"]["get"]
    assert set(operation) == {"operationId", "responses"}  # no summary, description, x-codeSamples
    assert operation["responses"]["200"]["description"] == "OK"  # the HTTP reason phrase
    assert "dropped /components/schemas/Old/description (/components/schemas/Old is gone" in out
    assert out.rstrip().endswith(f"wrote {current}")
    assert "schema 'Old' removed" in out and "maximum 1000 -> 5000" in out  # the diff report
    header = current.read_text(encoding="utf-8").splitlines()[:2]
    assert (
        header[0]
        == "# Demo API, version v0.4 (upstream: last updated September 2, 2026), normalized for ionqkit."
    )
    assert header[1].startswith("# Upstream source: ionq-v0.4-2026-09.openapi.json (sha256 ")


def test_a_description_whose_place_became_a_reference_is_dropped(tmp_path: Path, current: Path) -> None:
    changed = upstream()
    changed["components"]["schemas"]["Job"]["properties"]["shots"] = {"$ref": "#/components/schemas/Shots"}
    changed["components"]["schemas"]["Shots"] = {"type": "integer"}
    plan = plan_update(str(write_json(tmp_path / "new.json", changed)), current)
    reasons = {prose.pointer: prose.reason for prose in plan.dropped}
    assert reasons["/components/schemas/Job/properties/shots/description"].endswith(
        "is now a $ref, beside which a description is ignored"
    )


def test_an_overlay_action_that_stops_matching_is_reported_by_name_and_nothing_is_written(
    tmp_path: Path, current: Path, cli: Cli
) -> None:
    overlay = tmp_path / "fixes.overlay.yaml"
    overlay.write_text(
        OVERLAY_HEAD + "- target: $.components.schemas.Job.properties.shots\n"
        "  description: shots are at least 1\n"
        "  update: {minimum: 1}\n"
        "- target: $.components.schemas.Old\n"
        "  description: Old needs a type\n"
        "  update: {type: object}\n",
        encoding="utf-8",
    )
    before = current.read_bytes()
    new = write_json(tmp_path / "new.json", upstream())
    code, _, err = cli("spec", "update", new, "--spec", current, "--overlay", overlay)
    assert code == 1
    assert (
        f"{overlay}:7:3: overlay action 1 matches nothing in the updated spec (retarget or drop it):"
        " $.components.schemas.Old" in err
    )
    assert "    its description: Old needs a type" in err
    assert "action 0" not in err  # the action that still matches is not named
    assert err.rstrip().endswith("pass --allow-stale-overlay to write " + str(current))
    assert current.read_bytes() == before, "nothing written"
    # The flag writes the spec (so the overlay can be retargeted against it) and still exits 1.
    code, out, _ = cli(
        "spec", "update", new, "--spec", current, "--overlay", overlay, "--allow-stale-overlay"
    )
    assert code == 1 and f"wrote {current}" in out
    assert "Old" not in load_path(current).data["components"]["schemas"]


def test_an_overlay_that_leaves_an_invalid_spec_stops_the_update(
    tmp_path: Path, current: Path, cli: Cli
) -> None:
    overlay = tmp_path / "bad.overlay.yaml"
    overlay.write_text(
        OVERLAY_HEAD + "- target: $.components.schemas.Job\n  description: oops\n  update: {type: 42}\n",
        encoding="utf-8",
    )
    before = current.read_bytes()
    code, _, err = cli(
        "spec",
        "update",
        write_json(tmp_path / "new.json", upstream()),
        "--spec",
        current,
        "--overlay",
        overlay,
    )
    assert code == 1
    assert f"after applying {overlay}: not a valid OpenAPI" in err and "(at /components/schemas/Job)" in err
    assert current.read_bytes() == before


def test_an_overlay_update_upstream_has_made_already_is_named(
    tmp_path: Path, current: Path, cli: Cli
) -> None:
    overlay = tmp_path / "fixes.overlay.yaml"
    overlay.write_text(
        OVERLAY_HEAD + "- target: $.components.schemas.Job.properties.shots\n"
        "  description: the limit is 5000\n"
        "  update: {maximum: 5000}\n",
        encoding="utf-8",
    )
    new = write_json(tmp_path / "new.json", upstream(shots_max=5000))
    code, out, _ = cli("spec", "update", new, "--spec", current, "--overlay", overlay)
    assert code == 0
    assert "overlay action 0 matches but changes nothing (upstream may have fixed it; drop it if so)" in out


def test_check_writes_nothing_and_exits_1_when_the_file_would_change(
    tmp_path: Path, current: Path, cli: Cli
) -> None:
    new = write_json(tmp_path / "new.json", upstream(shots_max=5000))
    before = current.read_bytes()
    code, _, err = cli("spec", "update", new, "--spec", current, "--check")
    assert code == 1 and f"{current} would change (--check: nothing written)" in err
    assert current.read_bytes() == before
    assert cli("spec", "update", new, "--spec", current)[0] == 0
    code, out, _ = cli("spec", "update", new, "--spec", current, "--check")
    assert code == 0 and f"{current} is up to date" in out


def test_check_exits_1_on_a_file_already_up_to_date_when_the_overlay_is_stale(
    tmp_path: Path, current: Path, cli: Cli
) -> None:
    new = write_json(tmp_path / "new.json", upstream())
    assert cli("spec", "update", new, "--spec", current)[0] == 0
    overlay = tmp_path / "fixes.overlay.yaml"
    overlay.write_text(
        OVERLAY_HEAD + "- target: $.components.schemas.Old\n  description: gone\n  update: {type: object}\n",
        encoding="utf-8",
    )
    before = current.read_bytes()
    code, out, err = cli("spec", "update", new, "--spec", current, "--overlay", overlay, "--check")
    assert code == 1
    assert f"{current} is up to date" in out
    assert "overlay action 0 matches nothing in the updated spec" in err
    assert current.read_bytes() == before


MALFORMED = {
    "json-syntax": ("new.json", '{\n  "openapi": "3.0.3",\n  "info": {"title": "x",,}\n}\n', ":3:"),
    "yaml-duplicate-key": ("new.yaml", "openapi: 3.0.3\ninfo:\n  title: x\n  title: y\n", ":4:"),
}


@pytest.mark.parametrize("case", sorted(MALFORMED))
def test_a_malformed_new_spec_is_exit_2_with_its_line_and_nothing_written(
    tmp_path: Path, current: Path, cli: Cli, case: str
) -> None:
    name, text, where = MALFORMED[case]
    new = tmp_path / name
    new.write_text(text, encoding="utf-8")
    before = current.read_bytes()
    code, out, err = cli("spec", "update", new, "--spec", current)
    assert code == 2 and out == ""
    [line] = err.splitlines()
    assert line.startswith(f"error: {new}{where}")
    assert current.read_bytes() == before


NOT_OPENAPI = {
    "yaml-list": ("- a\n- b\n", "expected a mapping at the top of the document"),
    "plain-string": ("hello\n", "expected a mapping at the top of the document"),
    "json-schema": ('{"type": "object"}\n', "not an OpenAPI document (no `openapi` key at the top)"),
}


@pytest.mark.parametrize("case", sorted(NOT_OPENAPI))
def test_a_current_spec_file_that_is_not_openapi_is_exit_2_located_and_left_alone(
    tmp_path: Path, cli: Cli, case: str
) -> None:
    text, cause = NOT_OPENAPI[case]
    spec = tmp_path / "spec.yaml"
    spec.write_text(text, encoding="utf-8")
    new = write_json(tmp_path / "new.json", upstream())
    code, out, err = cli("spec", "update", new, "--spec", spec)
    assert (code, out) == (2, "")
    [line] = err.splitlines()
    assert line.startswith(f"error: {spec}:1:1: {cause}")
    assert spec.read_text(encoding="utf-8") == text


@pytest.mark.parametrize("case", sorted(NOT_OPENAPI))
def test_a_new_spec_that_is_not_openapi_is_exit_2_located_and_nothing_written(
    tmp_path: Path, current: Path, cli: Cli, case: str
) -> None:
    text, cause = NOT_OPENAPI[case]
    new = tmp_path / "new.yaml"
    new.write_text(text, encoding="utf-8")
    before = current.read_bytes()
    code, out, err = cli("spec", "update", new, "--spec", current)
    assert (code, out) == (2, "")
    [line] = err.splitlines()
    assert line.startswith(f"error: {new}:1:1: {cause}")
    assert current.read_bytes() == before


def test_a_new_spec_that_is_not_valid_openapi_is_exit_2_located_in_it(
    tmp_path: Path, current: Path, cli: Cli
) -> None:
    broken = upstream()
    del broken["paths"]["/jobs"]["get"]["responses"]
    new = write_json(tmp_path / "new.json", broken)
    code, _, err = cli("spec", "update", new, "--spec", current)
    assert code == 2
    assert err.startswith(f"error: {new}:") and "not a valid OpenAPI 3.0.3 document" in err
    assert "responses" in err


def test_a_spec_path_that_cannot_be_looked_at_is_exit_2_with_the_reason(tmp_path: Path, cli: Cli) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    spec = blocker / "spec.yaml"  # under a regular file: stat fails with ENOTDIR
    code, out, err = cli("spec", "update", write_json(tmp_path / "new.json", upstream()), "--spec", spec)
    assert (code, out) == (2, "")
    assert err.splitlines() == [f"error: {spec}: cannot read: Not a directory"]


def test_update_is_deterministic(tmp_path: Path, cli: Cli) -> None:
    new = write_json(tmp_path / "new.json", upstream())
    first, second = tmp_path / "a.yaml", tmp_path / "b.yaml"
    assert cli("spec", "update", new, "--spec", first)[0] == 0
    assert cli("spec", "update", new, "--spec", second)[0] == 0
    assert first.read_bytes() == second.read_bytes()
    written = first.read_bytes()
    code, out, _ = cli("spec", "update", new, "--spec", first)  # again, over its own output
    assert code == 0 and f"{first} is up to date" in out
    assert first.read_bytes() == written


def test_a_yaml_upstream_read_from_stdin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Cli) -> None:
    import io
    import sys

    text = json.dumps(upstream())  # JSON is YAML
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode())))
    spec = tmp_path / "spec.yaml"
    code, _, _ = cli("spec", "update", "-", "--spec", spec, "--source", "https://example.com/openapi.json")
    assert code == 0
    assert "# Upstream source: https://example.com/openapi.json (sha256 " in spec.read_text(encoding="utf-8")


def test_spec_needs_a_subcommand_and_update_needs_spec(cli: Cli) -> None:
    assert cli("spec")[0] == 2
    assert cli("spec", "update", "new.json")[0] == 2
    code, _, err = cli("spec", "update", "new.json", "--spec", "s.yaml", "--check", "--allow-stale-overlay")
    assert code == 2 and "--check writes nothing" in err
