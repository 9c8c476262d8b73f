"""`lint --fix` writes like `migrate --write`: atomically, keeping permissions and links, refusing
hard-linked files and files changed since they were read."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ionqkit.cli import main
from ionqkit.spec import tempentries
from ionqkit.validators import fix
from ionqkit.validators.fixer import Fixed
from ionqkit.validators.fixfiles import fix_file, unified_diff
from tests.hardening.pausing import paused

JOB = (
    '{\n  "type": "ionq.circuit.v1",\n  "backend": "simulator",\n  "lang": "json",\n  "shots": "100",\n'
    '  "input": {"gateset": "qis", "circuit": [{"gate": "h", "target": 0}]}\n}\n'
)
FIXED = JOB.replace('  "lang": "json",\n', "").replace('"shots": "100"', '"shots": 100')


def fixer(raw: bytes, name: str) -> Fixed:
    return fix(raw, name=name)


def job(tmp_path: Path, name: str = "job.json") -> Path:
    path = tmp_path / name
    path.write_text(JOB)
    return path


def test_the_file_is_replaced_with_its_permissions(tmp_path: Path) -> None:
    path = job(tmp_path)
    path.chmod(0o640)
    result = fix_file(str(path), fixer, write=True)
    assert result.written and result.problem is None
    assert path.read_text() == FIXED
    assert path.stat().st_mode & 0o777 == 0o640
    assert sorted(os.listdir(tmp_path)) == ["job.json"]


def test_without_write_nothing_is_written(tmp_path: Path) -> None:
    path = job(tmp_path)
    result = fix_file(str(path), fixer, write=False)
    assert not result.written and result.fixed is not None and result.fixed.after == FIXED
    assert path.read_text() == JOB


def test_a_symbolic_link_stays_a_link_and_its_target_is_fixed(tmp_path: Path) -> None:
    path = job(tmp_path)
    (tmp_path / "link.json").symlink_to("job.json")
    assert fix_file(str(tmp_path / "link.json"), fixer, write=True).written
    assert (tmp_path / "link.json").is_symlink() and path.read_text() == FIXED


def test_a_hard_linked_file_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = job(tmp_path)
    os.link(path, tmp_path / "other.json")
    assert main(["lint", "--fix", str(path)]) == 2
    assert "has 2 hard links" in capsys.readouterr().err
    assert path.read_text() == JOB


def test_a_file_named_twice_or_through_a_link_is_fixed_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = job(tmp_path)
    (tmp_path / "link.json").symlink_to("job.json")
    assert main(["lint", "--fix", str(path), str(tmp_path / "link.json"), str(path)]) == 0
    assert path.read_text() == FIXED and (tmp_path / "link.json").is_symlink()
    assert "Fixed 2 finding(s) in 1 file." in capsys.readouterr().err


def test_what_an_interrupted_run_left_is_removed(tmp_path: Path) -> None:
    path = job(tmp_path)
    stale = tmp_path / tempentries.new_name(tempentries.TEMP_PREFIX, "job.json")
    stale.write_text("half")
    assert main(["lint", "--fix", str(path)]) == 0
    assert sorted(os.listdir(tmp_path)) == ["job.json"]


def test_a_file_edited_while_it_is_fixed_is_refused_not_overwritten(tmp_path: Path) -> None:
    edited, other = job(tmp_path, "a.json"), job(tmp_path, "b.json")
    with paused(["lint", "--fix", edited, other], "write:temp-written") as run:
        edited.write_text(JOB.replace('"simulator"', '"qpu.aria-1"'))  # the user saves meanwhile
        users_version = edited.read_bytes()
        code, err = run.resume()
    assert code == 2
    assert f"error: {edited}: changed while ionqkit was working on it; not written (run again)\n" in err
    assert edited.read_bytes() == users_version
    assert other.read_text() == FIXED  # the other file is still fixed
    assert sorted(os.listdir(tmp_path)) == ["a.json", "b.json"]


def test_the_diff_marks_a_last_line_without_a_line_break() -> None:
    result = fix('{"shots": "1"}')
    assert unified_diff("a.json", result) == (
        '--- a.json\n+++ a.json\n@@ -1 +1 @@\n-{"shots": "1"}\n\\ No newline at end of file\n'
        '+{"shots": 1}\n\\ No newline at end of file\n'
    )
    assert unified_diff("a.json", fix('{"shots": 1}')) == ""
