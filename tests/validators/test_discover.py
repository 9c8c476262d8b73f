"""Which files `ionqkit lint PATH...` checks."""

from __future__ import annotations

from pathlib import Path

import pytest

from ionqkit.validators.discover import files_to_check


def test_files_are_taken_as_named_and_folders_searched_in_order(tmp_path: Path) -> None:
    (tmp_path / "jobs" / "nested").mkdir(parents=True)
    (tmp_path / "jobs" / ".hidden").mkdir()
    for name in ("jobs/b.json", "jobs/a.yaml", "jobs/nested/c.yml", "jobs/notes.txt", "jobs/.hidden/d.json"):
        (tmp_path / name).write_text("{}")
    named = tmp_path / "named.txt"  # a file named on the command line is checked whatever its suffix
    named.write_text("{}")
    found, problems = files_to_check([str(named), str(tmp_path / "jobs"), "-"])
    jobs = tmp_path / "jobs"
    assert found == [
        str(named),
        str(jobs / "a.yaml"),
        str(jobs / "b.json"),
        str(jobs / "nested" / "c.yml"),
        "-",
    ]
    assert problems == []


def test_a_missing_or_empty_path_is_a_problem_not_the_current_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "job.json").write_text("{}")
    monkeypatch.chdir(tmp_path)
    found, problems = files_to_check(["", "gone.json"])
    assert found == []
    assert problems == ["an empty path names no file or folder", "gone.json: no such file or directory"]
    assert files_to_check(["."]) == (["job.json"], [])  # as pathlib names it
