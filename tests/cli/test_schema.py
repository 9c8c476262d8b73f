"""`ionqkit schema`: the job-payload JSON Schema on stdout or written atomically to a file."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from ionqkit.validators import LintConfig, specdata
from ionqkit.validators.jsonschema_export import dumps, export
from tests.conftest import CliResult
from tests.validators.samples import BELL
from tests.validators.test_spec_option import OUR_OVERLAY, job, spec_with_gate

Cli = Callable[..., CliResult]


def test_stdout_holds_the_schema_lint_config_gives(cli: Cli) -> None:
    code, out, err = cli("schema")
    assert (code, err) == (0, "")
    config = LintConfig()
    assert out == dumps(export(config.facts(), config.catalog()))
    Draft202012Validator.check_schema(json.loads(out))


def test_output_file_gets_the_same_bytes_and_twice_is_the_same(cli: Cli, tmp_path: Path) -> None:
    target = tmp_path / "job.schema.json"
    assert cli("schema", "-o", target)[:2] == (0, "")
    first = target.read_bytes()
    assert cli("schema", "--output", target, "--api-version", "v0.4")[0] == 0
    assert target.read_bytes() == first
    assert first.decode() == cli("schema")[1]
    assert [p.name for p in tmp_path.iterdir()] == ["job.schema.json"]  # no temporary file left


def test_an_unchanged_schema_leaves_the_file_alone(cli: Cli, tmp_path: Path) -> None:
    target = tmp_path / "job.schema.json"
    assert cli("schema", "-o", target)[0] == 0
    os.utime(target, (1_000_000_000, 1_000_000_000))
    assert cli("schema", "-o", target)[0] == 0
    assert target.stat().st_mtime == 1_000_000_000  # not rewritten
    target.write_text("{}")
    assert cli("schema", "-o", target)[0] == 0
    assert target.read_text() == cli("schema")[1]


def test_dash_is_stdout(cli: Cli, tmp_path: Path) -> None:
    code, out, _ = cli("schema", "-o", "-")
    assert code == 0 and out.startswith("{")


def test_the_config_limits_apply(cli: Cli, tmp_path: Path) -> None:
    config = tmp_path / "pyproject.toml"
    config.write_text("[tool.ionqkit.lint.limits]\nmax_controls = 2\n")
    code, out, _ = cli("schema", "--config", config)
    assert code == 0
    job = json.loads(json.dumps(BELL))
    job["input"]["qubits"] = 4
    job["input"]["circuit"][0] = {"gate": "x", "controls": [0, 1, 2], "target": 3}
    errors = list(Draft202012Validator(json.loads(out)).iter_errors(job))
    assert [list(e.absolute_path) for e in errors] == [["input", "circuit", 0, "controls"]]


def test_spec_describes_a_newer_spec_with_the_gate_it_adds(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("IONQKIT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(specdata, "_BY_KEY", {})
    newer = spec_with_gate(tmp_path, "sx")
    data = json.loads(job("sx"))
    installed = Draft202012Validator(json.loads(cli("schema")[1]))
    assert [list(e.absolute_path) for e in installed.iter_errors(data)] == [["input", "circuit", 1, "gate"]]
    code, out, err = cli("schema", "--spec", newer, "--overlay", OUR_OVERLAY)
    assert (code, err) == (0, "")
    assert list(Draft202012Validator(json.loads(out)).iter_errors(data)) == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--overlay", "fixes.yaml"), "error: <command line>: --overlay goes with --spec"),
        (("--spec", "missing.yaml"), "error: missing.yaml: no such file"),
        (("--config", "missing.toml"), "error: missing.toml: no such config file"),
    ],
)
def test_bad_input_is_one_error_line_and_exit_2(cli: Cli, args: tuple[str, ...], message: str) -> None:
    code, out, err = cli("schema", *args)
    assert (code, out) == (2, "")
    assert err.startswith(message) and err.count("\n") == 1


def test_a_folder_as_output_is_refused_and_left_alone(cli: Cli, tmp_path: Path) -> None:
    code, out, err = cli("schema", "-o", tmp_path)
    assert (code, out) == (2, "")
    assert err == f"error: {tmp_path}: is a directory, expected a file\n"
    assert list(tmp_path.iterdir()) == []


def test_an_unwritable_folder_is_one_error_line(cli: Cli, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    code, _, err = cli("schema", "-o", blocker / "schema.json")
    assert code == 2
    assert err.startswith(f"error: {blocker / 'schema.json'}: cannot write: ") and err.count("\n") == 1


def test_the_command_imports_no_validator_library(tmp_path: Path) -> None:
    probe = (
        "import json, sys\n"
        "from ionqkit.cli import main\n"
        "code = main(['schema', '-o', sys.argv[1]])\n"
        "print(json.dumps({'code': code, 'modules': sorted(sys.modules)}))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe, str(tmp_path / "s.json")], capture_output=True, text=True, check=True
    )
    report = json.loads(result.stdout)
    assert report["code"] == 0
    heavy = ("jsonschema", "openapi_spec_validator", "datamodel_code_generator", "ionqkit.codegen")
    assert [m for m in report["modules"] if m.startswith(heavy)] == []
