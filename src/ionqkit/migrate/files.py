"""Read a JSON payload strictly, serialize a migrated one, replace a file without half-writing it.

Payloads are JSON, so they are read as JSON (not through the YAML-capable spec loader, which would
accept `{"shots": }` as a null): every syntax error, duplicate key or NaN is an InputError with
line:column.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ionqkit.codegen.loader import MAX_BYTES, decode_utf8, read_bytes
from ionqkit.codegen.writer import write_file_atomically
from ionqkit.errors import InputError


def read_payload(path: Path) -> Any:
    name = str(path)
    text = decode_utf8(read_bytes(path, max_bytes=MAX_BYTES), name)

    def no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        seen: dict[str, Any] = {}
        for key, value in pairs:
            if key in seen:
                raise InputError(f"duplicate key {key!r}", file=name)
            seen[key] = value
        return seen

    def no_constant(token: str) -> Any:
        raise InputError(f"{token} is not a JSON number", file=name)

    try:
        return json.loads(text, object_pairs_hook=no_duplicates, parse_constant=no_constant)
    except json.JSONDecodeError as exc:
        raise InputError(f"not valid JSON: {exc.msg}", file=name, line=exc.lineno, column=exc.colno) from None
    except RecursionError:
        raise InputError("nesting is too deep to parse", file=name) from None


def dump_payload(payload: Any) -> str:
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"


def write_atomically(path: Path, text: str) -> None:
    """Replace `path` with `text` without ever leaving a half-written file; I/O errors are InputErrors."""
    try:
        write_file_atomically(path, text.encode("utf-8"))
    except OSError as exc:
        raise InputError(f"cannot write: {exc.strerror or exc}", file=str(path)) from None
