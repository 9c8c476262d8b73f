"""JSON pointer -> line:column in the original JSON text, computed only for findings.

The clean path never calls this module: orjson parses, rules walk plain data, and only the
pointers that have a finding are looked up here, in one scan of the text that skips every subtree
not on the way to a wanted pointer. The same scanner finds duplicate keys (which orjson silently
collapses) when the cheap pre-check in parse.py says there may be some.

Memory: one match object at a time, and no copy of a value string (a string's first character
says what it is); see ionqkit.spec.jsonscan for why the token pattern is possessive.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterator

from ionqkit.spec import jsonscan
from ionqkit.spec.pointers import join_pointer

Position = tuple[int, int]


class JsonText:
    """Positions in one JSON text (already known to parse)."""

    def __init__(self, text: str) -> None:
        self.text = text

    def position(self, offset: int) -> Position:
        return jsonscan.line_column(self.text, offset)

    def locate(self, pointers: Collection[str]) -> dict[str, Position]:
        """Positions of the given pointers (a member is located at its key, an item at its value)."""
        wanted = set(pointers)
        if wanted <= {""}:  # the whole payload (IQ704, IQ110): no scan of a 10 MB text for that
            return {"": (1, 1)} if wanted else {}
        offsets: dict[str, int] = {}
        for pointer, offset in self._members(jsonscan.prefixes(wanted)):
            if pointer in wanted and pointer not in offsets:
                offsets[pointer] = offset
        positions = jsonscan.line_columns(self.text, offsets.values())
        found = {pointer: positions[offset] for pointer, offset in offsets.items()}
        if "" in wanted:
            found[""] = (1, 1)
        return found

    def duplicates(self) -> list[tuple[str, Position]]:
        """(pointer, position of the repeated key) for every key that repeats within its object."""
        repeated = list(self._members(None, report_duplicates=True))
        positions = jsonscan.line_columns(self.text, (offset for _, offset in repeated))
        return [(pointer, positions[offset]) for pointer, offset in repeated]

    def _members(
        self, prefixes: set[str] | None, *, report_duplicates: bool = False
    ) -> Iterator[tuple[str, int]]:
        """Yield (pointer, offset) for nodes under `prefixes` (all nodes if None), in text order.

        With report_duplicates, yield only keys already seen in their object.
        """
        text = self.text
        tokens = jsonscan.tokens(text)  # restarted past each subtree skipped
        # Stack entries: [is_object, pointer, next index, current key, keys seen]
        stack: list[list[object]] = []
        pending: str | None = ""  # pointer of the value expected next
        while (match := next(tokens, None)) is not None:
            first = text[match.start()]
            # The text may not be valid JSON yet (a duplicate key is reported while json still
            # parses): a stray closer or comma outside every container is passed over.
            if first in "}]":
                if stack:
                    stack.pop()
                pending = None
                continue
            if first == ",":
                if not stack:
                    continue
                top = stack[-1]
                if not top[0]:
                    top[2] = int(top[2]) + 1  # type: ignore[call-overload]
                    pending = f"{top[1]}/{top[2]}"
                continue
            if first == ":":
                continue
            current = stack[-1] if stack else None
            if current is not None and current[0] and pending is None:
                top = current
                token = match.group()
                key = json.loads(token) if "\\" in token else token[1:-1]
                pointer = join_pointer(str(top[1]), key)
                seen = top[4]
                assert isinstance(seen, set)
                if report_duplicates:
                    if key in seen:
                        yield pointer, match.start()
                elif prefixes is None or top[1] in prefixes:
                    yield pointer, match.start()
                seen.add(key)
                pending = pointer
                continue
            # A value starts here: an array item is located at its value.
            here = pending or ""
            in_array = current is not None and not current[0] and not report_duplicates
            if in_array and (prefixes is None or (current is not None and current[1] in prefixes)):
                yield here, match.start()
            if first in "{[":
                if prefixes is not None and here not in prefixes:
                    tokens = jsonscan.tokens(text, jsonscan.skip_container(text, match.end()))
                    pending = None
                    continue
                stack.append([first == "{", here, 0, None, set()])
                pending = None if first == "{" else f"{here}/0"
                continue
            pending = None  # a scalar value consumed
