"""`ionqkit migrate --write` killed at any moment leaves each file old or new, never a mix."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ionqkit.errors import InputError
from ionqkit.migrate.files import write_atomically

from .conftest import FIXTURES


def test_a_killed_write_leaves_every_file_whole(tmp_path: Path) -> None:
    originals = {p.name: p.read_bytes() for p in sorted(FIXTURES.glob("*.json"))}
    # Large payloads make the run long enough to be killed while writing: the same circuit x 400.
    for name, raw in originals.items():
        payload = json.loads(raw)
        circuit = payload.get("input", {}).get("circuit")
        if isinstance(circuit, list):
            payload["input"]["circuit"] = circuit * 400
        originals[name] = json.dumps(payload).encode()
    command = [sys.executable, "-m", "ionqkit", "migrate", "--write"]
    for delay in (0.05, 0.2, 0.4, 0.6, 0.9, 1.3):
        folder = tmp_path / f"kill-{delay}"
        folder.mkdir()
        for name, raw in originals.items():
            (folder / name).write_bytes(raw)
        files = sorted(map(str, folder.iterdir()))
        run = subprocess.Popen([*command, *files], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        run.send_signal(signal.SIGKILL)
        run.wait()
        for path in folder.iterdir():
            assert path.name in originals, f"left behind after a kill at {delay}s: {path.name}"
            raw = path.read_bytes()
            if raw != originals[path.name]:  # rewritten: then completely, as a v0.4 payload
                assert json.loads(raw)["type"].startswith("ionq."), path.name


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
