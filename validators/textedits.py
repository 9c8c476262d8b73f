"""A fix's changes (validators/fixes.py) -> minimal text edits at the located spans.

Each change touches only its own span, so the rest of the file keeps its bytes: indentation, key
order and number spelling in JSON; comments, anchors, quoting and line endings in YAML.

- SetValue replaces the value's text (YAML: after its anchor and tag).
- RenameKey replaces the key's text (YAML: in the quoting the key had).
- RemoveMember removes the member with one separator: from the end of the previous member (its
  comma included), else up to the next member; the only member leaves `{}`. In a YAML block
  mapping it removes the member's lines (a comment on them goes with them; comments on lines
  of their own stay).
- AddMember inserts before the first member, in the layout that member has (its indentation and
  `key: value` spacing), so it reads as if it had always been there.

New values are written as JSON, which YAML reads too (a plain YAML scalar where one reads back the
same). Anything this cannot place (a pointer not in the text, edits of one fix that would
overlap) gives no fix; whatever it gives is checked again by the fixer, which re-parses the
result (validators/fixer.py).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ionqkit.validators.fixapply import overlaps
from ionqkit.validators.fixes import AddMember, Change, Edit, RemoveBom, RemoveMember, RenameKey, SetValue
from ionqkit.validators.spans import Span

# A YAML plain scalar that reads back as the same string under both YAML 1.1 and 1.2 rules.
_PLAIN = re.compile(r"[A-Za-z_][A-Za-z0-9_.\-]*")
_SPECIAL = frozenset({"true", "false", "yes", "no", "on", "off", "null", "y", "n"})


@dataclass(frozen=True)
class TextDoc:
    """The text the spans index, its flavour, and where it starts in the payload (after a BOM)."""

    text: str
    yaml: bool
    spans: Mapping[str, Span]
    base: int = 0  # offset of `text` in the payload (1 after a byte order mark)

    @property
    def newline(self) -> str:
        at = self.text.find("\n")
        return "\r\n" if at > 0 and self.text[at - 1] == "\r" else "\n"


def wanted_pointers(changes: Sequence[Change]) -> set[str]:
    return {change.pointer for change in changes if not isinstance(change, RemoveBom)}


def edits_for(changes: Sequence[Change], doc: TextDoc) -> tuple[Edit, ...] | None:
    """The edits that make `changes` in `doc`'s text, or None if one cannot be placed."""
    edits: list[Edit] = []
    added: dict[str, list[AddMember]] = {}  # one insertion per object, its members in order
    for change in changes:
        if isinstance(change, AddMember):
            added.setdefault(change.pointer, []).append(change)
            continue
        edit = _edit(change, doc)
        if edit is None or overlaps([edit], edits):
            return None
        edits.append(edit)
    for pointer, members in added.items():
        span = doc.spans.get(pointer)
        edit = _add(members, span, doc) if span is not None else None
        if edit is None or overlaps([edit], edits):
            return None
        edits.append(edit)
    if doc.base:
        edits = [Edit(e.start + doc.base, e.end + doc.base, e.replacement) for e in edits]
    return tuple(edits)


def _edit(change: SetValue | RemoveMember | RenameKey | RemoveBom, doc: TextDoc) -> Edit | None:
    if isinstance(change, RemoveBom):
        return Edit(-doc.base, 0, "") if doc.base else None
    span = doc.spans.get(change.pointer)
    if span is None:
        return None
    if isinstance(change, SetValue):
        return Edit(span.start, span.end, render(change.value, yaml=doc.yaml))
    if isinstance(change, RenameKey):
        if span.key is None:
            return None
        start, end = span.key
        return Edit(start, end, _key(change.key, doc, doc.text[start:end]))
    return _remove(span, doc) if span.key is not None else None


def _remove(span: Span, doc: TextDoc) -> Edit | None:
    text = doc.text
    assert span.key is not None
    key_start = span.key[0]
    if span.block:
        if span.prev_end is None and span.next_start is None:  # the only member: leave `{}`
            return Edit(key_start, span.end, "{}")
        line_start = text.rfind("\n", 0, key_start) + 1
        if not text[line_start:key_start].strip():
            return Edit(line_start, _line_end(text, span.end), "")
        # The first member after `- `: the next one moves up beside the dash.
        return Edit(key_start, span.next_start, "") if span.next_start is not None else None
    if span.prev_end is not None:
        return Edit(span.prev_end, span.end, "")
    if span.next_start is not None:
        return Edit(key_start, span.next_start, "")
    if span.parent_inner is not None:
        return Edit(span.parent_inner[0], span.parent_inner[1], "")
    return None


def _line_end(text: str, end: int) -> int:
    """Past the line break of the line `end` is on (a comment on that line included); `end`
    itself if it already starts a line (a block scalar ends past its last line break)."""
    if end > 0 and text[end - 1] == "\n":
        return end
    found = text.find("\n", end)
    return len(text) if found < 0 else found + 1


def _add(members: list[AddMember], span: Span, doc: TextDoc) -> Edit | None:
    if not span.container:
        return None
    text = doc.text
    pairs = [(_key(m.key, doc, ""), render(m.value, yaml=doc.yaml)) for m in members]
    first = span.first
    if first is None or first.key is None:
        if span.inner is None or text[span.inner[0] : span.inner[1]].strip():
            return None  # not an empty object
        return Edit(span.inner[0], span.inner[1], ", ".join(f"{key}: {value}" for key, value in pairs))
    key_start, key_end = first.key
    if first.block:
        line_start = text.rfind("\n", 0, key_start) + 1
        lead = text[line_start:key_start]
        if not lead.strip():
            lines = "".join(f"{lead}{key}: {value}{doc.newline}" for key, value in pairs)
            return Edit(line_start, line_start, lines)
        indent = " " * (key_start - line_start)  # after `- `: the members below line up with it
        lines = "".join(f"{key}: {value}{doc.newline}{indent}" for key, value in pairs)
        return Edit(key_start, key_start, lines)
    assert span.inner is not None
    separator = text[key_end : first.start]  # `: `, `:` or ` : `, as the document spaces it
    gap = text[span.inner[0] : key_start]  # the break and indentation before a member
    return Edit(key_start, key_start, "".join(f"{key}{separator}{value},{gap}" for key, value in pairs))


def render(value: Any, *, yaml: bool) -> str:
    """`value` as it would be written in a document of that flavour (JSON text reads as YAML)."""
    if yaml and isinstance(value, str) and _plain(value):
        return value
    return json.dumps(value, ensure_ascii=False, allow_nan=False)


def _plain(value: str) -> bool:
    return bool(_PLAIN.fullmatch(value)) and value.lower() not in _SPECIAL


def _key(key: str, doc: TextDoc, written: str) -> str:
    """A key in the document's flavour, in the quoting the key it replaces had."""
    if not doc.yaml or written.startswith('"'):
        return json.dumps(key, ensure_ascii=False)
    if written.startswith("'"):
        return "'" + key.replace("'", "''") + "'"
    return key if _plain(key) else json.dumps(key, ensure_ascii=False)
