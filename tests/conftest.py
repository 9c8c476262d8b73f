"""Shared fixtures: where the repo and the upstream reference data (../shared) are."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from ionqkit.cli import main

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO


@pytest.fixture(scope="session")
def shared() -> Path:
    if not (SHARED / "reference").is_dir():
        pytest.fail(f"upstream reference data not found at {SHARED} (CI clones the repo next to shared/)")
    return SHARED


CliResult = tuple[int, str, str]


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., CliResult]:
    """Run `ionqkit ARGS...` in-process; returns (exit code, stdout, stderr)."""

    def run(*args: str | Path) -> CliResult:
        try:
            code = main([str(a) for a in args])
        except SystemExit as exc:  # argparse usage errors
            code = int(exc.code or 0)
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return run
