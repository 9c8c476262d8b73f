"""The one way ionqkit reads an input: files, standard input, a command's output (`git show`).

Every reader stops at `max_bytes + 1` bytes, so an endless or huge source (/dev/zero, a 100 GB
file, a 200 MB git blob) costs at most the limit in memory and time. Paths must name regular
files: a FIFO, a device or a socket is refused before a single byte is read (the path is opened
non-blocking and the opened descriptor is checked, so nothing can wait forever on a FIFO with no
writer, and nothing can be swapped between the check and the read). Standard input is read only
when asked for (`-`), with the same bound.

Every refusal is an InputError naming the source and, for a size refusal, the line:column of the
first byte past the limit.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
import time
from collections.abc import Callable, Sequence

from ionqkit.errors import InputError

TYPE_CHECKING = False  # typing is not imported at run time: see ionqkit/__init__.py
if TYPE_CHECKING:  # subprocess: imported where used (a no-op `generate` reads files but runs no command)
    import subprocess
    from pathlib import Path
    from typing import BinaryIO

MAX_BYTES = 32 * 1024 * 1024
MAX_DEPTH = 512  # nesting of collections a loader or the linter follows
MAX_REF_CHAIN = 32  # $refs followed from one schema to the next (specs, lint facts)
STDIN_NAME = "<stdin>"

_CHUNK = 1024 * 1024
_MAX_STDERR = 64 * 1024  # of a command's error output, kept for its message
_OPEN_FLAGS = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)


def read_file(path: str | os.PathLike[str], *, max_bytes: int = MAX_BYTES, name: str | None = None) -> bytes:
    """The bytes of the regular file at `path`; InputError if it is not one, cannot be read, or is
    larger than `max_bytes`."""
    shown = name or str(path)
    try:
        # A first look that opens nothing: opening some devices has effects of its own.
        require_regular(os.stat(path).st_mode, shown)
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as exc:
        raise os_input_error(exc, shown) from None
    try:
        info = os.fstat(fd)  # what was opened, whatever the path names by now
        require_regular(info.st_mode, shown)
        return _collect(lambda size: os.read(fd, size), max_bytes, shown, info.st_size)
    except OSError as exc:
        raise os_input_error(exc, shown) from None
    finally:
        os.close(fd)


def read_text_file(
    path: str | os.PathLike[str], *, max_bytes: int = MAX_BYTES, name: str | None = None
) -> str:
    """read_file, decoded as UTF-8 (a leading BOM is dropped); for configuration files."""
    shown = name or str(path)
    return decode_utf8(read_file(path, max_bytes=max_bytes, name=shown), shown)


def read_stream(stream: BinaryIO, *, max_bytes: int = MAX_BYTES, name: str = STDIN_NAME) -> bytes:
    """Up to `max_bytes` of an open binary stream; InputError if it holds more."""
    try:
        return _collect(stream.read, max_bytes, name, None)
    except OSError as exc:
        raise os_input_error(exc, name) from None


def read_stdin(*, max_bytes: int = MAX_BYTES) -> bytes:
    """Standard input, bounded like any file; InputError if it was closed (`<&-`)."""
    if sys.stdin is None:
        raise InputError("standard input is closed", file=STDIN_NAME)
    return read_stream(sys.stdin.buffer, max_bytes=max_bytes)


def run_command(
    argv: Sequence[str], *, cwd: Path | None, timeout: float, max_bytes: int = MAX_BYTES, name: str
) -> subprocess.CompletedProcess[bytes]:
    """Run `argv` and collect its output, stopping it once the output passes `max_bytes`.

    Raises InputError past the limit, subprocess.TimeoutExpired past `timeout` seconds and
    FileNotFoundError if the program is missing, as subprocess.run would. Error output is kept up
    to 64 KB: it is read for a message, never parsed.
    """
    import subprocess

    deadline = time.monotonic() + timeout
    with subprocess.Popen(
        list(argv), cwd=cwd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    ) as process:
        try:
            out, err = _drain(process, deadline, max_bytes, name)
            code = process.wait(timeout=max(0.0, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            process.kill()
            raise subprocess.TimeoutExpired(list(argv), timeout) from None
        except BaseException:
            process.kill()
            raise
    return subprocess.CompletedProcess(list(argv), code, out, err)


def decode_utf8(raw: bytes, name: str) -> str:
    """`raw` as text; InputError at the line:column of the first byte that is not UTF-8."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = byte_position(raw, exc.start)
        raise InputError(
            f"not valid UTF-8: byte 0x{raw[exc.start]:02x} at offset {exc.start}",
            file=name,
            line=line,
            column=column,
        ) from None
    return text.removeprefix("\ufeff")


