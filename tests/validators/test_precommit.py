"""The hooks in .pre-commit-hooks.yaml, run by the real pre-commit tool against this repository
from a throwaway git repository (pre-commit try-repo builds ionqkit into its own environment)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from tests.validators.samples import BELL, dumps

REPO = Path(__file__).resolve().parents[2]


def test_hook_definitions() -> None:
    hooks = {
        hook["id"]: hook for hook in YAML(typ="safe").load((REPO / ".pre-commit-hooks.yaml").read_text())
    }
    assert hooks["ionqkit-lint"]["entry"] == "ionqkit lint"
    assert hooks["ionqkit-check-generated"]["entry"] == "ionqkit generate --check"
    assert hooks["ionqkit-check-generated"]["pass_filenames"] is False


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


@pytest.mark.slow
def test_pre_commit_runs_the_lint_hook(tmp_path: Path) -> None:
    pre_commit = Path(sys.executable).with_name("pre-commit")
    if not pre_commit.exists():
        pre_commit = Path(shutil.which("pre-commit") or "pre-commit")
    work = tmp_path / "project"
    (work / "jobs").mkdir(parents=True)
    _git(work, "init", "-q")
    (work / "jobs" / "good.json").write_text(dumps(BELL))
    bad = dict(BELL, shots=0)
    (work / "jobs" / "bad.json").write_text(dumps(bad))
    _git(work, "add", ".")
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(tmp_path / "cache"),
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.com",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.com",
    }

    def run(*files: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(pre_commit), "try-repo", str(REPO), "ionqkit-lint", "--files", *files],
            cwd=work,
            env=env,
            capture_output=True,
            text=True,
            check=False,
            timeout=900,
        )

    good = run("jobs/good.json")
    assert good.returncode == 0, good.stdout + good.stderr
    failed = run("jobs/good.json", "jobs/bad.json")
    assert failed.returncode == 1
    assert "jobs/bad.json" in failed.stdout and "IQ501" in failed.stdout
