"""Replace one file so that readers see the old content or the new, never a mix, and nothing else.

The content goes to a locked temporary file beside the target (src/ionqkit/spec/tempentries.py), which
is fsynced and renamed over the target. Around that:

- a symbolic link is kept: the file it points to is the one replaced (in the link target's folder);
- a file with several hard links is refused: a rename would give this name new content and leave
  the other names with the old, silently splitting what the user linked;
- a target that is not a regular file (a FIFO, a device, a folder) is refused;
- with `unchanged_since`, the target's identity, size, mtime and sha256 are checked again right
  before the rename, and a file that changed since it was read is refused, not overwritten;
- an existing file keeps its permission bits (and, where allowed, its owner); a new one gets
  0666 less the umask, like any new file.

A failure or Ctrl-C removes the temporary file. A SIGKILL can leave it (named
`.ionqkit-tmp-NAME.<nonce+check>`); `tempentries.remove_stale(folder)` removes it later, and
`migrate --write` does that first in every folder it writes to.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from ionqkit.errors import InputError
from ionqkit.pausepoints import point
from ionqkit.spec import tempentries
from ionqkit.spec.inputs import read_file


@dataclass(frozen=True)
class FileState:
    """What a file was when it was read: identity, size, mtime and the hash of the bytes read."""

    device: int
    inode: int
    size: int
    mtime_ns: int
    sha256: str

    @classmethod
    def of(cls, info: os.stat_result, content: bytes) -> FileState:
        digest = hashlib.sha256(content).hexdigest()
        return cls(info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, digest)


def real_path(path: Path) -> Path:
    """The file a write to `path` replaces: `path` itself, or the end of its chain of links."""
    return Path(os.path.realpath(path)) if path.is_symlink() else path


def refuse_unreplaceable(path: Path, info: os.stat_result) -> None:
    """Raise InputError if the existing file `path` (stat `info`) cannot be replaced safely."""
    if stat.S_ISDIR(info.st_mode):
        raise InputError("is a directory, expected a file", file=str(path))
    if not stat.S_ISREG(info.st_mode):
        raise InputError("not a regular file (a FIFO, socket or device); not written", file=str(path))
    if info.st_nlink > 1:
        raise InputError(
            f"has {info.st_nlink} hard links; replacing it would split them, so it is not written "
            "(copy it to a file of its own first)",
            file=str(path),
        )


def _refuse_if_changed(path: Path, expected: FileState, *, name: str) -> None:
    try:
        info = os.stat(path)
        same = (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns) == (
            expected.device,
            expected.inode,
            expected.size,
            expected.mtime_ns,
        )
        if (
            same
            and stat.S_ISREG(info.st_mode)
            and hashlib.sha256(read_file(path, name=name)).hexdigest() == expected.sha256
        ):
            return
    except FileNotFoundError:
        pass
    raise InputError("changed while ionqkit was working on it; not written (run again)", file=name)


def write_file_atomically(path: Path, content: bytes, *, unchanged_since: FileState | None = None) -> None:
    """Replace (or create) the file at `path` with `content`; see the module docstring."""
    target = real_path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        existing: os.stat_result | None = os.stat(target)
    except FileNotFoundError:
        existing = None
    if existing is not None:
        refuse_unreplaceable(path, existing)
    elif unchanged_since is not None:
        raise InputError("was removed while ionqkit was working on it; not written", file=str(path))
    temp, fd = tempentries.create_file(target.parent, target.name)
    try:
        point("write:temp-created")
        with os.fdopen(fd, "wb") as handle:  # closing it releases the temporary file's lock
            if existing is not None:
                if (existing.st_uid, existing.st_gid) != (os.geteuid(), os.getegid()):
                    with contextlib.suppress(PermissionError):
                        os.fchown(handle.fileno(), existing.st_uid, existing.st_gid)
                os.fchmod(handle.fileno(), existing.st_mode & 0o7777)
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
            point("write:temp-written")
            if unchanged_since is not None:
                _refuse_if_changed(target, unchanged_since, name=str(path))
            os.replace(temp, target)
        point("write:replaced")
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