def byte_position(raw: bytes | Sequence[bytes], offset: int) -> tuple[int, int]:
    """1-based line and column (in bytes) of `offset` in `raw`, given whole or as the chunks it
    was read in (so that locating needs no joined copy)."""
    chunks = [raw] if isinstance(raw, bytes) else raw
    line, line_start, seen = 1, 0, 0
    for chunk in chunks:
        end = min(len(chunk), offset - seen)
        if end <= 0:
            break
        newlines = chunk.count(b"\n", 0, end)
        if newlines:
            line += newlines
            line_start = seen + chunk.rfind(b"\n", 0, end) + 1
        seen += len(chunk)
    return line, offset - line_start + 1


def too_large(raw: bytes | Sequence[bytes], max_bytes: int, name: str, size: int | None = None) -> InputError:
    """The size refusal, located at the first byte past the limit (`raw` holds at least that byte)."""
    line, column = byte_position(raw, max_bytes)
    said = (
        f"file is {size:,} bytes"
        if size is not None and size > max_bytes
        else f"more than {max_bytes:,} bytes"
    )
    return InputError(f"{said}; the limit is {max_bytes:,} bytes", file=name, line=line, column=column)


def _collect(read: Callable[[int], bytes | None], max_bytes: int, name: str, size_hint: int | None) -> bytes:
    # A regular file comes in one read of its known size (plus one byte, to see whether it grew):
    # one piece, returned without a copy. Streams come in chunks.
    want = min(size_hint, max_bytes) + 1 if size_hint else _CHUNK
    pieces: list[bytes] = []
    total = 0
    while True:
        piece = read(min(want, max_bytes + 1 - total))
        if not piece:
            break
        pieces.append(piece)
        total += len(piece)
        if total > max_bytes:
            raise too_large(pieces, max_bytes, name, size_hint)
        want = _CHUNK
    return pieces[0] if len(pieces) == 1 else b"".join(pieces)


def _drain(
    process: subprocess.Popen[bytes], deadline: float, max_bytes: int, name: str
) -> tuple[bytes, bytes]:
    """stdout (bounded) and the start of stderr of `process`, read together so neither pipe fills."""
    import selectors
    import subprocess

    assert process.stdout is not None and process.stderr is not None
    out: list[bytes] = []
    err: list[bytes] = []
    sizes = {"out": 0, "err": 0}
    with selectors.DefaultSelector() as selector:
        selector.register(process.stdout, selectors.EVENT_READ, "out")
        selector.register(process.stderr, selectors.EVENT_READ, "err")
        while selector.get_map():
            remaining = deadline - time.monotonic()
            ready = selector.select(remaining) if remaining > 0 else []
            if not ready:
                raise subprocess.TimeoutExpired(process.args, 0)
            for key, _ in ready:
                piece = os.read(key.fd, _CHUNK)
                if not piece:
                    selector.unregister(key.fileobj)
                    continue
                sizes[key.data] += len(piece)
                if key.data == "err":
                    if sizes["err"] <= _MAX_STDERR:
                        err.append(piece)
                    continue
                out.append(piece)
                if sizes["out"] > max_bytes:
                    raise too_large(out, max_bytes, name)
    return b"".join(out), b"".join(err)


_KINDS = (
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def require_regular(mode: int, name: str) -> None:
    if stat.S_ISREG(mode):
        return
    if stat.S_ISDIR(mode):
        raise InputError("is a directory, expected a file", file=name)
    kind = next((text for test, text in _KINDS if test(mode)), "not a file")
    raise InputError(f"not a regular file ({kind})", file=name)


def os_input_error(exc: OSError, name: str) -> InputError:
    if exc.errno == errno.ENOENT:
        return InputError("no such file", file=name)
    if exc.errno == errno.EISDIR:
        return InputError("is a directory, expected a file", file=name)
    return InputError(f"cannot read: {exc.strerror or exc}", file=name)
