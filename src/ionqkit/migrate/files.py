"""Read a JSON payload strictly, serialize a migrated one, replace a file without half-writing it.

Payloads are read through the one bounded reader (ionqkit.inputs) and parsed as strict JSON
(migrate/strict_json.py): every fault is an InputError with line:column.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ionqkit.codegen.writer import write_file_atomically
from ionqkit.errors import InputError
from ionqkit.inputs import decode_utf8, read_file
from ionqkit.migrate.strict_json import parse_strict_json


def read_payload(path: Path) -> Any:
    name = str(path)
    return parse_strict_json(decode_utf8(read_file(path, name=name), name), name)


def dump_payload(payload: Any) -> str:
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"


def write_atomically(path: Path, text: str) -> None:
    """Replace `path` with `text` without ever leaving a half-written file; I/O errors are InputErrors."""
    try:
        write_file_atomically(path, text.encode("utf-8"))
    except OSError as exc:
        raise InputError(f"cannot write: {exc.strerror or exc}", file=str(path)) from None
