"""Load a YAML or JSON document into plain Python data, remembering where every node came from.

ruamel.yaml's round-trip loader is used for both YAML and JSON (JSON is YAML 1.2): it only builds
plain mappings, sequences and scalars, never Python objects, and it keeps line:column marks that
the error messages, the spec diff and the linter report. Nothing here executes or imports anything
named in the document.

Guards (each failure is an InputError naming file, line:column and cause):
- size: documents larger than `max_bytes` are refused before parsing;
- encoding: UTF-8 only (a leading BOM is accepted);
- duplicate keys: refused, since two readers may keep different values;
- explicit tags other than YAML's core ones: refused;
- nesting deeper than `max_depth`, or more than `max_nodes` after alias expansion (alias bombs).
"""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq, TaggedScalar
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from ionqkit.errors import InputError, IonqkitError

MAX_BYTES = 32 * 1024 * 1024
MAX_DEPTH = 512
MAX_NODES = 2_000_000

# Position of a node: (line, column), both 1-based.
Position = tuple[int, int]


class _Constructor(RoundTripConstructor):
    """Round-trip constructor that keeps timestamps as the strings they were written as."""


_Constructor.add_constructor("tag:yaml.org,2002:timestamp", _Constructor.construct_yaml_str)

_CORE_TAGS = frozenset(
    "tag:yaml.org,2002:" + name for name in ("map", "seq", "str", "int", "float", "bool", "null")
)


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


@dataclass(frozen=True)
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
        node = self.data
        for token in split_pointer(pointer):
            if isinstance(node, dict) and token in node:
                node = node[token]
            elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
                node = node[int(token)]
            else:
                raise KeyError(token)
        return node

    def error(self, message: str, pointer: str, cls: type[IonqkitError] = InputError) -> IonqkitError:
        """An error of class `cls` located at `pointer` in this document."""
        line, column = self.locate(pointer) or (None, None)
        return cls(message, file=self.name, line=line, column=column, pointer=pointer or "/")


def read_bytes(path: Path, *, max_bytes: int = MAX_BYTES) -> bytes:
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(f"file is {size:,} bytes; the limit is {max_bytes:,} bytes", file=str(path))
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError("no such file", file=str(path)) from None
    except IsADirectoryError:
        raise InputError("is a directory, expected a file", file=str(path)) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", file=str(path)) from None


def decode_utf8(raw: bytes, name: str) -> str:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise InputError(
            f"not valid UTF-8: byte 0x{raw[exc.start]:02x} at offset {exc.start}",
            file=name,
            line=line,
            column=column,
        ) from None
    return text.removeprefix("\ufeff")


def load_path(path: Path | str, *, max_bytes: int = MAX_BYTES, name: str | None = None) -> Document:
    path = Path(path)
    return load_bytes(read_bytes(path, max_bytes=max_bytes), name=name or str(path), max_bytes=max_bytes)


def load_bytes(raw: bytes | str, *, name: str, max_bytes: int = MAX_BYTES) -> Document:
    if isinstance(raw, str):
        raw = raw.encode("utf-8")
    if len(raw) > max_bytes:
        raise InputError(f"document is {len(raw):,} bytes; the limit is {max_bytes:,} bytes", file=name)
    text = decode_utf8(raw, name)
    if not text.strip():
        raise InputError("document is empty", file=name, line=1, column=1)
    _check_flow_depth(text, name)
    yaml = YAML(typ="rt", pure=True)
    yaml.Constructor = _Constructor
    yaml.allow_duplicate_keys = False
    try:
        tree = yaml.load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        cause = " ".join(str(part) for part in (exc.context, exc.problem) if part)
        raise InputError(
            f"not valid YAML/JSON: {cause}",
            file=name,
            line=mark.line + 1 if mark else None,
            column=mark.column + 1 if mark else None,
        ) from None
    except YAMLError as exc:
        raise InputError(f"not valid YAML/JSON: {exc}", file=name) from None
    except RecursionError:
        raise InputError("nesting is too deep to parse", file=name) from None
    expanded = _expanded_size(tree)
    if expanded > MAX_NODES:
        raise InputError(
            f"more than {MAX_NODES:,} nodes (after expanding YAML aliases: {expanded:,}); refusing to load",
            file=name,
        )
    converter = _Converter(name, max_depth=MAX_DEPTH, max_nodes=MAX_NODES)
    data = converter.convert(tree, "", 0)
    return Document(
        name=name,
        data=data,
        sha256=hashlib.sha256(raw).hexdigest(),
        positions=converter.positions,
        text=text,
    )


_FLOW_TOKENS = re.compile(r'"(?:[^"\\\n]|\\.)*"|[\[\]{}]')


