"""Whole numbers written as text, read as ASCII digits only.

`str.isdigit()` is true for characters `int()` refuses ('²', '①': exit 3 where a check then calls
`int()`) and for digits of other scripts that `int()` reads ('٣' is 3). Shots, JSON pointer tokens
and HTTP header values are ASCII numerals where they are numbers at all, so every such check in
ionqkit uses `ascii_digits`: text that passes converts with `int()`, and means what it shows.
"""

from __future__ import annotations


def ascii_digits(text: str) -> bool:
    """True if `text` is one or more of the characters 0-9 and nothing else."""
    return text.isascii() and text.isdigit()
