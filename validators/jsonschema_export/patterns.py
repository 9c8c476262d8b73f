"""Regular expressions the exported schema needs, written to mean the same in ECMA-262 (editors) and
in Python's `re` (jsonschema, check-jsonschema): no `\\d` (Unicode digits in Python), no `.` (it
stops at a newline in ECMA), no lookbehind.
"""

from __future__ import annotations

_ANY = r"[\s\S]"  # one character of any kind, newlines included, in both engines
# ECMA-262's syntax characters: the only ones a pattern may escape in its Unicode mode (which
# check-jsonschema's regress and modern editors use); `re.escape` escapes more (`-`), and fails there.
_SYNTAX = frozenset("^$\\.*+?()[]{}|/")


def glob(pattern: str) -> str:
    """The regex of an fnmatch pattern with `*` and `?` (fnmatchcase: case-sensitive, `*` crosses
    dots and newlines), anchored at both ends."""
    if any(c in pattern for c in "[]"):
        raise ValueError(f"backend pattern {pattern!r}: only * and ? are supported")
    parts = [_ANY + "*" if c == "*" else _ANY if c == "?" else escape(c) for c in pattern]
    return "^" + "".join(parts) + "$"


def escape(text: str) -> str:
    """`text` as a literal in a pattern both engines read alike."""
    return "".join("\\" + c if c in _SYNTAX else c for c in text)


def decimal_string(low: int, high: int | None) -> str:
    """A string holding a whole number in [low, high] (high None: no upper bound), as lint reads a
    numeric string: optional surrounding whitespace, ASCII digits, leading zeros allowed."""
    if low < 0 or (high is not None and high < low):
        raise ValueError(f"no decimal range [{low}, {high}]")
    if high is None:
        # Everything with more digits than `low` is above it; below that, the bounded range.
        digits = len(str(low))
        body = f"{_alternatives(low, 10**digits - 1)}|[1-9][0-9]{{{digits},}}"
    else:
        body = _alternatives(low, high)
    return rf"^\s*0*(?:{body})\s*$"


def _alternatives(low: int, high: int) -> str:
    """Alternatives matching exactly the integers low..high written without leading zeros."""
    out = []
    start = low
    for stop in _split(low, high):
        out.append(_same_length(start, stop))
        start = stop + 1
    return "|".join(out)


def _split(low: int, high: int) -> list[int]:
    """Upper ends of sub-ranges of [low, high] that each differ in one digit position, followed by
    free digits (the classic range-to-regex split: up by nines from low, down by zeros to high)."""
    stops = {high}
    width = 1
    stop = _fill_nines(low, width)
    while low <= stop < high:
        stops.add(stop)
        width += 1
        stop = _fill_nines(low, width)
    width = 1
    stop = _fill_zeros(high + 1, width) - 1
    while low < stop <= high:
        stops.add(stop)
        width += 1
        stop = _fill_zeros(high + 1, width) - 1
    return sorted(stops)


def _fill_nines(number: int, width: int) -> int:
    text = str(number)
    return int(text[:-width] + "9" * width) if len(text) > width else int("9" * width)


def _fill_zeros(number: int, width: int) -> int:
    return number - number % int(10**width)


def _same_length(start: int, stop: int) -> str:
    """`start`..`stop` as one alternative: the shape _split makes, equal digits, then at most one
    position with a digit range, then positions free to be any digit (0..9)."""
    a, b = str(start), str(stop)
    if len(a) != len(b):
        raise ValueError(f"{start}..{stop} is not one range of equal length")
    out = []
    free = 0
    for x, y in zip(a, b, strict=True):
        if x == y:
            out.append(x)
        elif x == "0" and y == "9":
            free += 1
        else:
            out.append(f"[{x}-{y}]")
    if free:
        out.append("[0-9]" if free == 1 else f"[0-9]{{{free}}}")
    return "".join(out)
