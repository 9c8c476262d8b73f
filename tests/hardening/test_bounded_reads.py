"""Every input goes through one bounded reader (ionqkit.spec.inputs): a FIFO, a device or an endless
stream is refused or cut at the limit, never waited on or buffered whole.

The commands run in a child with its address space capped at 2 GB: before the reader, `lint
/dev/zero` grew without end and a FIFO blocked forever, so a regression fails here by a
MemoryError (exit 3) or by the safety timeout, not by exhausting the machine.
"""

from __future__ import annotations

import ast
import os
import resource
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from ionqkit.errors import InputError
from ionqkit.spec.inputs import MAX_BYTES
from tests.hardening.hostile import run_measured

Cli = Callable[..., tuple[int, str, str]]
REPO = Path(__file__).resolve().parents[2]
V04 = REPO / "specs" / "ionq-v0.4.openapi.yaml"
TWO_GB = 2 * 1024**3
SAFETY_TIMEOUT = 120  # seconds; a hang, not a slow run, is what it catches


def _cap_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (TWO_GB, TWO_GB))


def ionqkit(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """`ionqkit ARGS` in a child capped at 2 GB of address space, stdin at /dev/null."""
    return subprocess.run(
        [sys.executable, "-m", "ionqkit", *map(str, args)],
        stdin=subprocess.DEVNULL, capture_output=True, text=True, check=False, cwd=cwd,
        timeout=SAFETY_TIMEOUT, preexec_fn=_cap_memory,
    )  # fmt: skip


def error_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("error: ")]


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "job.json"
    os.mkfifo(path)  # no writer ever opens it: reading it would wait forever
    return path


def _commands(path: Path, tmp_path: Path) -> dict[str, tuple[str | Path, ...]]:
    config = tmp_path / "config.toml"
    return {
        "lint": ("lint", path),
        "diff (new side)": ("diff", V04, path),
        "diff (old side)": ("diff", path, V04),
        "migrate": ("migrate", path),
        "migrate --write": ("migrate", "--write", path),
        "generate --spec": ("generate", "--spec", path, "--out", tmp_path / "out", "--package", "p"),
        "generate --overlay": (
            "generate", "--spec", V04, "--overlay", path, "--out", tmp_path / "out", "--package", "p",
        ),
        "generate --config": ("generate", "--config", path),
        "lint --config": ("lint", "--config", path, V04.parent / "backends.yaml"),
        "diff --renames": ("diff", V04, V04, "--renames", path),
        "lint --config backends-file": ("lint", "--config", config, V04),
    }  # fmt: skip


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_every_command_refuses_a_fifo_or_a_device_at_once(kind: str, fifo: Path, tmp_path: Path) -> None:
    path = fifo if kind == "fifo" else Path("/dev/zero")
    (tmp_path / "config.toml").write_text(f'[tool.ionqkit.lint]\nbackends-file = "{path}"\n')
    expected = "not a regular file (a FIFO)" if kind == "fifo" else "not a regular file (a character device)"
    for what, args in _commands(path, tmp_path).items():
        run = ionqkit(*args, cwd=tmp_path)
        assert run.returncode == 2, f"{what}: exit {run.returncode}\n{run.stderr[-2000:]}"
        errors = error_lines(run.stderr)
        assert len(errors) == 1, f"{what}: {run.stderr}"
        assert expected in errors[0], f"{what}: {errors[0]}"
        assert "Traceback" not in run.stderr
    assert not (tmp_path / "out").exists()


def test_lint_of_dev_zero_is_refused_by_kind_not_read() -> None:
    run = ionqkit("lint", "/dev/zero")  # in a capped child: read, it would fill any memory
    assert (run.returncode, run.stderr) == (2, "error: /dev/zero: not a regular file (a character device)\n")
    assert "All checks passed" not in run.stdout


