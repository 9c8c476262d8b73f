"""`printable`: every character that could forge or reorder a printed line is written as an escape."""

from __future__ import annotations

import re
import sys

from ionqkit.escape import _UNSAFE, printable


def test_controls_separators_and_bidi_overrides_are_escaped() -> None:
    assert printable("a\nb\r\t\x1b[31m") == "a\\nb\\r\\t\\x1b[31m"
    assert printable("x\u202ey\u2028z\x85") == "x\\u202ey\\u2028z\\x85"
    assert printable("plain ascii, é, 日本, \U0001f600") == "plain ascii, é, 日本, \U0001f600"


def test_every_escaped_character_is_one_isprintable_refuses() -> None:
    # printable() returns a text as it is when str.isprintable() accepts it, before any regex.
    unsafe = re.compile(_UNSAFE)
    escaped_yet_printable = [
        c for c in map(chr, range(sys.maxunicode + 1)) if unsafe.match(c) and c.isprintable()
    ]
    assert escaped_yet_printable == []


def test_non_printable_characters_that_are_harmless_are_kept() -> None:
    assert printable("a\u00a0b\u200bc") == "a\u00a0b\u200bc"  # no-break and zero-width space