def _check_flow_depth(text: str, name: str) -> None:
    """Refuse JSON-style nesting deeper than MAX_DEPTH before the (recursive) YAML parser sees it."""
    depth = 0
    for match in _FLOW_TOKENS.finditer(text):
        token = match.group()
        if token in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                line = text.count("\n", 0, match.start()) + 1
                column = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
                raise InputError(
                    f"nesting deeper than {MAX_DEPTH} levels", file=name, line=line, column=column
                )
        elif token in "]}":
            depth = max(0, depth - 1)


def _expanded_size(tree: Any) -> int:
    """Node count after alias expansion, computed without expanding: aliases share objects."""
    sizes: dict[int, int] = {}
    open_nodes: set[int] = set()
    stack: list[tuple[Any, bool]] = [(tree, False)]
    while stack:
        node, children_done = stack.pop()
        if not isinstance(node, (CommentedMap, CommentedSeq)):
            continue
        key = id(node)
        if key in sizes:
            continue
        if not children_done:
            if key in open_nodes:  # an alias inside its own anchor: infinitely large
                return MAX_NODES + 1
            open_nodes.add(key)
        children = list(node.values()) if isinstance(node, CommentedMap) else list(node)
        if children_done:
            total = 1
            for child in children:
                total += sizes.get(id(child), 1) if isinstance(child, (CommentedMap, CommentedSeq)) else 1
            sizes[key] = min(total, MAX_NODES + 1)
            open_nodes.discard(key)
        else:
            stack.append((node, True))
            stack.extend((child, False) for child in children)
    return sizes.get(id(tree), 1)


class _Converter:
    """CommentedMap/CommentedSeq tree -> dict/list tree, recording positions and enforcing limits."""

    def __init__(self, name: str, *, max_depth: int, max_nodes: int) -> None:
        self.name = name
        self.max_depth = max_depth
        self.max_nodes = max_nodes
        self.nodes = 0
        self.positions: dict[str, Position] = {"": (1, 1)}

    def fail(self, message: str, pointer: str) -> InputError:
        line, column = self.positions.get(pointer, (None, None))
        return InputError(message, file=self.name, line=line, column=column, pointer=pointer or "/")

    def convert(self, node: Any, pointer: str, depth: int) -> Any:
        self.nodes += 1
        if self.nodes > self.max_nodes:
            raise self.fail(
                f"more than {self.max_nodes:,} nodes (after expanding YAML aliases); refusing to load",
                pointer,
            )
        if depth > self.max_depth:
            raise self.fail(f"nesting deeper than {self.max_depth} levels", pointer)
        self._check_tag(node, pointer)
        if isinstance(node, CommentedMap):
            return dict(self._mapping_items(node, pointer, depth))
        if isinstance(node, CommentedSeq):
            items = []
            for index, item in enumerate(node):
                child = join_pointer(pointer, index)
                line_col = _item_position(node, index)
                if line_col:
                    self.positions[child] = line_col
                items.append(self.convert(item, child, depth + 1))
            return items
        return self._scalar(node, pointer)

    def _mapping_items(self, node: CommentedMap, pointer: str, depth: int) -> Iterator[tuple[str, Any]]:
        for key, value in node.items():
            if isinstance(key, bool) or not isinstance(key, (str, int)):
                raise self.fail(f"mapping key {key!r} is not a string", pointer)
            text_key = str(key)
            child = join_pointer(pointer, text_key)
            line_col = _key_position(node, key)
            if line_col:
                self.positions[child] = line_col
            yield text_key, self.convert(value, child, depth + 1)

    def _check_tag(self, node: Any, pointer: str) -> None:
        tag = getattr(node, "tag", None)
        value = getattr(tag, "value", None) if tag is not None else None
        if isinstance(node, TaggedScalar):
            value = node.tag.value
        if value and value not in _CORE_TAGS:
            raise self.fail(f"unsupported YAML tag {value!r}", pointer)

    def _scalar(self, node: Any, pointer: str) -> Any:
        if node is None or isinstance(node, bool):
            return node
        if isinstance(node, int):
            return int(node)
        if isinstance(node, float):
            if math.isnan(node) or math.isinf(node):
                raise self.fail(f"{node} is not a JSON number", pointer)
            return float(node)
        if isinstance(node, str):
            return str(node)
        if isinstance(node, TaggedScalar) and node.tag.value == "tag:yaml.org,2002:str":
            return str(node.value)
        raise self.fail(f"unsupported value of type {type(node).__name__}", pointer)


def _key_position(node: CommentedMap, key: Any) -> Position | None:
    try:
        line, column = node.lc.key(key)
    except (KeyError, TypeError, AttributeError):
        return None
    return (line + 1, column + 1)


def _item_position(node: CommentedSeq, index: int) -> Position | None:
    try:
        line, column = node.lc.item(index)
    except (KeyError, TypeError, AttributeError, IndexError):
        return None
    return (line + 1, column + 1)
