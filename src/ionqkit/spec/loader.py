"""Load a YAML or JSON document into plain Python data, remembering where every node came from.

ruamel.yaml's safe loader, on libyaml (ruamel.yaml.clib), reads both YAML and JSON (JSON is
YAML 1.2): it builds only plain mappings, sequences and scalars, never Python objects. The
line:column marks that the error messages, the spec diff and the linter report are read from
libyaml's event stream of the same text, and only when something asks for one (LazyPositions).
Nothing here executes or imports anything named in the document.

Guards (each failure is an InputError naming file, line:column and cause):
- size: documents larger than `max_bytes` are refused before parsing;
- encoding: UTF-8 only (a leading BOM is accepted);
- duplicate keys: refused, since two readers may keep different values;
- explicit tags other than YAML's core ones: refused;
- nesting deeper than `max_depth` (collections, not bracket characters), or more than `max_nodes`
  after alias expansion (alias bombs).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ionqkit.errors import InputError, IonqkitError
from ionqkit.records import field, record
from ionqkit.spec import jsonscan
from ionqkit.spec.inputs import MAX_BYTES, MAX_DEPTH, decode_utf8, read_file, too_large
from ionqkit.spec.pointers import join_pointer, node_at

if TYPE_CHECKING:
    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError

# ruamel.yaml (some 15 ms to import) is imported by the functions that parse, not here: a JSON
# payload never meets a YAML parser.

MAX_NODES = 2_000_000

# Position of a node: (line, column), both 1-based.
Position = tuple[int, int]


@record(frozen=True)
class Document:
    """A parsed document: plain data plus where each node was written."""

    name: str
    data: Any
    sha256: str
    positions: Mapping[str, Position] = field(repr=False)
    text: str = field(repr=False, default="")

    def locate(self, pointer: str) -> Position | None:
        """Line:column of the node at `pointer`, or of its nearest ancestor that has one."""
        pointer = pointer.removeprefix("#")
        while True:
            if pointer in self.positions:
                return self.positions[pointer]
            if not pointer:
                return None
            pointer = pointer.rsplit("/", 1)[0]

    def resolve(self, pointer: str) -> Any:
        """The node at a JSON pointer; KeyError naming the first missing token if there is none."""
        return node_at(self.data, pointer)

    def error(self, message: str, pointer: str, cls: type[IonqkitError] = InputError) -> IonqkitError:
        """An error of class `cls` located at `pointer` in this document."""
        line, column = self.locate(pointer) or (None, None)
        return cls(message, file=self.name, line=line, column=column, pointer=pointer or "/")


def load_path(path: Path | str, *, max_bytes: int = MAX_BYTES, name: str | None = None) -> Document:
    shown = name or str(path)
    return load_bytes(read_file(path, max_bytes=max_bytes, name=shown), name=shown, max_bytes=max_bytes)


def _yaml_error(exc: MarkedYAMLError, name: str) -> InputError:
    from ruamel.yaml.constructor import ConstructorError

    mark = exc.problem_mark or exc.context_mark
    cause = " ".join(str(part) for part in (exc.context, exc.problem) if part)
    if isinstance(exc, ConstructorError) and "constructor for the tag" in cause:
        cause = f"unsupported YAML tag ({exc.problem})"
    return InputError(
        f"not valid YAML/JSON: {cause}",
        file=name,
        line=mark.line + 1 if mark else None,
        column=mark.column + 1 if mark else None,
    )


def _parse(yaml: YAML, text: str, name: str) -> Any:
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    try:
        return yaml.load(text)
    except MarkedYAMLError as exc:
        raise _yaml_error(exc, name) from None
    except YAMLError as exc:
        raise InputError(f"not valid YAML/JSON: {exc}", file=name) from None
    except RecursionError:
        raise InputError("nesting is too deep to parse", file=name) from None


def load_bytes(raw: bytes | str, *, name: str, max_bytes: int = MAX_BYTES) -> Document:
    import hashlib

    from ruamel.yaml import YAML

    from ionqkit.spec.yaml_constructor import SafeYamlConstructor

    if isinstance(raw, str):
        raw = raw.encode("utf-8")
    if len(raw) > max_bytes:
        raise too_large(raw, max_bytes, name, len(raw))
    text = decode_utf8(raw, name)
    if not text.strip():
        raise InputError("document is empty", file=name, line=1, column=1)
    _check_depth(text, name)
    if name.lower().endswith(".json"):
        _check_strict_json(text, name)
    # Data comes from the C parser (fast); line:column marks from libyaml's event stream of the same
    # text, read only when something asks for a location (an error, the diff).
    yaml = YAML(typ="safe", pure=False)  # libyaml via ruamel.yaml.clib; ruamel falls back to pure Python
    yaml.Constructor = SafeYamlConstructor
    yaml.allow_duplicate_keys = False
    tree = _parse(yaml, text, name)
    positions = LazyPositions(text, name)
    expanded = _expanded_size(tree)
    if expanded > MAX_NODES:
        pointer = _expansion_culprit(tree)
        line, column = _nearest_position(positions, pointer)
        raise InputError(
            f"more than {MAX_NODES:,} nodes (after expanding YAML aliases: {expanded:,}); refusing to load",
            file=name,
            line=line,
            column=column,
            pointer=pointer or "/",
        )
    data = _PlainConverter(name, positions).convert(tree, "", 0)
    return Document(
        name=name, data=data, sha256=hashlib.sha256(raw).hexdigest(), positions=positions, text=text
    )


def event_positions(text: str, name: str) -> dict[str, Position]:
    """Pointer -> (line, column) for every node: the key of a mapping member, the start of a
    sequence item. Read from libyaml's event stream, which is some 50x faster than a round-trip
    parse: locating one error in a 1 MB spec took 8 s that way, and the limit is 32 MB."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError, YAMLError
    from ruamel.yaml.events import (
        AliasEvent,
        MappingEndEvent,
        MappingStartEvent,
        ScalarEvent,
        SequenceEndEvent,
        SequenceStartEvent,
    )

    positions: dict[str, Position] = {"": (1, 1)}
    # One frame per open collection: [pointer or None (inside a complex key), is_mapping, state],
    # state being the next index of a sequence, or for a mapping _KEY (a key comes next), the
    # pending key, or None (the pending key was not a scalar: its value gets no pointer).
    stack: list[list[Any]] = []
    yaml = YAML(typ="safe", pure=False)
    try:
        for event in yaml.parse(text):
            if isinstance(event, (MappingEndEvent, SequenceEndEvent)):
                stack.pop()
                continue
            if not isinstance(event, (ScalarEvent, AliasEvent, MappingStartEvent, SequenceStartEvent)):
                continue
            pointer: str | None = ""
            if stack:
                frame = stack[-1]
                parent, is_mapping, state = frame
                mark = (event.start_mark.line + 1, event.start_mark.column + 1)
                if not is_mapping:
                    frame[2] += 1
                    pointer = None if parent is None else join_pointer(parent, state)
                    if pointer is not None:
                        positions[pointer] = mark
                elif state is _KEY:
                    key = event.value if isinstance(event, ScalarEvent) else None
                    frame[2] = key
                    if key is not None and parent is not None:
                        positions[join_pointer(parent, key)] = mark
                    pointer = None  # a key's own contents have no pointer
                else:
                    frame[2] = _KEY
                    pointer = None if parent is None or state is None else join_pointer(parent, state)
            if isinstance(event, MappingStartEvent):
                stack.append([pointer, True, _KEY])
            elif isinstance(event, SequenceStartEvent):
                stack.append([pointer, False, 0])
    except MarkedYAMLError as exc:
        raise _yaml_error(exc, name) from None
    except YAMLError as exc:
        raise InputError(f"not valid YAML/JSON: {exc}", file=name) from None
    return positions


