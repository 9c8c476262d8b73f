"""`ionqkit migrate --write` killed at any moment leaves each file old or new, never a mix."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from ionqkit.errors import InputError
from ionqkit.migrate.files import write_atomically
from ionqkit.spec import tempentries
from tests.hardening.pausing import IONQKIT, paused

from .conftest import FIXTURES

# Every point of a file's replacement, at the first file and at a later one (the files are
# written in the order given, so the earlier ones are new and the later ones old).
KILL_POINTS = [
    f"{point}@{nth}"
    for point in ("write:temp-created", "write:temp-written", "write:replaced")
    for nth in (1, 4)
]


@pytest.mark.parametrize("point", KILL_POINTS)
def test_a_killed_write_leaves_every_file_whole(tmp_path: Path, point: str) -> None:
    originals = {p.name: p.read_bytes() for p in sorted(FIXTURES.glob("*.json"))}
    for name, raw in originals.items():
        (tmp_path / name).write_bytes(raw)
    files = sorted(map(str, tmp_path.iterdir()))
    with paused(["migrate", "--write", *files], point) as run:
        run.kill()
    leftovers = []
    for path in tmp_path.iterdir():
        if path.name not in originals:
            # A kill may leave one temporary file: ours by its name, removed by the next run.
            parsed = tempentries.parse(path.name)
            assert parsed is not None and parsed[0] == tempentries.TEMP_PREFIX, path.name
            leftovers.append(path.name)
            continue
        raw = path.read_bytes()
        if raw != originals[path.name]:  # rewritten: then completely, as a v0.4 payload
            assert json.loads(raw)["type"].startswith("ionq."), path.name
    assert len(leftovers) <= 1
    assert leftovers or not point.startswith("write:temp-"), "the kill came while a temporary file existed"

    rerun = subprocess.run(
        [*IONQKIT, "migrate", "--write", *files], capture_output=True, text=True, check=False
    )
    assert rerun.returncode == 0, rerun.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(originals)
    for name in leftovers:
        assert f"{name}: removed (left by an interrupted run)" in rerun.stderr


def test_write_atomically_keeps_permissions_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    path = tmp_path / "job.json"
    path.write_text('{"old": true}\n')
    path.chmod(0o640)
    write_atomically(path, '{"new": true}\n')
    assert path.read_text() == '{"new": true}\n'
    assert path.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["job.json"]


@pytest.mark.parametrize("failure", [OSError(28, "No space left on device"), KeyboardInterrupt()])
def test_an_interrupted_write_keeps_the_old_file_and_cleans_up(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failure: BaseException
) -> None:
    path = tmp_path / "job.json"
    path.write_text('{"old": true}\n')

    def fail(fd: int) -> None:
        raise failure

    monkeypatch.setattr(os, "fsync", fail)
    with pytest.raises((InputError, KeyboardInterrupt)):
        write_atomically(path, '{"new": true}\n')
    assert path.read_text() == '{"old": true}\n'
    assert sorted(p.name for p in tmp_path.iterdir()) == ["job.json"]
