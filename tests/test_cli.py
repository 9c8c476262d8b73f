"""The `ionqkit` program ends with a hard exit (ionqkit.cli.entry): what it prints must still
arrive whole, through a pipe, with the exit code of the command."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

CORPUS = Path(__file__).parent / "validators" / "corpus" / "v0.4"
CliRun = Callable[..., tuple[int, str, str]]


def program(*args: str | Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "ionqkit", *map(str, args)]
    return subprocess.run(command, capture_output=True, text=True, check=False, timeout=120)


def test_the_program_prints_what_the_command_prints(cli: CliRun) -> None:
    run = program("rules")
    assert run.returncode == 0
    assert (run.returncode, run.stdout, run.stderr) == cli("rules")


def test_findings_arrive_whole_with_exit_code_1(tmp_path: Path) -> None:
    circuit = [{"gate": "h", "target": q % 40} for q in range(3000)]
    payload = {"type": "ionq.circuit.v1", "input": {"qubits": 2, "circuit": circuit}}
    path = tmp_path / "job.json"
    path.write_text(json.dumps(payload))
    run = program("lint", "--format", "json", path)
    assert run.returncode == 1
    report = json.loads(run.stdout)  # complete: it parses
    assert len(report["diagnostics"]) > 100


def test_bad_input_is_one_line_on_stderr_and_exit_2(tmp_path: Path) -> None:
    config = tmp_path / "pyproject.toml"
    config.write_text("[tool.ionqkit.generate\n")
    run = program("generate", "--config", config)
    assert run.returncode == 2
    assert run.stderr.startswith(f"error: {config}:")
    assert "Traceback" not in run.stderr


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs Linux's /dev/full")
@pytest.mark.parametrize("args", [("rules",), ("lint", "--format", "json", CORPUS)], ids=["rules", "lint"])
def test_output_to_a_full_disk_is_an_error_not_a_crash(args: tuple[str | Path, ...]) -> None:
    with open("/dev/full", "w") as full:
        run = subprocess.run(
            [sys.executable, "-m", "ionqkit", *map(str, args)],
            stdout=full, stderr=subprocess.PIPE, text=True, check=False, timeout=120,
        )  # fmt: skip
    assert run.returncode == 2
    assert run.stderr.strip().splitlines() == ["error: No space left on device"]
