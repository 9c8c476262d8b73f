"""[tool.ionqkit.lint]: select/ignore, per-file ignores, limits, extra backends, a GET /backends file."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from ionqkit.errors import InputError, SpecError
from ionqkit.validators import LintConfig, lint, specdata
from ionqkit.validators.config import load
from tests.conftest import CliResult
from tests.validators.samples import BELL, dumps, payload


def write_pyproject(folder: Path, body: str) -> Path:
    path = folder / "pyproject.toml"
    path.write_text("[project]\nname = 'x'\n\n" + body)
    return path


def test_nearest_pyproject_is_found(tmp_path: Path) -> None:
    write_pyproject(tmp_path, '[tool.ionqkit.lint]\nignore = ["IQ6"]\nwarnings-as-errors = true\n')
    (tmp_path / "deep" / "er").mkdir(parents=True)
    config = load(start=tmp_path / "deep" / "er")
    assert config.ignore == ("IQ6",) and config.warnings_as_errors
    assert not config.enabled("IQ605") and config.enabled("IQ501")


def test_per_file_ignores_match_paths_and_names(tmp_path: Path) -> None:
    config = load(write_pyproject(tmp_path, '[tool.ionqkit.lint.per-file-ignores]\n"legacy/*" = ["IQ110"]\n'))
    assert not config.enabled("IQ110", "legacy/old.json")
    assert config.enabled("IQ110", "new/job.json")


def test_limits_change_what_is_reported() -> None:
    data = payload(BELL)
    data["metadata"]["note"] = "x" * 500
    assert [d.code for d in lint(data)] == ["IQ605"]
    assert lint(data, config=LintConfig(limits={"metadata_warn_value_length": 1000})) == []


def test_extra_backend_with_its_qubit_count() -> None:
    data = payload(BELL)
    data["backend"] = "qpu.tempo-1"
    data["input"]["qubits"] = 70
    assert [d.code for d in lint(data)] == ["IQ403"]
    config = LintConfig(backends={"qpu.tempo-1": {"kind": "qpu", "family": "tempo", "qubits": 64}})
    assert [(d.code, d.pointer) for d in lint(data, config=config)] == [("IQ401", "/input/qubits")]


def test_saved_backends_response_overrides_qubit_counts(tmp_path: Path) -> None:
    saved = tmp_path / "backends.json"
    saved.write_text(json.dumps([{"backend": "qpu.aria-1", "qubits": 20, "status": "available"}]))
    data = payload(BELL)
    data["input"]["qubits"] = 21
    assert lint(data) == []
    found = lint(data, config=LintConfig(backends_file=saved))
    assert [(d.code, "exceeds 20" in d.message) for d in found] == [("IQ401", True)]


@pytest.mark.parametrize(
    "body, complaint",
    [
        ('[tool.ionqkit.lint]\nselct = ["IQ"]\n', "unknown lint setting"),
        ("[tool.ionqkit.lint.limits]\nmax_qubits = 3\n", "unknown limit"),
        ('[tool.ionqkit.lint]\nselect = ["XX1"]\n', "matches no rule code"),
        ('[tool.ionqkit.lint]\napi-version = "v9"\n', "api-version"),
        ("[tool.ionqkit.lint\n", "invalid TOML"),
    ],
)
def test_bad_config_is_a_clear_input_error(tmp_path: Path, body: str, complaint: str) -> None:
    with pytest.raises(InputError, match=complaint):
        load(write_pyproject(tmp_path, body))


def test_api_version_from_config(tmp_path: Path) -> None:
    config = load(write_pyproject(tmp_path, '[tool.ionqkit.lint]\napi-version = "v0.3"\n'))
    assert [d.code for d in lint(dumps(BELL), config=config)] == ["IQ112"]


def test_spec_and_overlay_resolve_from_the_pyprojects_folder(tmp_path: Path) -> None:
    write_pyproject(tmp_path, '[tool.ionqkit.lint]\nspec = "vendor/spec.json"\noverlay = "vendor/fix.yaml"\n')
    (tmp_path / "sub").mkdir()
    config = load(start=tmp_path / "sub")
    assert (config.spec, config.overlay) == (
        tmp_path / "vendor" / "spec.json",
        tmp_path / "vendor" / "fix.yaml",
    )


def test_an_overlay_without_a_spec_is_refused_naming_the_pyproject(
    tmp_path: Path, cli: Callable[..., CliResult]
) -> None:
    pyproject = write_pyproject(tmp_path, '[tool.ionqkit.lint]\noverlay = "fix.yaml"\n')
    with pytest.raises(InputError, match="an overlay needs the spec") as caught:
        load(pyproject)
    assert caught.value.file == str(pyproject)
    job = tmp_path / "job.json"
    job.write_text(dumps(BELL))
    code, out, err = cli("lint", "--config", pyproject, job)
    assert (code, out) == (2, "") and err.startswith(f"error: {pyproject}: an overlay needs the spec")


def test_missing_compiled_facts_ask_for_generate(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    missing = tmp_path / "lint_facts.json"
    monkeypatch.setattr(specdata, "facts_path", lambda api_version: str(missing))
    specdata.spec_facts.cache_clear()
    try:
        with pytest.raises(SpecError, match=r"no compiled lint facts: run `ionqkit generate`") as caught:
            specdata.spec_facts("v0.4")
        assert caught.value.file == str(missing)
    finally:
        specdata.spec_facts.cache_clear()
