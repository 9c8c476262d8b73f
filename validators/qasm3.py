"""How many qubits an OpenQASM 3 (or 2) program declares, read without a parser (for IQ401).

An `ionq.qasm3.v1` job carries its program as a string in `input.data`; the backend has to hold
every qubit the program declares. The count is the sum of the program's global declarations:
- `qubit[n] name;` is n qubits, `qubit name;` one, OpenQASM 2's `qreg name[n];` n;
- a size counts only if it is an integer literal (`4`, `0x4`, `1_000`) or a `const` set to one
  (`const uint n = 4; qubit[n] q;`): anything else needs the program evaluated;
- a program that declares none and addresses physical qubits (`$0`, `$3`) needs highest index + 1.
Comments, string literals, pragmas and annotations are text, not declarations; `qubit` inside
parentheses or braces is a subroutine parameter or a block's, not the program's.

What cannot be counted (a size that is an expression, an unterminated comment or string, a
declaration without its `;`, declared qubits mixed with physical ones, no qubits at all) comes back
as `Unreadable` with the reason and the line; nothing here raises on any string.

Linear time on any input: the text is scanned by a few regular expressions none of which can
backtrack more than the token it is reading (no nested or overlapping repetition), each search
starts where the last one stopped, and the scan ends at the first statement it cannot read.
"""

from __future__ import annotations

import re
from operator import methodcaller

from ionqkit.records import record

# Text that is not code, found from left to right so that whichever opens first wins (a `//` in a
# string is string, a `"` in a comment is comment). Strings cannot span lines and have no escapes
# (OpenQASM 3 grammar, StringLiteral); pragmas and annotations run to the end of their line. The
# unrolled block-comment form reads a comment in one pass; the bare `/*` and quote alternatives
# match only where the full forms failed: unterminated. Every alternative starts with a literal
# character, so the regex engine skips from candidate to candidate (several times faster than
# trying every position); a lookbehind after the first character keeps `pragma` a whole word.
_TEXT = re.compile(
    r"""
      //[^\n]*
    | /\*[^*]*\*+(?:[^/*][^*]*\*+)*/
    | /\*(?P<comment>)
    | "[^"\n]*"
    | '[^'\n]*'
    | "(?P<dquote>)
    | '(?P<squote>)
    | \#pragma\b[^\n]*
    | p(?<![\w$]p)ragma\b[^\n]*
    | @[^\W\d][^\n]*
    """,
    re.VERBOSE,
)
_UNTERMINATED = {
    "comment": "comment (/* is never closed)",
    "dquote": 'string (" is never closed)',
    "squote": "string (' is never closed)",
}
# `qubit`, `qreg` and `const` as whole words (literal first, as above).
_KEYWORD = re.compile(r"q(?<![\w$]q)(?:ubit|reg)(?![\w$])|c(?<![\w$]c)onst(?![\w$])")
_QUBIT = re.compile(r"\s*(?:\[([^\]]*)\]\s*)?([^\W\d]\w*)\s*")
_QREG = re.compile(r"\s*([^\W\d]\w*)\s*(?:\[([^\]]*)\]\s*)?")
_NAME = re.compile(r"[^\W\d]\w*")
_INTEGER = re.compile(r"[0-9][0-9_]*|0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+")
_PHYSICAL = re.compile(r"\$([0-9]+)")
_COUNT_MAX = 10**9  # qubits; a size or physical index above it is no machine's
_DIGITS_MAX = 12  # significant digits read as a number; more are above _COUNT_MAX in any base
_BASES = {"0x": 16, "0o": 8, "0b": 2}
_CONST_MAX = 1000  # characters of a `const` statement worth reading for a size
_SHOWN = 40  # characters of a statement quoted in a reason


@record(frozen=True)
class Unreadable:
    """Why the program's qubits could not be counted, and where (1-based line; None: the whole program)."""

    reason: str
    line: int | None = None

    def __str__(self) -> str:
        return self.reason if self.line is None else f"line {self.line}: {self.reason}"


class _UnreadableError(Exception):
    def __init__(self, found: Unreadable) -> None:
        self.found = found


def declared_qubits(source: str) -> int | Unreadable:
    """The number of qubits `source` declares, or why it cannot be counted."""
    try:
        return _count(source)
    except _UnreadableError as stop:
        return stop.found


def _count(source: str) -> int:
    code = _code_only(source)
    declared = _declarations(code)
    physical = _physical(code)
    if declared and physical:
        raise _UnreadableError(
            Unreadable("declares qubits and also uses physical qubits ($n); a program uses one or the other")
        )
    if not declared and not physical:
        raise _UnreadableError(Unreadable("declares no qubits (no `qubit`, `qreg` or physical `$n` qubit)"))
    return sum(declared) or physical


