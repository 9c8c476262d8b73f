"""JSON pointers (RFC 6901): escaping tokens, joining, splitting, and the node a pointer names.

On every lint's path (findings are located by pointer), so it imports nothing but numerals.
"""

from __future__ import annotations

from ionqkit.numerals import ascii_digits

TYPE_CHECKING = False  # typing is not imported at run time: see ionqkit/__init__.py
if TYPE_CHECKING:
    from typing import Any


def escape_pointer_token(token: str | int) -> str:
    return str(token).replace("~", "~0").replace("/", "~1")


def unescape_pointer_token(token: str) -> str:
    return token.replace("~1", "/").replace("~0", "~")


def join_pointer(pointer: str, token: str | int) -> str:
    return f"{pointer}/{escape_pointer_token(token)}"


def split_pointer(pointer: str) -> list[str]:
    if pointer in ("", "#"):
        return []
    pointer = pointer.removeprefix("#")
    if not pointer.startswith("/"):
        raise ValueError(f"not a JSON pointer: {pointer!r}")
    return [unescape_pointer_token(part) for part in pointer[1:].split("/")]


def node_at(data: Any, pointer: str) -> Any:
    """The node at a JSON pointer in plain data; KeyError naming the first missing token."""
    node = data
    for token in split_pointer(pointer):
        if isinstance(node, dict) and token in node:
            node = node[token]
        elif isinstance(node, list) and ascii_digits(token) and int(token) < len(node):
            node = node[int(token)]
        else:
            raise KeyError(token)
    return node
