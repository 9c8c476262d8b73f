"""The CLI package imports a command's module, and its heavy libraries, only once that command runs."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

HEAVY = ("ionqkit.codegen", "datamodel_code_generator", "jsonschema", "openapi_spec_validator")

PROBE = """
import json, sys
from ionqkit.cli import main
try:
    code = main(sys.argv[2:])
except SystemExit as exc:
    code = exc.code
with open(sys.argv[1], "w") as out:
    json.dump({"code": code, "modules": sorted(sys.modules)}, out)
"""


def run_probe(tmp_path: Path, *args: str) -> tuple[int, list[str]]:
    report = tmp_path / "modules.json"
    subprocess.run([sys.executable, "-c", PROBE, str(report), *args], capture_output=True, check=True)
    data = json.loads(report.read_text())
    return data["code"], data["modules"]


@pytest.mark.parametrize(
    "args", [("--help",), ("lint", "--help"), ("generate", "--help"), ("diff", "--help")]
)
def test_help_imports_no_command_and_nothing_heavy(tmp_path: Path, args: tuple[str, ...]) -> None:
    code, modules = run_probe(tmp_path, *args)
    assert code == 0
    assert [m for m in modules if m.startswith(HEAVY)] == []
    commands = ("ionqkit.cli.generate", "ionqkit.cli.lint", "ionqkit.cli.diff", "ionqkit.cli.migrate")
    assert [m for m in modules if m.startswith(commands)] == []


def test_lint_of_a_small_payload_imports_nothing_heavy(tmp_path: Path) -> None:
    payload = tmp_path / "small.json"
    payload.write_text(
        '{"backend": "simulator", "type": "ircuit", "input": {"gateset": "qis", "circuit": []}}'
    )
    code, modules = run_probe(tmp_path, "lint", str(payload))
    assert code in (0, 1)
    assert "ionqkit.cli.lint" in modules and "ionqkit.validators.engine" in modules
    assert [m for m in modules if m.startswith(HEAVY)] == []
    assert [m for m in modules if m.startswith(("ionqkit.cli.generate", "ionqkit.cli.diff"))] == []


def test_python_dash_m_runs_the_same_program() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "ionqkit", "--version"], capture_output=True, text=True, check=True
    )
    assert result.stdout.startswith("ionqkit ")
