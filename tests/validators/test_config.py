"""[tool.ionqkit.lint]: select/ignore, per-file ignores, limits, extra backends, a GET /backends file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ionqkit.errors import InputError
from ionqkit.validators import LintConfig, lint
from ionqkit.validators.config import load
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
