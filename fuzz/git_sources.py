"""Fuzz class: `git:REV:PATH` sources made from the input, often with option-like parts.

Whatever REV and PATH are, reading the source gives a Document or an IonqkitError, and git writes
nothing: the throwaway repository it runs in (one committed spec) holds the same files after.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import random
import shutil
import subprocess
import tempfile
import zlib
from functools import cache
from pathlib import Path

from ionqkit.diff.sources import read_document
from ionqkit.errors import IonqkitError

from . import seeds

OPTION_LIKE = (
    "-",
    "--",
    "-p",
    "-opwned",
    "--output=pwned",
    "--output=pwned:y",
    "--ext-diff",
    "--textconv",
    "--end-of-options",
    "--git-dir=.",
    "--exec-path=.",
    "--help",
)
PLAIN = ("HEAD", "HEAD~1", "@", "HEAD^{tree}", ":/spec", "main", "spec.yaml", "a:b", " ", "\x00", "\n")


@cache
def repository() -> Path | None:
    """A repository with spec.yaml committed, or None where there is no git."""
    if shutil.which("git") is None:
        return None
    folder = Path(tempfile.mkdtemp(prefix="ionqkit-fuzz-git-"))
    atexit.register(shutil.rmtree, folder, True)
    spec = seeds.REPO / "tests" / "codegen" / "data" / "mini.openapi.yaml"
    (folder / "spec.yaml").write_bytes(spec.read_bytes())
    env = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "HOME": str(folder)}
    for command in (
        ["git", "init", "-q", "."],
        ["git", "add", "spec.yaml"],
        ["git", "-c", "user.name=fuzz", "-c", "user.email=fuzz@invalid", "commit", "-q", "-m", "spec"],
    ):
        subprocess.run(command, cwd=folder, env=env, check=True, capture_output=True)
    return folder


def source_for(data: bytes) -> str:
    """A `git:` source chosen by the input: parts of it, option-like strings, plain revisions."""
    rng = random.Random(zlib.crc32(data))
    start = rng.randrange(max(1, len(data)))
    fragment = data[start : start + rng.randrange(1, 40)].decode("utf-8", "replace")

    def part() -> str:
        pick = rng.random()
        if pick < 0.4:
            return rng.choice(OPTION_LIKE) + (fragment if rng.random() < 0.3 else "")
        return rng.choice(PLAIN) if pick < 0.8 else fragment

    return "git:" + ":".join(part() for _ in range(rng.choice((1, 2, 2, 2, 3))))


def _files(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if ".git" not in p.parts}


def one_source(data: bytes) -> None:
    folder = repository()
    if folder is None:
        return
    source = source_for(data)
    before = _files(folder)
    with contextlib.suppress(IonqkitError):  # a typed refusal is a fine outcome; git writing is not
        read_document(source, cwd=folder)
    written = _files(folder) - before
    if written:
        raise AssertionError(f"git wrote {sorted(written)} for the source {source!r}")