_KEY = object()


class LazyPositions(Mapping[str, Position]):
    """The positions of a document, computed on first use."""

    def __init__(self, text: str, name: str) -> None:
        self._text = text
        self._name = name
        self._map: dict[str, Position] | None = None

    def _load(self) -> dict[str, Position]:
        if self._map is None:
            try:
                self._map = event_positions(self._text, self._name)
            except InputError:  # the data loaded, so this is a corner where the two parsers differ
                self._map = {"": (1, 1)}
        return self._map

    def __getitem__(self, pointer: str) -> Position:
        return self._load()[pointer]

    def __iter__(self) -> Iterator[str]:
        return iter(self._load())

    def __len__(self) -> int:
        return len(self._load())


class _PlainConverter:
    """Safe-loaded data -> JSON-shaped data: string keys, finite numbers, bounded depth."""

    def __init__(self, name: str, positions: Mapping[str, Position]) -> None:
        self.name = name
        self.positions = positions

    def fail(self, message: str, pointer: str) -> InputError:
        line, column = _nearest_position(self.positions, pointer)
        return InputError(message, file=self.name, line=line, column=column, pointer=pointer or "/")

    def convert(self, node: Any, pointer: str, depth: int) -> Any:
        if depth > MAX_DEPTH:
            raise self.fail(f"nesting deeper than {MAX_DEPTH} levels", pointer)
        if isinstance(node, dict):
            result = {}
            for key, value in node.items():
                if isinstance(key, bool) or not isinstance(key, (str, int)):
                    raise self.fail(f"mapping key {key!r} is not a string", pointer)
                text_key = str(key)
                result[text_key] = self.convert(value, join_pointer(pointer, text_key), depth + 1)
            return result
        if isinstance(node, list):
            return [self.convert(item, join_pointer(pointer, i), depth + 1) for i, item in enumerate(node)]
        if node is None or isinstance(node, (bool, str, int)):
            return node
        if isinstance(node, float):
            if math.isnan(node) or math.isinf(node):
                raise self.fail(f"{node} is not a JSON number", pointer)
            return node
        raise self.fail(f"unsupported value of type {type(node).__name__}", pointer)


