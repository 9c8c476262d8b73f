"""Linear-time, constant-extra-memory scanning of JSON text: tokens, nesting depth, line:column.

Every scanner of raw JSON text in ionqkit (the loader's depth and strict-JSON checks, the
linter's pointer locator) uses these patterns, so none of them can regress to a backtracking one.
Why they look the way they do: Python's regex engine saves state for every iteration of a
repeated group, so the textbook string pattern `"(?:[^"\\]|\\.)*"` took 3.5 GB (and 10 s) to
match one 30 MB string, and `"[^"\\]*(?:\\.[^"\\]*)*"` still took 1.2 GB on a string of 10
million escapes. With possessive repeats (`*+`) the engine keeps nothing to backtrack into, and a
string costs no memory beyond its match. A string that never closes matches to the end of the
text, so a stray quote cannot make the scanner retry at every later offset (quadratic time).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Iterator

Position = tuple[int, int]

# A JSON string, or an unterminated one up to the end of the text.
STRING = r'"[^"\\]*+(?:\\[\s\S][^"\\]*+)*+(?:"|\\?\Z)'

# Tokens for walking a JSON text: strings, punctuation, and runs of anything else (numbers,
# literals); whitespace is skipped.
TOKEN = re.compile(STRING + r'|[{}\[\],:]|[^\s{}\[\],:"]++')

# Strings and brackets only: skipping a subtree passes over numbers, commas and colons inside
# the regex engine (a circuit is mostly those), 3x faster than token by token.
_BRACKET = re.compile(STRING + r"|[\[\]{}]")
_CONSTANT = re.compile(STRING + r"|(-?Infinity|NaN)")


def too_deep(text: str, max_depth: int) -> int | None:
    """Offset of the first `[` or `{` nested deeper than `max_depth`, or None.

    Exact for valid JSON: brackets inside strings are skipped. Cost is one pass over the text and
    a match object per string or bracket, freed as the scan moves on.
    """
    depth = 0
    for match in _BRACKET.finditer(text):
        first = text[match.start()]
        if first == '"':
            continue
        if first in "[{":
            depth += 1
            if depth > max_depth:
                return match.start()
        else:
            depth = max(0, depth - 1)
    return None


def skip_container(text: str, at: int) -> int:
    """Past the closer of the container whose opener ends at `at` (the end of the text if none)."""
    depth = 1
    for match in _BRACKET.finditer(text, at):
        first = text[match.start()]
        if first in "{[":
            depth += 1
        elif first in "}]":
            depth -= 1
            if depth == 0:
                return match.end()
    return len(text)


def prefixes(wanted: Collection[str]) -> set[str]:
    """Every JSON pointer on the way to a wanted one, the wanted ones and the root included: the
    containers a scan enters (it skips the others whole)."""
    out = {""}
    for pointer in wanted:
        parts = pointer.split("/")
        out.update("/".join(parts[:i]) for i in range(1, len(parts) + 1))
    return out


def bare_constant(text: str) -> tuple[str, int] | None:
    """(`NaN` / `Infinity` / `-Infinity`, offset) of the first such constant outside a string."""
    for match in _CONSTANT.finditer(text):
        if match.group(1):
            return match.group(1), match.start()
    return None


def line_column(text: str, offset: int) -> Position:
    """1-based line and column of `offset`, without building a table of the text's lines."""
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


def line_columns(text: str, offsets: Iterable[int]) -> dict[int, Position]:
    """line_column for many offsets in one pass over the text (offsets in any order)."""
    out: dict[int, Position] = {}
    line, at, line_start = 1, 0, 0
    for offset in sorted(set(offsets)):
        breaks = text.count("\n", at, offset)
        if breaks:
            line += breaks
            line_start = text.rfind("\n", at, offset) + 1
        at = offset
        out[offset] = (line, offset - line_start + 1)
    return out


def tokens(text: str, at: int = 0) -> Iterator[re.Match[str]]:
    return TOKEN.finditer(text, at)
