"""`ionqkit generate` diffs each spec against the snapshot it last generated from."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from .conftest import dump
from .diff_cases import obj, response

CliResult = tuple[int, str, str]
Cli = Callable[..., CliResult]

STATUS = {"type": "string", "enum": ["ready", "completed"]}


def job_spec(**extra: Any) -> dict[str, Any]:
    return response(obj(("id",), id={"type": "string"}, status=STATUS, **extra))


def tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_spec_changes_are_classified_recorded_and_breaking_ones_stop_generation(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    spec, out = tmp_path / "demo.openapi.yaml", tmp_path / "out"
    generate = ("generate", "--spec", spec, "--out", out, "--package", "demo")
    monkeypatch.delenv("ALLOW_BREAKING", raising=False)

    spec.write_text(dump(job_spec(), "yaml"))
    code, _, err = cli(*generate)
    assert code == 0, err
    package = out / "demo"
    assert json.loads((package / "spec.snapshot.json").read_text())["paths"]["/jobs"]
    assert "First generation" in (package / "CHANGES.md").read_text()

    # an additive change: regenerated, and the entry names the check
    spec.write_text(dump(job_spec(name={"type": "string"}), "yaml"))
    code, out_text, err = cli(*generate)
    assert code == 0, err
    assert "INFO response-property-added  GET /jobs response 200 application/json: name" in out_text
    assert "| `response-property-added` |" in (package / "CHANGES.md").read_text()

    # a breaking change: exit 1 and not one byte of the package changes
    before = tree(package)
    breaking = job_spec(name={"type": "string"})
    breaking["paths"]["/jobs"]["get"]["responses"]["200"]["content"]["application/json"]["schema"][
        "properties"
    ]["status"] = {"type": "string", "enum": ["ready", "completed", "started"]}
    spec.write_text(dump(breaking, "yaml"))
    code, out_text, err = cli(*generate)
    assert code == 1
    assert "ERR  response-enum-value-added" in out_text
    assert "demo: breaking API changes" in err and "nothing written" in err
    assert tree(package) == before

    # the same change, accepted on purpose
    monkeypatch.setenv("ALLOW_BREAKING", "1")
    code, _, err = cli(*generate)
    assert code == 0, err
    changes = (package / "CHANGES.md").read_text()
    assert "#### Breaking changes" in changes
    assert 'enum value "started" added' in changes
    assert changes.count("### `") == 3  # first generation, the addition, the accepted break


def test_regeneration_without_a_spec_change_keeps_snapshot_and_changes(cli: Cli, tmp_path: Path) -> None:
    spec, out = tmp_path / "demo.openapi.yaml", tmp_path / "out"
    spec.write_text(dump(job_spec(), "yaml"))
    generate = ("generate", "--spec", spec, "--out", out, "--package", "demo")
    assert cli(*generate)[0] == 0
    before = tree(out / "demo")
    code, _, err = cli(*generate, "--force")
    assert code == 0, err
    assert tree(out / "demo") == before