class _BareConstantError(ValueError):
    """json.loads met NaN / Infinity / -Infinity, which Python's json accepts and JSON does not."""


def _refuse_constant(name: str) -> Any:
    raise _BareConstantError(name)


def _check_strict_json(text: str, name: str) -> None:
    """A .json document must be JSON, not merely YAML: YAML reads a bare NaN as the string "NaN"."""
    try:
        json.loads(text, parse_constant=_refuse_constant)
    except _BareConstantError as exc:
        # Only now scan for where it is (a linear scan: see jsonscan).
        constant, offset = jsonscan.bare_constant(text) or (str(exc), 0)
        line, column = jsonscan.line_column(text, offset)
        raise InputError(f"{constant} is not valid JSON", file=name, line=line, column=column) from None
    except json.JSONDecodeError as exc:
        raise InputError(f"not valid JSON: {exc.msg}", file=name, line=exc.lineno, column=exc.colno) from None
    except ValueError:
        pass  # an integer past Python's digit limit: the YAML parser reports it, located
    except RecursionError:
        raise InputError("nesting is too deep to parse", file=name) from None


def _check_depth(text: str, name: str) -> None:
    """Refuse nesting deeper than MAX_DEPTH before ruamel's composer sees it: the composer recurses
    in C, and crashed the interpreter (SIGSEGV) at some 100,000 levels, flow (`[[[`) or block
    (`- - -`, one line). Counts collections, not characters: brackets in comments, quoted or
    block scalars are text.

    - A .json document (checked as strict JSON right after this) has brackets only in strings,
      which jsonscan skips: exact, in one linear pass.
    - Any other text: a cheap bound first. Open flow collections are at most the `[`/`{` in the
      text. Open block collections have distinct indentation columns (libyaml's indent stack),
      except a mapping's indentless sequence, which shares its column; a block collection starts at
      a line's indentation or after the `- `/`? `/`: ` indicators that open the line (compact
      nesting), so its column is at most the longest such run on any line. If the bound is within
      MAX_DEPTH, nothing can be too deep. Otherwise libyaml's event stream counts the real
      nesting: its parser keeps explicit stacks (no recursion) and the scan stops at the first
      collection too deep, before libyaml's per-level cost of deep flow nesting adds up.
    """
    flow = text.count("[") + text.count("{")
    if name.lower().endswith(".json"):
        offset = None if flow <= MAX_DEPTH else jsonscan.too_deep(text, MAX_DEPTH)
        if offset is not None:
            line, column = jsonscan.line_column(text, offset)
            raise InputError(f"nesting deeper than {MAX_DEPTH} levels", file=name, line=line, column=column)
        return
    # The bound is 2 * (longest lead run + 1) + flow.
    longest_safe_lead = (MAX_DEPTH - flow) // 2 - 1
    if longest_safe_lead >= 0 and not _has_lead_run(text, longest_safe_lead + 1):
        return
    _check_depth_events(text, name)


