"""A job payload read as strict JSON, every fault an InputError at its line:column.

Payloads are JSON, so they are parsed as JSON (not through the YAML-capable spec loader, which
would accept `{"shots": }` as a null). Beyond syntax, refused: duplicate keys, NaN/Infinity,
nesting deeper than the loaders' 512 levels (the rewrite walks the payload recursively) and an
integer longer than Python's 4,300-digit conversion limit. The last two surface from `json` as a
bare RecursionError or ValueError with no position; they are rare, so they are located afterwards
by one scan of the text. A number too large for a double (`1e400`) is refused too: json reads it
as infinity, which would be written back as `Infinity`.
"""

from __future__ import annotations

import json
import math
import re
import sys
from typing import Any

from ionqkit.errors import InputError
from ionqkit.spec.inputs import MAX_DEPTH
from ionqkit.spec.pointers import join_pointer, unescape_pointer_token
from ionqkit.validators.locate import JsonText

_INT_DIGITS = sys.get_int_max_str_digits() or 4300
# Structure, string delimiters and escapes, and runs of digits: enough to find, outside strings,
# the first bracket past MAX_DEPTH or the first integer past the digit limit. Single characters or
# one run each, so no match ever backtracks.
_SCAN = re.compile(r'[\[\]{}"\\]|[0-9]+')


def parse_strict_json(text: str, name: str) -> Any:
    def no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        seen: dict[str, Any] = {}
        for key, value in pairs:
            if key in seen:
                raise _duplicate(text, name, key)
            seen[key] = value
        return seen

    def no_constant(token: str) -> Any:
        raise InputError(f"{token} is not a JSON number", file=name)

    overflowed = False

    def finite(token: str) -> float:
        nonlocal overflowed
        value = float(token)
        overflowed = overflowed or not math.isfinite(value)
        return value

    try:
        data = json.loads(
            text, object_pairs_hook=no_duplicates, parse_constant=no_constant, parse_float=finite
        )
    except json.JSONDecodeError as exc:
        raise InputError(f"not valid JSON: {exc.msg}", file=name, line=exc.lineno, column=exc.colno) from None
    except (ValueError, RecursionError):  # an integer past the digit limit; nesting past the stack
        raise _located_fault(text, name) from None
    if text.count("[") + text.count("{") > MAX_DEPTH and _deeper_than(data, MAX_DEPTH):
        raise _located_fault(text, name)
    if overflowed:
        raise _overflow(data, text, name)
    return data


def _overflow(data: Any, text: str, name: str) -> InputError:
    """`1e400` reads as infinity, which would be written back as `Infinity`: not JSON. Located at
    the first such number (the walk runs only when one was parsed)."""
    stack: list[tuple[str, Any]] = [("", data)]
    pointer = ""
    while stack:
        here, value = stack.pop()
        if isinstance(value, float) and not math.isfinite(value):
            pointer = here
            break
        if isinstance(value, dict):
            stack.extend((join_pointer(here, k), v) for k, v in reversed(value.items()))
        elif isinstance(value, list):
            stack.extend((join_pointer(here, i), v) for i, v in reversed(list(enumerate(value))))
    line, column = JsonText(text).locate([pointer]).get(pointer, (None, None))
    return InputError(
        "number too large for a double (it would be written back as Infinity, which is not JSON)",
        file=name,
        line=line,
        column=column,
        pointer=pointer,
    )


def _deeper_than(data: Any, limit: int) -> bool:
    """Whether containers nest more than `limit` deep (a level at a time, no recursion)."""
    level = [data] if isinstance(data, (dict, list)) else []
    depth = 0
    while level:
        depth += 1
        if depth > limit:
            return True
        following: list[Any] = []
        for node in level:
            values = node.values() if isinstance(node, dict) else node
            following.extend(value for value in values if isinstance(value, (dict, list)))
        level = following
    return False


def _located_fault(text: str, name: str) -> InputError:
    """The first bracket deeper than MAX_DEPTH or integer longer than the digit limit, located."""
    depth = 0
    in_string = False
    escaped_until = -1
    for match in _SCAN.finditer(text):
        start, token = match.start(), match.group()
        if in_string:
            if start < escaped_until:
                continue
            if token == "\\":
                escaped_until = start + 2
            elif token == '"':
                in_string = False
            continue
        if token == '"':
            in_string = True
        elif token in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return _at(text, start, name, f"nesting deeper than {MAX_DEPTH} levels")
        elif token in "]}":
            depth -= 1
        elif len(token) > _INT_DIGITS and _is_integer(text, start, match.end()):
            start -= text[start - 1 : start] == "-"
            shown = text[start : start + 37] + "..."
            return _at(text, start, name, f"integer {shown!r} is longer than {_INT_DIGITS:,} digits")
    return InputError("nesting or a number too large to parse", file=name)


def _is_integer(text: str, start: int, end: int) -> bool:
    """Whether the digits at text[start:end] are a whole number, not part of a float."""
    before = text[start - 1 : start]
    return before not in (".", "e", "E", "+") and text[end : end + 1] not in (".", "e", "E")


def _duplicate(text: str, name: str, key: str) -> InputError:
    found = JsonText(text).duplicates()  # the first in the text (json reports innermost first)
    if not found:
        return InputError(f"duplicate key {key!r}", file=name)
    pointer, (line, column) = found[0]
    key = unescape_pointer_token(pointer.rsplit("/", 1)[-1])
    return InputError(f"duplicate key {key!r}", file=name, line=line, column=column, pointer=pointer)


def _at(text: str, offset: int, name: str, message: str) -> InputError:
    line, column = JsonText(text).position(offset)
    return InputError(message, file=name, line=line, column=column)
