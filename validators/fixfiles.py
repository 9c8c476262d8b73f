"""`ionqkit lint --fix` / `--diff` on files: read, fix, and write back atomically, or show the diff.

A file is read once, with what it was (ionqkit.spec.atomic.FileState: identity, size, mtime and
the hash of the bytes read); its text is fixed in memory (validators/fixer.py); the result is
written through ionqkit.spec.atomic, which replaces the file by a rename (never half-written),
keeps its permissions and a symbolic link, refuses hard-linked and non-regular files, and refuses
a file that changed since it was read. Only the fixed spans differ: everything else is the bytes
that were read. Files are fixed one after the other, so a file named twice (or through a link)
is fixed once: the second time it has nothing left to fix.

A file whose text has a fault of its own (it does not parse, has duplicate keys, ...) is never
written: fixing needs to know exactly what the text says.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ionqkit.errors import InputError
from ionqkit.spec.atomic import FileState, real_path, refuse_unreplaceable, write_file_atomically
from ionqkit.spec.inputs import os_input_error, read_file, require_regular
from ionqkit.spec.tempentries import remove_stale
from ionqkit.validators.diagnostics import Diagnostic
from ionqkit.validators.fixer import Fixed

Fixer = Callable[[bytes, str], Fixed]  # (payload bytes, name) -> Fixed


@dataclass(frozen=True)
class FileFix:
    name: str
    fixed: Fixed | None  # None: the file could not be read
    problem: str | None = None  # could not be read, or the fixed text could not be written
    written: bool = False


def encode(text: str) -> bytes:
    """The bytes of a text read by `fix` (undecodable bytes were kept as surrogate escapes)."""
    return text.encode("utf-8", errors="surrogateescape")


def unfixable(fixed: Fixed) -> list[Diagnostic]:
    """The finding that kept the file from being fixed at all: a fault of the text itself
    (`Fixed.blocked`, reported by the config or not)."""
    return [fixed.blocked] if fixed.blocked is not None else []


def fix_file(name: str, fixer: Fixer, *, write: bool, cleaned: set[Path] | None = None) -> FileFix:
    """Fix the file `name`; with `write`, replace it with the result if anything changed."""
    path = Path(name)
    try:
        info = os.stat(path)
        require_regular(info.st_mode, name)
        raw = read_file(path, name=name)
    except OSError as exc:
        return FileFix(name, None, str(os_input_error(exc, name)))
    except InputError as exc:
        return FileFix(name, None, str(exc))
    fixed = fixer(raw, name)
    if not write or not fixed.changed:
        return FileFix(name, fixed)
    try:
        refuse_unreplaceable(path, info)
        folder = real_path(path).parent
        if cleaned is not None and folder not in cleaned:
            cleaned.add(folder)
            remove_stale(folder)  # what an interrupted run left beside the files it was writing
        write_file_atomically(path, encode(fixed.after), unchanged_since=FileState.of(info, raw))
    except InputError as exc:
        return FileFix(name, _unfixed(fixed), str(exc))
    except OSError as exc:
        problem = InputError(f"cannot write: {exc.strerror or exc}", file=name)
        return FileFix(name, _unfixed(fixed), str(problem))
    return FileFix(name, fixed, written=True)


def _unfixed(fixed: Fixed) -> Fixed:
    """What is on disk when the fixed text was not written: the findings of the text as read."""
    return Fixed(fixed.before, fixed.before, (), fixed.found, fixed.found)


def unified_diff(name: str, fixed: Fixed) -> str:
    """The fix as a unified diff (`git apply` and `patch` take it), empty if nothing changed."""
    if not fixed.changed:
        return ""
    lines = difflib.unified_diff(
        fixed.before.splitlines(keepends=True), fixed.after.splitlines(keepends=True), name, name
    )
    out: list[str] = []
    for line in lines:
        out.append(line)
        if not line.endswith("\n"):  # the last line of a file without a final line break
            out.append("\n\\ No newline at end of file\n")
    return "".join(out)
