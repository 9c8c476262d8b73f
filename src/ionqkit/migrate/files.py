"""Read a JSON payload strictly, serialize a migrated one, replace a file without half-writing it.

Payloads are read through the one bounded reader (ionqkit.spec.inputs) and parsed as strict JSON
(migrate/strict_json.py): every fault is an InputError with line:column. A number too large for a
double (`1e400`) is refused where it stands: Python would read it as infinity and write it back as
`Infinity`, which is not JSON.

Only regular files are read: a FIFO or a device is refused before it is opened (opening a FIFO
would wait for a writer forever). What was read is remembered (FileState) so that --write can
refuse a file that changed meanwhile instead of overwriting the change (src/ionqkit/spec/atomic.py).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ionqkit.errors import InputError
from ionqkit.migrate.strict_json import parse_strict_json
from ionqkit.spec.atomic import FileState, real_path, refuse_unreplaceable, write_file_atomically
from ionqkit.spec.inputs import decode_utf8, os_input_error, read_file, require_regular


@dataclass(frozen=True)
class Payload:
    path: Path
    data: Any
    info: os.stat_result  # of the file read (the link's target, for a symbolic link)
    state: FileState

    def check_writable(self) -> None:
        """Raise InputError if --write must refuse this file (see ionqkit.spec.atomic)."""
        refuse_unreplaceable(self.path, self.info)


def _stat_regular(path: Path) -> os.stat_result:
    try:
        info = os.stat(path)
    except OSError as exc:
        raise os_input_error(exc, str(path)) from None
    require_regular(info.st_mode, str(path))
    return info


def read_payload(path: Path) -> Any:
    """The payload in the file at `path` (see read_payload_file)."""
    return read_payload_file(path).data


def read_payload_file(path: Path) -> Payload:
    """The payload in the file at `path`, with what --write needs to replace the file safely."""
    name = str(path)
    info = _stat_regular(path)
    raw = read_file(path, name=name)
    text = decode_utf8(raw, name)
    data = parse_strict_json(text, name)
    return Payload(path, data, info, FileState.of(info, raw))


def dump_payload(payload: Any) -> str:
    return json.dumps(payload, indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def write_atomically(path: Path, text: str, *, unchanged_since: FileState | None = None) -> None:
    """Replace `path` (a link's target, for a symbolic link) with `text` without ever leaving a
    half-written file, and only if it is still as read; refusals and I/O errors are InputErrors."""
    try:
        write_file_atomically(path, text.encode("utf-8"), unchanged_since=unchanged_since)
    except OSError as exc:
        raise InputError(f"cannot write: {exc.strerror or exc}", file=str(path)) from None


def folder_of(path: Path) -> Path:
    """The folder --write writes `path` into (a symbolic link's target's folder)."""
    return real_path(path).parent
