"""Atomic output: a generated package appears whole or not at all.

A package is built in a temporary sibling folder, then swapped in with two renames (old -> backup,
new -> place) and the backup removed. A run killed between the renames leaves the backup, which
the next run restores before doing anything else, so readers only ever see the old or the new
package, never a mix of files from both.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path

TEMP_PREFIX = ".ionqkit-tmp-"
BACKUP_PREFIX = ".ionqkit-old-"


def recover(out_root: Path) -> list[str]:
    """Finish or undo swaps that a killed run left behind; remove its temporary folders."""
    notes: list[str] = []
    if not out_root.is_dir():
        return notes
    for entry in sorted(out_root.iterdir()):
        if entry.name.startswith(BACKUP_PREFIX):
            package = out_root / entry.name[len(BACKUP_PREFIX) :]
            if package.exists():
                shutil.rmtree(entry)
            else:
                entry.rename(package)
                notes.append(f"restored {package.name} from an interrupted run")
        elif entry.name.startswith(TEMP_PREFIX):
            shutil.rmtree(entry, ignore_errors=True)
    return notes


def stage(out_root: Path, package: str, files: Mapping[str, bytes]) -> Path:
    """Write `files` into a new temporary folder next to the package; return its path."""
    out_root.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f"{TEMP_PREFIX}{package}-", dir=out_root))
    for relative, content in sorted(files.items()):
        path = staging / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    return staging


def swap_in(staging: Path, target: Path) -> None:
    backup = target.parent / f"{BACKUP_PREFIX}{target.name}"
    if backup.exists():
        shutil.rmtree(backup)
    if target.exists():
        target.rename(backup)
    staging.rename(target)
    if backup.exists():
        shutil.rmtree(backup)


def write_file_atomically(path: Path, content: bytes) -> None:
    """Replace one file: temp file in the same folder, fsync, os.replace. An existing file keeps its
    permissions; an interrupted write (error or Ctrl-C) leaves the old file and no temporary one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=f"{TEMP_PREFIX}{path.name}-", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists():
            os.chmod(temp, path.stat().st_mode & 0o777)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
