"""Temporary entries that ionqkit creates, recognizably its own, and the removal of stale ones.

A file being written, a package being staged and a package moved aside during a swap each get a
name that proves it is ours: PREFIX + label + "." + nonce + check, where check is a hash of the
rest (`.ionqkit-tmp-models.py.3f9c...`). A name someone else chose, such as a user's own
`.ionqkit-tmp-foo`, fails the check and is never touched, whatever it holds.

While a temporary file or folder is in use, the process that created it holds an flock on it, so
remove_stale() removes only entries that are ours AND that no live process holds: what a killed
run left, never what a concurrent run is still writing.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import hashlib
import os
import secrets
import shutil
import stat
from pathlib import Path

TEMP_PREFIX = ".ionqkit-tmp-"  # a file being written or a package being staged: removed when stale
BACKUP_PREFIX = ".ionqkit-old-"  # a package moved aside during a swap: see codegen/writer.py
PREFIXES = (TEMP_PREFIX, BACKUP_PREFIX)
MAX_LABEL_BYTES = 100  # the rest of the name takes 46 bytes; a name may take 255
_NONCE_HEX = 16
_CHECK_HEX = 16


def _check(prefix: str, label: str, nonce: str) -> str:
    digest = hashlib.sha256(f"ionqkit temporary entry\0{prefix}{label}\0{nonce}".encode())
    return digest.hexdigest()[:_CHECK_HEX]


def short_label(label: str) -> str:
    """`label` cut to MAX_LABEL_BYTES of UTF-8 (a temporary file's label only says what it is for)."""
    return label.encode()[:MAX_LABEL_BYTES].decode(errors="ignore")


def new_name(prefix: str, label: str) -> str:
    if len(label.encode()) > MAX_LABEL_BYTES:
        raise ValueError(f"label longer than {MAX_LABEL_BYTES} bytes: {label!r}")
    nonce = secrets.token_hex(_NONCE_HEX // 2)
    return f"{prefix}{label}.{nonce}{_check(prefix, label, nonce)}"


def parse(name: str) -> tuple[str, str] | None:
    """(prefix, label) if `name` is one of ours, else None."""
    prefix = next((p for p in PREFIXES if name.startswith(p)), None)
    if prefix is None:
        return None
    label, dot, tail = name[len(prefix) :].rpartition(".")
    if not dot or len(tail) != _NONCE_HEX + _CHECK_HEX:
        return None
    nonce, check = tail[:_NONCE_HEX], tail[_NONCE_HEX:]
    return (prefix, label) if secrets.compare_digest(check, _check(prefix, label, nonce)) else None


def _lock(fd: int) -> None:
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BaseException:
        os.close(fd)
        raise


def create_file(folder: Path, label: str) -> tuple[Path, int]:
    """A new, empty, locked temporary file in `folder`: (path, descriptor open for writing).
    Its mode is 0666 less the umask, like any new file; the caller closes the descriptor."""
    path = folder / new_name(TEMP_PREFIX, short_label(label))
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o666)
    _lock(fd)
    return path, fd


def create_folder(folder: Path, label: str) -> tuple[Path, int]:
    """A new, empty, locked temporary folder in `folder`: (path, descriptor holding the lock).
    Its mode is 0777 less the umask (0755 under umask 022), like any new folder."""
    path = folder / new_name(TEMP_PREFIX, label)
    path.mkdir(0o777)
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC)
    _lock(fd)
    return path, fd


def remove_entry(path: Path) -> None:
    """Remove a file, a link or a folder tree, whichever `path` is (never following a link)."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    else:
        path.unlink(missing_ok=True)


def remove_stale(folder: Path) -> list[str]:
    """Remove our temporary entries in `folder` that no live process holds; return their names."""
    removed: list[str] = []
    try:
        names = sorted(os.listdir(folder))
    except (FileNotFoundError, NotADirectoryError):
        return removed
    for name in names:
        parsed = parse(name)
        if parsed is None or parsed[0] != TEMP_PREFIX:
            continue
        path = folder / name
        try:
            # O_NONBLOCK: opening a FIFO that took one of our names must not wait for a writer.
            fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
        except OSError as exc:  # gone already, or a link (ELOOP): a link is not what we create
            if exc.errno in (errno.ENOENT, errno.ELOOP):
                continue
            raise
        try:
            info = os.fstat(fd)
            if not (stat.S_ISREG(info.st_mode) or stat.S_ISDIR(info.st_mode)):
                continue
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:  # a live run is writing it
                continue
            with contextlib.suppress(FileNotFoundError):
                current = os.lstat(path)
                if (current.st_dev, current.st_ino) == (info.st_dev, info.st_ino):
                    remove_entry(path)
                    removed.append(name)
        finally:
            os.close(fd)
    return removed
