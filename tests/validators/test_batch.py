"""`ionqkit lint --jobs N`: many files on several processes, reported exactly as on one."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from ionqkit.cli import main
from ionqkit.validators import LintConfig
from ionqkit.validators.batch import lint_files
from tests.validators.samples import BELL, dumps, payload


def payload_tree(root: Path, count: int) -> list[Path]:
    """`count` payloads, every third one with a qubit out of range, some in YAML, in subfolders."""
    paths = []
    for index in range(count):
        data = payload(BELL)
        if index % 3 == 0:
            data["input"]["circuit"][0]["target"] = 2 + index
        folder = root / f"batch{index % 4}"
        folder.mkdir(exist_ok=True)
        if index % 5 == 0:
            path = folder / f"job{index:03d}.yaml"
            path.write_text(dumps(data))  # JSON is YAML
        else:
            path = folder / f"job{index:03d}.json"
            path.write_text(dumps(data))
        paths.append(path)
    return paths


def run_cli(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(["lint", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.mark.parametrize("output", ["text", "json", "sarif"])
def test_the_report_does_not_depend_on_the_number_of_processes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], output: str
) -> None:
    payload_tree(tmp_path, 40)
    missing = str(tmp_path / "missing.json")
    serial = run_cli(["--format", output, str(tmp_path), missing], capsys)
    parallel = run_cli(["--format", output, "-j", "3", str(tmp_path), missing], capsys)
    assert serial == parallel
    code, out, err = serial
    assert code == 2 and "missing.json: no such file or directory" in err
    if output == "text":
        assert out.count(" IQ207 ") == 14  # jobs 0, 3, ..., 39


def test_results_come_back_in_the_order_given(tmp_path: Path) -> None:
    paths = [str(p) for p in reversed(payload_tree(tmp_path, 12))]
    paths.insert(5, str(tmp_path / "gone.json"))
    results = list(lint_files(paths, api_version="auto", config=LintConfig(), jobs=2))
    assert [r.name for r in results] == paths
    assert results[5].problem is not None and results[5].diagnostics == []
    failing = [r.name for r in results if r.diagnostics]
    assert failing == [p for p in paths if p.endswith(("000.yaml", "003.json", "006.json", "009.json"))]


def test_jobs_0_means_one_process_per_core(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    paths = [str(p) for p in payload_tree(tmp_path, 6)]
    assert run_cli(["-j", "0", *paths], capsys) == run_cli(paths, capsys)


def test_negative_or_non_numeric_jobs_are_usage_errors() -> None:
    for value in ("-1", "two"):
        result = subprocess.run(
            [sys.executable, "-m", "ionqkit", "lint", "--jobs", value, "x.json"],
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 2 and "--jobs" in result.stderr