def test_the_kind_is_checked_on_the_opened_descriptor(fifo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A path that looks regular when stat'ed and is a FIFO when opened (swapped in between) is
    still refused, and opening it does not block: the descriptor is opened non-blocking and
    fstat'ed."""
    regular = os.stat(__file__)
    real_stat = os.stat

    def lying_stat(path: object, *args: object, **kwargs: object) -> os.stat_result:
        return regular if str(path) == str(fifo) else real_stat(path, *args, **kwargs)  # type: ignore[arg-type]

    from ionqkit.spec.inputs import read_file

    monkeypatch.setattr(os, "stat", lying_stat)
    with pytest.raises(InputError, match=r"not a regular file \(a FIFO\)"):
        read_file(fifo)


def test_a_file_over_the_limit_is_refused_at_the_first_byte_past_it(cli: Cli, tmp_path: Path) -> None:
    big = tmp_path / "big.json"
    big.write_bytes(b"\n" * (MAX_BYTES + 10))  # the limit falls at the start of a line
    for args in (("lint", big), ("diff", V04, big), ("migrate", big)):
        code, out, err = cli(*args)
        assert code == 2, err
        size = f"file is {MAX_BYTES + 10:,} bytes; the limit is {MAX_BYTES:,} bytes"
        assert err.strip() == f"error: {big}:{MAX_BYTES + 1}:1: {size}"
        assert "All checks passed" not in out


def test_a_stream_is_cut_at_the_limit_and_located() -> None:
    from ionqkit.spec.inputs import read_stream

    class Endless:
        """An endless stream of `x\\n`, counting what was asked of it."""

        served = 0

        def read(self, size: int = -1) -> bytes:
            assert size > 0, "an unbounded read"
            self.served += size
            return (b"x\n" * (size // 2 + 1))[:size]

    stream = Endless()
    with pytest.raises(InputError) as caught:
        read_stream(stream, max_bytes=1001)  # type: ignore[arg-type]
    assert str(caught.value) == "<stdin>:501:2: more than 1,001 bytes; the limit is 1,001 bytes"
    assert stream.served == 1002


def test_a_command_is_stopped_once_its_output_passes_the_limit() -> None:
    from ionqkit.spec.inputs import run_command

    with pytest.raises(InputError, match=r"^git:x:1:1001: more than 1,000 bytes"):
        run_command(["cat", "/dev/zero"], cwd=None, timeout=60, max_bytes=1000, name="git:x")


@pytest.fixture(scope="module")
def repo_with_a_big_blob(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A git repository whose HEAD holds big.yaml: 100 MB (zeros compress to nothing in git)."""
    folder = tmp_path_factory.mktemp("git-big")
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}

    def git(*args: str, feed: bytes | None = None) -> str:
        done = subprocess.run(
            ["git", "-c", "user.name=t", "-c", "user.email=t@t", *args],
            cwd=folder, input=feed, capture_output=True, check=True, env=env, timeout=120,
        )  # fmt: skip
        return done.stdout.decode().strip()

    git("init", "-q")
    blob = git("hash-object", "-w", "--stdin", feed=b"a: 0\n" + bytes(100 * 1024 * 1024))
    git("update-index", "--add", "--cacheinfo", f"100644,{blob},big.yaml")
    git("commit", "-q", "-m", "big")
    return folder


@pytest.mark.slow
def test_a_git_blob_is_read_up_to_the_limit_only(repo_with_a_big_blob: Path) -> None:
    result = run_measured("diff", "git:HEAD:big.yaml", V04, cwd=repo_with_a_big_blob)
    assert result.code == 2, result.stderr
    assert error_lines(result.stderr) == [
        f"error: git:HEAD:big.yaml:2:{MAX_BYTES - 5 + 1}: more than {MAX_BYTES:,} bytes; "
        f"the limit is {MAX_BYTES:,} bytes"
    ]
    # The blob is 100 MB; read whole (as `git show` into memory did) it cost twice that.
    assert result.peak_mb < 150, f"peak {result.peak_mb:.0f} MB"


# Reads that are not of a user's input, by (module, function, call): ionqkit's own files (the
# generated package it wrote, the formatter's output in its temporary folder, its own modules).
NOT_INPUTS = {
    ("codegen/generate.py", "format_packages", "read_bytes"): "ruff's output in our temporary folder",
    ("codegen/manifest.py", "read", "read_text"): "the MANIFEST.json that generate wrote",
    ("codegen/manifest.py", "generator_fingerprint", "read_bytes"): "codegen's own modules",
}
READ_CALLS = {"read_bytes", "read_text", "open"}
SOURCES = ("codegen", "validators", "src/ionqkit")


class _Reads(ast.NodeVisitor):
    """(function, call, line) of every file read and every use of sys.stdin in a module."""

    def __init__(self) -> None:
        self.function = "<module>"
        self.found: list[tuple[str, str, int]] = []

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        outer, self.function = self.function, node.name
        self.generic_visit(node)
        self.function = outer

    def visit_Call(self, node: ast.Call) -> None:
        name = getattr(node.func, "attr", None) or getattr(node.func, "id", None)
        if name in READ_CALLS:
            self.found.append((self.function, str(name), node.lineno))
        self.generic_visit(node)

    def visit_Attribute(self, node: ast.Attribute) -> None:
        if node.attr == "stdin":
            self.found.append((self.function, "stdin", node.lineno))
        self.generic_visit(node)


def _reads(path: Path) -> list[tuple[str, str, int]]:
    visitor = _Reads()
    visitor.visit(ast.parse(path.read_text(encoding="utf-8")))
    return visitor.found


def _modules() -> dict[str, Path]:
    """Every module of the package by its path in the repo (src/ionqkit links codegen/ and
    validators/ in: each file once)."""
    found: dict[str, Path] = {}
    for top in SOURCES:
        for path in (REPO / top).rglob("*.py"):
            relative = path.resolve().relative_to(REPO).as_posix()
            found.setdefault(relative, path)
    return found


SKIPPED = (
    "src/ionqkit/spec/inputs.py",  # the reader
    "src/ionqkit/cli/__init__.py",  # guards the standard streams themselves
    "codegen/writer.py",  # writes
    "src/ionqkit/spec/atomic.py",  # writes (its change check reads back through the reader)
    "src/ionqkit/spec/tempentries.py",  # creates and locks our own temporary entries; reads none
)


def test_every_input_is_read_through_the_one_reader() -> None:
    """No module reads a file or stdin itself: only ionqkit/spec/inputs.py does."""
    unrouted = []
    for relative, path in sorted(_modules().items()):
        if relative.startswith(("generated/", "src/ionqkit/runtime/")) or relative in SKIPPED:
            continue
        for function, call, line in _reads(path):
            if (relative, function, call) not in NOT_INPUTS:
                unrouted.append(f"{relative}:{line}: {call} in {function}()")
    assert unrouted == []