def _code_only(source: str) -> str:
    """`source` with comments, strings, pragmas and annotations blanked out (lines kept in place)."""

    def blank(found: re.Match[str]) -> str:
        if found.lastgroup is not None:
            what = _UNTERMINATED[found.lastgroup]
            raise _UnreadableError(Unreadable(f"unterminated {what}", _line(source, found.start())))
        return "\n" * found.group().count("\n") or " "

    return _TEXT.sub(blank, source)


def _declarations(code: str) -> list[int]:
    """The size of each global qubit declaration, in order."""
    sizes: list[int] = []
    consts: dict[str, int | None] = {}  # global `const` names: their value if it is an integer literal
    depth = 0  # open braces and parentheses before `pos`
    counted = pos = 0
    while found := _KEYWORD.search(code, pos):
        start = found.start()
        depth += _opened(code, counted, start)
        counted = start
        if depth > 0:  # a subroutine's parameter, or inside a block: not a program declaration
            pos = found.end()
            continue
        end = code.find(";", start)
        keyword, body = found.group(), code[found.end() : end]
        if keyword == "const" and end >= 0:
            _read_const(body, consts)
        else:
            size = _size(keyword, body, consts) if end >= 0 else "{statement} has no closing `;`"
            if isinstance(size, str):  # found to be unreadable: only now say where (O(length))
                statement = f"`{_excerpt(code, start)}`"
                raise _UnreadableError(Unreadable(size.format(statement=statement), _line(code, start)))
            sizes.append(size)
        pos = end + 1
    return sizes


def _opened(code: str, start: int, end: int) -> int:
    """Braces and parentheses opened minus closed in code[start:end]."""
    return (
        code.count("{", start, end)
        + code.count("(", start, end)
        - code.count("}", start, end)
        - code.count(")", start, end)
    )


def _read_const(body: str, consts: dict[str, int | None]) -> None:
    """Record `const TYPE NAME = VALUE`: NAME -> VALUE if VALUE is an integer literal, else None."""
    if len(body) > _CONST_MAX:
        return  # no integer constant is written this long; a size naming it is then unreadable
    head, equals, value = body.partition("=")
    names = _NAME.findall(head)
    if equals and names:
        consts[names[-1]] = _integer(value.strip())


def _size(keyword: str, body: str, consts: dict[str, int | None]) -> int | str:
    """The size a `qubit` or `qreg` declaration adds (`body`: what follows the keyword up to `;`),
    or why it cannot be read (a message template naming `{statement}`)."""
    if keyword == "qubit":
        parsed = _QUBIT.fullmatch(body)
        size = parsed.group(1) if parsed else None
    else:
        parsed = _QREG.fullmatch(body)
        size = parsed.group(2) if parsed else None
    if parsed is None:
        return f"{{statement}} is not a {keyword} declaration this linter can read"
    if size is None:
        return 1
    text = size.strip()
    count = consts.get(text) if text in consts else _integer(text)
    if count is None:
        return "the size in {statement} is not an integer literal or a const set to one"
    if count == 0:
        return "{statement} declares a register of size 0"
    if count > _COUNT_MAX:
        return "the size in {statement} is larger than any machine"
    return count


def _integer(text: str) -> int | None:
    """The value of an OpenQASM 3 integer literal (decimal, 0x, 0o, 0b, with `_` separators);
    None if `text` is not one. Past `_COUNT_MAX` the value is only "more than that"."""
    if not _INTEGER.fullmatch(text):
        return None
    base = _BASES.get(text[:2].lower(), 10)
    digits = (text if base == 10 else text[2:]).replace("_", "").lstrip("0")  # 0017 is decimal 17
    return _number(digits, base)


def _number(digits: str, base: int = 10) -> int:
    """int(digits), or `_COUNT_MAX` + 1 for more digits than a count has (int() of 5,000 raises)."""
    return _COUNT_MAX + 1 if len(digits) > _DIGITS_MAX else int(digits or "0", base)


def _physical(code: str) -> int:
    """Highest physical qubit index + 1 (0 if the program addresses none)."""
    distinct = set(map(methodcaller("group", 1), _PHYSICAL.finditer(code)))
    if not distinct:
        return 0
    written = max(distinct, key=lambda digits: (len(digits.lstrip("0")), digits.lstrip("0")))
    highest = _number(written.lstrip("0"))
    if highest >= _COUNT_MAX:
        at = code.find(f"${written}")
        raise _UnreadableError(
            Unreadable(f"physical qubit ${_short(written)} is larger than any machine", _line(code, at))
        )
    return highest + 1


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _excerpt(code: str, start: int) -> str:
    """The statement at `start`, on one line and shortened for a message."""
    shown = " ".join(code[start : start + _SHOWN + 1].split(";", 1)[0].split())
    if ";" in code[start : start + _SHOWN + 1]:
        return f"{shown};"
    return _short(shown)


def _short(text: str) -> str:
    return text if len(text) <= _SHOWN else text[: _SHOWN - 3] + "..."
