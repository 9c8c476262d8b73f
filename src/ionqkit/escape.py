"""One escaping for every line ionqkit prints about an input.

File names, keys and values come from the input, and may hold a newline, a carriage return or an
ANSI escape sequence: printed raw, a file name can end a finding's line and forge the next one,
or recolour and rewrite the terminal. `printable` writes each such character as a visible escape
(`\\n`, `\\x1b`, `\\u202e`); the GitHub workflow-command encodings below are that same escaping
with the percent-encoding GitHub itself decodes for `%`, CR and LF.
"""

from __future__ import annotations

import functools
import re

# C0 and C1 controls, DEL, line and paragraph separators, and the bidirectional overrides that
# can reorder what a terminal shows ("Trojan source").
_UNSAFE = "[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]"
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def printable(text: str) -> str:
    """`text` with every control character written as a visible escape; unchanged if it has none."""
    if text.isprintable():  # every character _UNSAFE names is one str.isprintable() refuses
        return text
    return _unsafe().sub(_escape, text)


@functools.cache
def _unsafe() -> re.Pattern[str]:
    # Compiled on the first text that needs it: compiling costs a start-up 0.5 ms, and most
    # runs print nothing that is not printable.
    return re.compile(_UNSAFE)


def github_data(text: str) -> str:
    """A workflow command's message: `%`, CR and LF percent-encoded (GitHub shows them decoded),
    every other control character escaped as `printable` does."""
    return printable(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def github_property(text: str) -> str:
    """A workflow command's property value (file=, title=): github_data, and `:` and `,` too."""
    return github_data(text).replace(":", "%3A").replace(",", "%2C")


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
