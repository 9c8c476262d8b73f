"""Shared fixtures: where the repo and the upstream reference data (../shared) are."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from ionqkit.cli import main

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO


# Tests that compare our specs with upstream data read it in place from ../shared. A lone clone has
# none: those tests skip with one reason. CI sets IONQKIT_REQUIRE_SHARED=1 so that a missing copy
# there fails instead of quietly skipping.
SHARED_MISSING = f"needs the upstream reference data at {SHARED} (absent: a lone clone)"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "shared" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.needs_shared)


@pytest.fixture(scope="session")
def shared() -> Path:
    if not (SHARED / "reference").is_dir():
        if os.environ.get("IONQKIT_REQUIRE_SHARED") == "1":
            pytest.fail(f"IONQKIT_REQUIRE_SHARED=1 but {SHARED_MISSING}")
        pytest.skip(SHARED_MISSING)
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


@pytest.fixture(scope="session")
def _cache_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("cache")


@pytest.fixture(autouse=True)
def _private_cache(_cache_folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`lint --spec` caches compiled facts in the user's cache folder: never the real one in tests."""
    monkeypatch.setenv("IONQKIT_CACHE_DIR", str(_cache_folder))