def _has_lead_run(text: str, length: int) -> bool:
    """Whether a line opens with `length` characters of indentation and block indicators."""
    # Lines break where libyaml breaks them: at \n, \r, NEL, LS and PS. Searching for a literal
    # \n first is 3x faster than for a class of them, so the class is used only for texts with
    # breaks other than \n and \r\n; the first line has no break in front, so it gets one.
    breaks = "\n"
    if text.count("\r") != text.count("\r\n") or any(c in text for c in "\x85\u2028\u2029"):
        breaks = "\n\r\x85\u2028\u2029"
    pattern = re.compile(rf"[{breaks}][\ufeff \t\-?:]{{{length}}}")  # libyaml skips a BOM opening a line
    return bool(pattern.match("\n" + text[: length + 1]) or pattern.search(text))


def _check_depth_events(text: str, name: str) -> None:
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError
    from ruamel.yaml.events import MappingEndEvent, MappingStartEvent, SequenceEndEvent, SequenceStartEvent

    depth = 0
    yaml = YAML(typ="safe", pure=False)
    try:
        for event in yaml.parse(text):
            if isinstance(event, (MappingStartEvent, SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    mark = event.start_mark
                    raise InputError(
                        f"nesting deeper than {MAX_DEPTH} levels",
                        file=name,
                        line=mark.line + 1,
                        column=mark.column + 1,
                    )
            elif isinstance(event, (MappingEndEvent, SequenceEndEvent)):
                depth -= 1
    except YAMLError:
        return  # not YAML: the parse that follows reports where, before it nests any deeper


def _expanded_size(tree: Any) -> int:
    """Node count after alias expansion, computed without expanding: aliases share objects."""
    sizes: dict[int, int] = {}
    open_nodes: set[int] = set()
    stack: list[tuple[Any, bool]] = [(tree, False)]
    while stack:
        node, children_done = stack.pop()
        if not isinstance(node, (dict, list)):
            continue
        key = id(node)
        if key in sizes:
            continue
        if not children_done:
            if key in open_nodes:  # an alias inside its own anchor: infinitely large
                return MAX_NODES + 1
            open_nodes.add(key)
        children = list(node.values()) if isinstance(node, dict) else list(node)
        if children_done:
            total = 1
            for child in children:
                total += sizes.get(id(child), 1) if isinstance(child, (dict, list)) else 1
            sizes[key] = min(total, MAX_NODES + 1)
            open_nodes.discard(key)
        else:
            stack.append((node, True))
            stack.extend((child, False) for child in children)
    return sizes.get(id(tree), 1)


def _nearest_position(positions: Mapping[str, Position], pointer: str) -> tuple[int | None, int | None]:
    """Line:column of `pointer`, or of its nearest ancestor written in the text (an alias has no
    contents of its own there)."""
    while True:
        if pointer in positions:
            return positions[pointer]
        if not pointer:
            return None, None
        pointer = pointer.rsplit("/", 1)[0]


def _expansion_culprit(tree: Any) -> str:
    """Where a too-large expansion happens: the first alias inside its own anchor (infinite), else
    the deepest node that alone expands past MAX_NODES, reached through the aliases that blow it up."""
    sizes: dict[int, int] = {}
    on_path: set[int] = set()
    # Depth-first, children in document order; a node's size once all its children are done.
    stack: list[tuple[Any, str, Iterator[tuple[Any, Any]]]] = [(tree, "", _children(tree))]
    on_path.add(id(tree))
    while stack:
        node, pointer, children = stack[-1]
        step = next(children, None)
        if step is None:
            stack.pop()
            on_path.discard(id(node))
            sizes[id(node)] = min(
                MAX_NODES + 1, 1 + sum(sizes.get(id(child), 1) for _, child in _children(node))
            )
            continue
        key, child = step
        if not isinstance(child, (dict, list)) or id(child) in sizes:
            continue
        child_pointer = join_pointer(pointer, key)
        if id(child) in on_path:
            return child_pointer
        on_path.add(id(child))
        stack.append((child, child_pointer, _children(child)))
    node, pointer = tree, ""
    while True:
        bigger = next(
            ((key, child) for key, child in _children(node) if sizes.get(id(child), 1) > MAX_NODES), None
        )
        if bigger is None:
            return pointer
        node, pointer = bigger[1], join_pointer(pointer, bigger[0])


def _children(node: Any) -> Iterator[tuple[Any, Any]]:
    if isinstance(node, dict):
        return iter(node.items())
    if isinstance(node, list):
        return enumerate(node)
    return iter(())
