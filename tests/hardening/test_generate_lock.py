"""One `generate` at a time per output folder, a swap that rolls back, a --check that never writes
(issue 10, item 3). Overlapping runs are made to overlap by pausing one at a named point."""

from __future__ import annotations

import os
import signal
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from ionqkit.codegen import manifest
from ionqkit.spec import tempentries
from tests.hardening.pausing import IONQKIT, paused
from tests.hardening.test_no_data_loss import MINI, generate, listing

Cli = Callable[..., tuple[int, str, str]]
BUSY = "another generate is running in this folder"


def args(out: Path, *extra: str) -> list[str]:
    return ["generate", "--spec", str(MINI), "--out", str(out), "--package", "p", *extra]


@pytest.fixture
def out(cli: Cli, tmp_path: Path) -> Path:
    """An output folder with package p generated once."""
    folder = tmp_path / "u"
    assert generate(cli, folder)[0] == 0
    return folder


def test_a_second_run_exits_2_while_one_runs_and_both_leave_the_package_whole(cli: Cli, out: Path) -> None:
    with paused(args(out, "--force"), "stage:written") as first:
        for extra in ([], ["--force"], ["--check"]):  # --check waits for no one either
            code, _, err = generate(cli, out, *extra)
            assert (code, err) == (2, f"error: {out}: {BUSY}; run again when it has finished\n")
        code, rest = first.resume()
        assert code == 0, rest
    assert generate(cli, out, "--check")[0] == 0
    assert sorted(os.listdir(out)) == ["README.md", "p", "pyproject.toml"]  # --spec: a standalone project


def test_the_model_renderer_does_not_hold_the_lock_after_its_parent_dies(cli: Cli, out: Path) -> None:
    with paused(args(out, "--force"), "generate:renderer-started") as first:
        helpers = first.children()
        for pid in helpers:  # keep the forked renderer alive, as a slow machine would
            os.kill(pid, signal.SIGSTOP)
        try:
            first.kill()
            code, _, err = generate(cli, out, "--force")
            assert code == 0, err
        finally:
            for pid in helpers:
                os.kill(pid, signal.SIGKILL)


def test_a_failed_second_rename_puts_the_old_package_back(
    cli: Cli, out: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = listing(out)
    rename = os.rename

    def failing_rename(source: str | Path, target: str | Path) -> None:
        if Path(target) == out / "p" and tempentries.parse(Path(source).name) == (
            tempentries.TEMP_PREFIX,
            "p",
        ):
            raise OSError(28, "No space left on device", str(target))
        rename(source, target)

    monkeypatch.setattr(os, "rename", failing_rename)
    code, _, err = generate(cli, out, "--force")
    assert (code, err) == (2, f"error: {out / 'p'}: No space left on device\n")
    assert listing(out) == before  # the old package back in place, nothing of the run left


def test_check_after_an_interrupted_swap_reports_it_and_writes_nothing(cli: Cli, out: Path) -> None:
    with paused(args(out, "--force"), "swap:old-moved") as run:
        run.kill()
    assert manifest.read(out / "p") is None  # moved aside: what the next real run restores
    before = listing(out)
    code, _, err = generate(cli, out, "--check")
    assert code == 1
    assert "stale: p (moved aside by an interrupted run; generate restores it)" in err
    assert listing(out) == before  # today --check quietly restored the package
    check = subprocess.run([*IONQKIT, *args(out, "--check")], capture_output=True, text=True, check=False)
    assert check.returncode == 1 and listing(out) == before
    code, out_text, err = generate(cli, out)
    assert code == 0, err
    assert "restored p from an interrupted run" in out_text
    assert generate(cli, out, "--check")[0] == 0
    assert sorted(os.listdir(out)) == ["README.md", "p", "pyproject.toml"]  # --spec: a standalone project
