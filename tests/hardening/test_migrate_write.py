"""`migrate --write` loses nothing (issue 10, item 4, and what a killed run leaves, item 16).

Links: a symbolic link stays a link and its target is migrated; a hard-linked file is refused,
because a rename would split its names. A file edited while migrate runs is refused, not
overwritten. A number too large for a double is refused, never written as `Infinity`. A FIFO is
refused without being opened.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from ionqkit.spec import tempentries
from tests.hardening.pausing import IONQKIT, paused

Cli = Callable[..., tuple[int, str, str]]
V03 = {
    "target": "simulator",
    "shots": 100,
    "input": {"format": "ionq.circuit.v0", "qubits": 1, "circuit": [{"gate": "h", "target": 0}]},
}
V03_TEXT = json.dumps(V03, indent=1) + "\n"


def job(folder: Path, name: str = "job.json", text: str = V03_TEXT) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text)
    return path


def is_migrated(path: Path) -> bool:
    return bool(json.loads(path.read_text()).get("type") == "ionq.circuit.v1")


def test_a_symbolic_link_stays_a_link_and_its_target_is_migrated(cli: Cli, tmp_path: Path) -> None:
    real = job(tmp_path / "real")
    real.chmod(0o640)
    link = tmp_path / "links" / "job.json"
    link.parent.mkdir()
    link.symlink_to(Path("..") / "real" / "job.json")
    code, _, err = cli("migrate", link, "--write")
    assert code == 0, err
    assert link.is_symlink() and os.readlink(link) == "../real/job.json"  # today: a regular file
    assert is_migrated(real)
    assert stat.S_IMODE(real.stat().st_mode) == 0o640
    assert sorted(os.listdir(tmp_path / "real")) == ["job.json"]  # the temporary file went there
    assert sorted(os.listdir(link.parent)) == ["job.json"]


def test_a_hard_linked_file_is_refused_and_nothing_is_written(cli: Cli, tmp_path: Path) -> None:
    first = job(tmp_path, "a.json")
    linked = job(tmp_path, "b.json")
    os.link(linked, tmp_path / "b-other-name.json")
    code, _, err = cli("migrate", first, linked, "--write")
    assert code == 2
    assert err == (
        f"error: {linked}: has 2 hard links; replacing it would split them, so it is not written "
        "(copy it to a file of its own first)\n"
    )
    for name in ("a.json", "b.json", "b-other-name.json"):  # checked before any file is written
        assert (tmp_path / name).read_text() == V03_TEXT
    assert os.stat(linked).st_nlink == 2


def test_a_hard_linked_file_with_nothing_to_write_is_not_refused(cli: Cli, tmp_path: Path) -> None:
    path = job(tmp_path)
    assert cli("migrate", path, "--write")[0] == 0  # now a v0.4 payload: nothing more to change
    os.link(path, tmp_path / "other-name.json")
    assert cli("migrate", path, "--write")[0] == 0


def test_a_file_named_twice_or_through_a_link_is_written_once(cli: Cli, tmp_path: Path) -> None:
    path = job(tmp_path)
    (tmp_path / "link.json").symlink_to("job.json")
    code, _, err = cli("migrate", path, tmp_path / "link.json", path, "--write")
    assert code == 0, err
    assert is_migrated(path) and (tmp_path / "link.json").is_symlink()


def edit_same_size_same_mtime(path: Path) -> None:
    before = path.stat()
    path.write_text(path.read_text().replace('"shots": 100', '"shots": 200'))
    assert path.stat().st_size == before.st_size
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # only the content tells


def edit_appending(path: Path) -> None:
    path.write_text(path.read_text().replace('"shots": 100', '"shots": 2000'))


@pytest.mark.parametrize("edit", [edit_appending, edit_same_size_same_mtime])
def test_a_file_edited_while_migrate_runs_is_refused_not_overwritten(
    tmp_path: Path, edit: Callable[[Path], None]
) -> None:
    edited, other = job(tmp_path, "a.json"), job(tmp_path, "b.json")
    with paused(["migrate", "--write", edited, other], "write:temp-written") as run:
        edit(edited)  # the user saves the file while its migration waits to be renamed in
        users_version = edited.read_bytes()
        code, err = run.resume()
    assert code == 2
    assert f"error: {edited}: changed while ionqkit was working on it; not written (run again)\n" in err
    assert edited.read_bytes() == users_version  # today: overwritten with the migration of the old
    assert is_migrated(other)  # the other file is still written
    assert sorted(os.listdir(tmp_path)) == ["a.json", "b.json"]


@pytest.mark.parametrize(
    ("number", "pointer", "column"),
    [("1e400", "/shots", 2), ("-1E400", "/metadata/x", 15)],  # at the key
)
def test_a_number_too_large_for_a_double_is_refused_not_written_as_infinity(
    cli: Cli, tmp_path: Path, number: str, pointer: str, column: int
) -> None:
    text = '{"target": "simulator",\n "shots": 1,\n "metadata": {"x": 1}, "input": {"circuit": []}}\n'
    text = text.replace('"shots": 1', f'"shots": {number}') if pointer == "/shots" else text
    text = text.replace('{"x": 1}', f'{{"x": {number}}}') if pointer == "/metadata/x" else text
    path = job(tmp_path, text=text)
    line = 2 if pointer == "/shots" else 3
    for extra in (["--write"], []):
        code, out, err = cli("migrate", path, *extra)
        assert code == 2
        assert err == (
            f"error: {path}:{line}:{column}: number too large for a double (it would be written back "
            f"as Infinity, which is not JSON) (at {pointer})\n"
        )
        assert "Infinity" not in out
        assert path.read_text() == text


@pytest.mark.parametrize("extra", [["--write"], []])
def test_a_fifo_is_refused_without_blocking(tmp_path: Path, extra: list[str]) -> None:
    fifo = tmp_path / "job.json"
    os.mkfifo(fifo)
    # The timeout only keeps a regression from hanging the suite: today the command waits forever.
    result = subprocess.run(
        [*IONQKIT, "migrate", str(fifo), *extra], capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 2
    assert result.stderr.startswith(f"error: {fifo}: not a regular file (a FIFO)")
    assert result.stderr.count("\n") == 1
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


def test_a_device_is_refused(cli: Cli) -> None:
    code, _, err = cli("migrate", "/dev/null", "--write")
    assert (code, err.count("\n")) == (2, 1)
    assert "/dev/null: not a regular file" in err


def test_a_killed_write_leaves_a_temporary_file_the_next_run_removes_and_no_other(tmp_path: Path) -> None:
    path = job(tmp_path)
    users = [".ionqkit-tmp-job.json", ".ionqkit-tmp-job.json.0123456789abcdef0123456789abcdef"]
    for name in users:
        (tmp_path / name).write_text("the user's\n")
    with paused(["migrate", "--write", path], "write:temp-written") as run:
        run.kill()
    assert path.read_text() == V03_TEXT  # the old file, whole
    ours = [n for n in os.listdir(tmp_path) if n not in [*users, "job.json"]]
    assert len(ours) == 1 and tempentries.parse(ours[0]) == (tempentries.TEMP_PREFIX, "job.json")
    live, fd = tempentries.create_file(tmp_path, "job.json")  # one a concurrent run is writing
    try:
        rerun = subprocess.run(
            [*IONQKIT, "migrate", "--write", str(path)], capture_output=True, text=True, check=False
        )
        assert rerun.returncode == 0, rerun.stderr
        assert f"{tmp_path / ours[0]}: removed (left by an interrupted run)" in rerun.stderr
        assert is_migrated(path)
        assert sorted(os.listdir(tmp_path)) == sorted([*users, "job.json", live.name])
    finally:
        os.close(fd)
