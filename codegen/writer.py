"""Generated packages, written whole or not at all, and never over anything that is not ours.

- locked(): one `generate` at a time per output folder. The run holds an flock on the folder
  itself (no lock file to litter it); a second run exits 2 at once with "another generate is
  running" rather than waiting, because a run that waited would regenerate over output it never
  saw, and a stuck or stopped first run (Ctrl-Z) would hang it, in CI for hours. `--check` takes
  the lock shared and writes nothing, not even the folder.
- refuse_unless_replaceable(): a package folder is replaced only if it is ours, meaning it carries
  our MANIFEST.json and holds nothing that manifest does not list (Python's __pycache__ aside).
  Otherwise the run stops before anything is written, naming the folder. `--overwrite` allows
  replacing a folder that is not ours; a file or a symbolic link in the package's place is always
  refused.
- staged() + swap_in(): the package is built in a temporary sibling folder, then swapped in with
  two renames (old -> backup, new -> place). If the second rename fails, the first is undone.
- recover(): a run killed between the renames leaves the backup, which the next run restores
  before doing anything else; it removes a staging folder no live run holds. Both are found by
  names only ionqkit makes (src/ionqkit/spec/tempentries.py): a user's `.ionqkit-tmp-foo` or
  `.ionqkit-old-pkg` is never touched.

Readers therefore see the old package or the new one, never a mix, and never a missing one
except between the two renames of a run that was killed there.

Standalone output also has project files beside the package (`pyproject.toml`, `README.md`).
refuse_foreign_project_files() refuses to replace one that the package's manifest does not list
(a user's own pyproject.toml, or another package's), unless `--overwrite`; write_project_files()
replaces each atomically after the package is swapped in. The new manifest already lists them, so
a run killed between the two leaves them ours and stale, and the next run rewrites them.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import stat
from collections.abc import Iterator, Mapping
from pathlib import Path

from ionqkit.codegen import manifest
from ionqkit.errors import InputError
from ionqkit.pausepoints import point
from ionqkit.spec import tempentries
from ionqkit.spec.atomic import write_file_atomically

_held_locks: set[int] = set()


def _close_held_locks_in_child() -> None:
    # A forked helper (the model renderer) must not keep the output folder locked after its
    # parent dies; its copy of the descriptor goes, and the parent's lock is unaffected.
    for fd in _held_locks:
        with contextlib.suppress(OSError):
            os.close(fd)
    _held_locks.clear()


os.register_at_fork(after_in_child=_close_held_locks_in_child)


@contextlib.contextmanager
def locked(out_root: Path, *, shared: bool = False) -> Iterator[None]:
    """Hold the output folder's lock: exclusive to write (the folder is created), shared to check."""
    created = False
    if not shared:
        if out_root.exists() and not out_root.is_dir():
            raise InputError("the output folder is a file", file=str(out_root))
        created = not out_root.exists()
        out_root.mkdir(parents=True, exist_ok=True)
    elif not out_root.is_dir():  # nothing to check against, and --check creates nothing
        yield
        return
    fd = os.open(out_root, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    try:
        try:
            fcntl.flock(fd, (fcntl.LOCK_SH if shared else fcntl.LOCK_EX) | fcntl.LOCK_NB)
        except BlockingIOError:
            raise InputError(
                "another generate is running in this folder; run again when it has finished",
                file=str(out_root),
            ) from None
        _held_locks.add(fd)
        yield
    finally:
        _held_locks.discard(fd)
        if created:  # a run that wrote nothing leaves no empty folder behind
            with contextlib.suppress(OSError):
                out_root.rmdir()
        os.close(fd)


def _foreign_entries(folder: Path, outputs: Mapping[str, object]) -> list[str]:
    """Entries under `folder` that its manifest does not list, relative to it."""
    foreign: list[str] = []
    for dirpath, dirnames, filenames in os.walk(folder):
        here = Path(dirpath)
        for name in list(dirnames):
            path = here / name
            if path.is_symlink():
                foreign.append(path.relative_to(folder).as_posix())
                dirnames.remove(name)
            elif name == "__pycache__":  # Python's, not the user's: it goes with the package
                dirnames.remove(name)
        for name in filenames:
            relative = (here / name).relative_to(folder).as_posix()
            if relative != manifest.MANIFEST and relative not in outputs:
                foreign.append(relative)
    return sorted(foreign)


def refuse_unless_replaceable(folder: Path, *, overwrite: bool) -> None:
    """Raise InputError unless `folder` is absent or a package folder this tool may replace."""
    try:
        info = os.lstat(folder)
    except FileNotFoundError:
        return
    if stat.S_ISLNK(info.st_mode):
        raise InputError(
            "is a symbolic link; generate writes a real folder here: remove the link "
            "(or point --out at the folder it links to)",
            file=str(folder),
        )
    if not stat.S_ISDIR(info.st_mode):
        raise InputError("is a file where the package folder goes; move it away", file=str(folder))
    if overwrite:
        return
    recorded = manifest.read(folder)
    if recorded is None:
        raise InputError(
            f"not generated by ionqkit (no readable {manifest.MANIFEST}); not replacing it: "
            "move it away, or pass --overwrite to replace it",
            file=str(folder),
        )
    outputs = recorded.get("outputs")
    foreign = _foreign_entries(folder, outputs if isinstance(outputs, dict) else {})
    if foreign:
        more = f" and {len(foreign) - 1} more" if len(foreign) > 1 else ""
        raise InputError(
            f"holds {foreign[0]}{more}, which ionqkit did not generate; not replacing the folder: "
            f"move {'them' if more else 'it'} out, or pass --overwrite to replace the folder",
            file=str(folder),
        )


def recover(out_root: Path) -> list[str]:
    """Undo swaps that a killed run left half done; remove its staging folders. Call it only
    with the folder locked (locked()): a backup is an unfinished swap only if no run is active."""
    notes: list[str] = []
    if not out_root.is_dir():
        return notes
    for name in sorted(os.listdir(out_root)):
        parsed = tempentries.parse(name)
        if parsed is None or parsed[0] != tempentries.BACKUP_PREFIX:
            continue
        backup, package = out_root / name, out_root / parsed[1]
        if os.path.lexists(package):  # the swap finished; only removing the old copy was left
            tempentries.remove_entry(backup)
        else:
            os.rename(backup, package)
            notes.append(f"restored {package.name} from an interrupted run")
    tempentries.remove_stale(out_root)
    return notes


def interrupted(out_root: Path, package: str) -> bool:
    """Whether a killed run left `package` moved aside (what recover() would restore)."""
    try:
        names = os.listdir(out_root)
    except OSError:
        return False
    return any(tempentries.parse(name) == (tempentries.BACKUP_PREFIX, package) for name in names)


@contextlib.contextmanager
def staged(out_root: Path, package: str, files: Mapping[str, bytes]) -> Iterator[Path]:
    """A temporary folder next to the package holding `files`, locked while in use; removed
    on the way out unless swap_in() has moved it into place."""
    staging, fd = tempentries.create_folder(out_root, package)
    try:
        for index, (relative, content) in enumerate(sorted(files.items())):
            path = staging / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)
            if index == 0:
                point("stage:writing")
        point("stage:written")
        yield staging
    finally:
        try:
            if os.path.lexists(staging):
                tempentries.remove_entry(staging)
        finally:
            os.close(fd)


