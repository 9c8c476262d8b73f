"""Which files `ionqkit lint PATH...` checks: files as named, folders searched for payloads."""

from __future__ import annotations

import os

TYPE_CHECKING = False  # typing is not imported at run time: see ionqkit/__init__.py
if TYPE_CHECKING:
    from pathlib import Path

PAYLOAD_SUFFIXES = (".json", ".yaml", ".yml")


def files_to_check(paths: list[str]) -> tuple[list[str], list[str]]:
    """(files in order, problems) for the given paths; directories are searched recursively."""
    found: list[str] = []
    problems: list[str] = []
    for raw in paths:
        if raw == "-":
            found.append(raw)
            continue
        if not raw:  # an unset shell variable, not the current folder
            problems.append("an empty path names no file or folder")
            continue
        if os.path.isdir(raw):
            from pathlib import Path  # only to search a folder: naming files needs no pathlib

            path = Path(raw)
            found.extend(
                str(p)
                for p in sorted(path.rglob("*"))
                if p.suffix in PAYLOAD_SUFFIXES and p.is_file() and not _hidden(p.relative_to(path))
            )
        elif os.path.exists(raw):
            found.append(raw)
        else:
            problems.append(f"{raw}: no such file or directory")
    return found, problems


def _hidden(relative: Path) -> bool:
    return any(part.startswith(".") for part in relative.parts)
