"""JSON pointer -> where a value, its key and its neighbours are in the text: what a fix edits.

locate.py gives a finding its line:column; a fix needs more: the start and end offset of the
value, of its key, where the previous sibling ends and the next one starts (to remove a member
with its separating comma), the inside of the parent (to empty it), and for an object a fix adds
to, where its first member is. Computed only when fixes are asked for, for the pointers a fix
names, in one pass:

- JSON: the token scan of ionqkit.spec.jsonscan (linear, no backtracking), entering only the
  containers on the way to a wanted pointer and skipping every other subtree token by token;
- YAML: libyaml's event stream (the same one ionqkit.spec.loader reads line:column from), whose
  marks are character offsets. A value's span starts after its anchor and tag (`&a "100"`: the
  fix edits `"100"` and keeps `&a`); a block collection has no end mark of its own (libyaml puts
  it at the next key, past any comment between), so it ends at its last content.

Offsets index the text the spans were computed from (a str: code points, not bytes).
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection
from dataclasses import dataclass, field

from ionqkit.spec import jsonscan
from ionqkit.spec.pointers import join_pointer


@dataclass(slots=True)
class Span:
    start: int  # the value's first character (YAML: after its anchor and tag)
    end: int  # just past the value (a YAML block collection: past its last content)
    key: tuple[int, int] | None = None  # the member's key, as written (quotes included)
    prev_end: int | None = None  # just past the previous sibling's value; None for the first
    next_start: int | None = None  # where the next sibling starts (its key); None for the last
    parent_inner: tuple[int, int] | None = None  # just inside the parent's brackets (flow parents)
    block: bool = False  # a member or item of a YAML block collection
    inner: tuple[int, int] | None = None  # this container's inside (a flow container)
    first: Span | None = None  # this container's first member or item
    container: bool = False


@dataclass(slots=True)
class _Frame:
    is_object: bool
    pointer: str | None  # None: inside a YAML complex key, which no pointer names
    start: int
    inner_start: int
    key: tuple[int, int] | None
    prev_end: int | None  # of this container itself, in its parent
    block: bool = False
    index: int = 0
    pending: tuple[str | None, tuple[int, int] | None] | None = None  # (member pointer, key span)
    last_end: int | None = None  # of the last child's value
    content_end: int = 0  # past the last content seen inside (YAML block collections end there)
    waiting: Span | None = None  # the last wanted child, until the next sibling starts
    wanted_children: list[Span] = field(default_factory=list)
    first: Span | None = None


class _Builder:
    """What the JSON and YAML walks share: frames, sibling bookkeeping, the result."""

    def __init__(self, wanted: Collection[str]) -> None:
        self.wanted = set(wanted)
        self.enter = jsonscan.prefixes(wanted)
        self.out: dict[str, Span] = {}
        self.stack: list[_Frame] = []

    def sibling_starts(self, at: int) -> None:
        """A new child (key or item) of the top frame starts at `at`."""
        top = self.stack[-1]
        if top.waiting is not None:
            top.waiting.next_start = at
            top.waiting = None

    def value_pointer(self) -> tuple[str | None, tuple[int, int] | None]:
        if not self.stack:
            return "", None
        top = self.stack[-1]
        if top.is_object:
            return top.pending or (None, None)
        return (None if top.pointer is None else join_pointer(top.pointer, top.index)), None

    def push(
        self,
        pointer: str | None,
        key: tuple[int, int] | None,
        start: int,
        inner_start: int,
        *,
        is_object: bool,
    ) -> None:
        prev_end = self.stack[-1].last_end if self.stack else None
        self.stack.append(_Frame(is_object, pointer, start, inner_start, key, prev_end))

    def done(self, pointer: str | None, span: Span) -> None:
        """A value is complete: record it, and move its parent past it."""
        if pointer is not None and pointer in self.wanted:
            self.out[pointer] = span
        if not self.stack:
            return
        top = self.stack[-1]
        span.block = top.block
        if pointer is not None and pointer in self.wanted:
            top.waiting = span
            top.wanted_children.append(span)
        if top.first is None:
            top.first = span
        top.last_end = span.end
        top.content_end = max(top.content_end, span.end)
        if top.is_object:
            top.pending = None
        else:
            top.index += 1

    def pop(self, inner_end: int, end: int) -> None:
        frame = self.stack.pop()
        inner = None if frame.block else (frame.inner_start, inner_end)
        for child in frame.wanted_children:
            child.parent_inner = inner
        span = Span(
            frame.start, end, frame.key, frame.prev_end, inner=inner, first=frame.first, container=True
        )
        self.done(frame.pointer, span)


def json_spans(text: str, wanted: Collection[str]) -> dict[str, Span]:
    """Spans of the `wanted` pointers in JSON `text` (already known to parse)."""
    builder = _Builder(wanted)
    search = jsonscan.TOKEN.search
    at = 0
    while (match := search(text, at)) is not None:
        at = match.end()
        first = text[match.start()]
        if first in "}]":
            builder.pop(match.start(), match.end())
            continue
        if first in ",:":
            continue
        stack = builder.stack
        top = stack[-1] if stack else None
        if top is not None and top.is_object and top.pending is None:
            builder.sibling_starts(match.start())
            token = match.group()
            key = json.loads(token) if "\\" in token else token[1:-1]
            top.pending = (join_pointer(str(top.pointer), key), (match.start(), match.end()))
            continue
        if top is not None and not top.is_object:
            builder.sibling_starts(match.start())
        pointer, key_span = builder.value_pointer()
        if first in "{[":
            if pointer is not None and pointer in builder.enter:
                builder.push(pointer, key_span, match.start(), match.end(), is_object=first == "{")
                continue
            end = at = jsonscan.skip_container(text, at)
        else:
            end = match.end()
        prev_end = top.last_end if top is not None else None
        builder.done(pointer, Span(match.start(), end, key_span, prev_end, container=first in "{["))
    return builder.out


_PROPERTY = re.compile(r"(?:[&!][^\s,\[\]{}]*\s*)+")


def _after_properties(text: str, start: int) -> int:
    """Past a node's anchor and tag (`&a !!str `), which libyaml's start mark includes."""
    if text[start : start + 1] not in ("&", "!"):
        return start
    match = _PROPERTY.match(text, start)
    return match.end() if match else start


def yaml_spans(text: str, wanted: Collection[str]) -> dict[str, Span]:
    """Spans of the `wanted` pointers in YAML `text` (already known to load)."""
    from ruamel.yaml import YAML
    from ruamel.yaml.events import (
        AliasEvent,
        CollectionStartEvent,
        MappingEndEvent,
        MappingStartEvent,
        ScalarEvent,
        SequenceEndEvent,
    )

    builder = _Builder(wanted)
    for event in YAML(typ="safe", pure=False).parse(text):
        if isinstance(event, (MappingEndEvent, SequenceEndEvent)):
            frame = builder.stack[-1]
            if frame.block:
                builder.pop(frame.content_end, max(frame.content_end, frame.start))
            else:
                builder.pop(event.start_mark.index, event.end_mark.index)
            continue
        if not isinstance(event, (ScalarEvent, AliasEvent, CollectionStartEvent)):
            continue
        start = _after_properties(text, event.start_mark.index)
        stack = builder.stack
        top = stack[-1] if stack else None
        if top is not None:
            top.content_end = max(top.content_end, event.end_mark.index)
        if top is not None and top.is_object and top.pending is None:
            builder.sibling_starts(start)
            if isinstance(event, CollectionStartEvent):
                return {}  # a collection as a key: no payload has one, and no pointer names it
            if isinstance(event, ScalarEvent) and top.pointer is not None:
                top.pending = (join_pointer(top.pointer, event.value), (start, event.end_mark.index))
            else:
                top.pending = (None, None)  # an aliased key: its value gets no pointer
            continue
        if top is not None and not top.is_object:
            builder.sibling_starts(start)
        pointer, key_span = builder.value_pointer()
        if isinstance(event, CollectionStartEvent):
            is_object = isinstance(event, MappingStartEvent)
            builder.push(pointer, key_span, start, start + 1, is_object=is_object)
            builder.stack[-1].block = not event.flow_style
            continue
        prev_end = top.last_end if top is not None else None
        builder.done(pointer, Span(start, event.end_mark.index, key_span, prev_end))
    return builder.out