def swap_in(staging: Path, target: Path) -> None:
    """Put `staging` at `target`, replacing the folder there (checked by refuse_unless_replaceable).
    An error or Ctrl-C before the new folder is in place puts the old one back."""
    backup: Path | None = None
    try:
        if os.path.lexists(target):
            backup = target.parent / tempentries.new_name(tempentries.BACKUP_PREFIX, target.name)
            os.rename(target, backup)
            point("swap:old-moved")
        os.rename(staging, target)
    except BaseException:
        if backup is not None and os.path.lexists(backup) and not os.path.lexists(target):
            os.rename(backup, target)  # roll back: the old package stays
        raise
    try:
        point("swap:new-in-place")
    finally:  # the swap is done: the old copy goes even if Ctrl-C came just now
        if backup is not None:
            tempentries.remove_entry(backup)


def refuse_foreign_project_files(out_root: Path, package: str, names: list[str], *, overwrite: bool) -> None:
    """Raise InputError unless each of `names` in `out_root` is absent or a file the manifest of
    `package` lists (with `overwrite`, any regular file); a link or a folder there is refused."""
    ours = manifest.project_files(out_root / package)
    for name in names:
        path = out_root / name
        try:
            info = os.lstat(path)
        except FileNotFoundError:
            continue
        if not stat.S_ISREG(info.st_mode):
            raise InputError(
                "is not a regular file where generate writes a project file; move it away", file=str(path)
            )
        if name not in ours and not overwrite:
            raise InputError(
                f"not written by ionqkit for package {package}; not replacing it: give --out a folder "
                "of its own, or pass --overwrite to replace it",
                file=str(path),
            )


def write_project_files(out_root: Path, files: Mapping[str, bytes]) -> None:
    for name, content in sorted(files.items()):
        write_file_atomically(out_root / name, content)
