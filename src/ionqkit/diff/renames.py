"""Cross-version renames and moves, read from a small mapping file (specs/renames/*.yaml).

Without it a version bump reads as a wall of removals and additions; with it the diff says
"target renamed to backend". The file format (schema_version 1):

    schema_version: 1
    paths:        [{old: /jobs/{UUID}/results, new: /jobs/{UUID}/results/probabilities}]
    schemas:      [{old: Job, new: GetCircuitJobResponse}]
    properties:   [{old: error_mitigation.debias, new: settings.error_mitigation.debiasing, note: ...}]
    enum_values:  [{old: running, new: started, property: status}]

Property paths are dotted paths through `properties`, relative to the object that holds the
first segment. A property rule applies to any pair of compared objects where the old object has
the old path but not the new one and the new object has the new path but not the old one, so
it never hides a field that exists on both sides. `enum_values` may name the property whose enum
they belong to; without it they apply to every enum.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ionqkit.spec.loader import Document, load_path
from ionqkit.spec.pointers import join_pointer

SCHEMA_VERSION = 1
_TEMPLATE = re.compile(r"\{[^}/]*\}")


def normalize_path(path: str) -> str:
    """`/jobs/{UUID}` and `/jobs/{id}` name the same endpoint: template names do not matter."""
    return _TEMPLATE.sub("{}", path)


@dataclass(frozen=True)
class PropertyRule:
    old: tuple[str, ...]
    new: tuple[str, ...]
    note: str = ""

    @property
    def is_move(self) -> bool:
        return self.old[:-1] != self.new[:-1]


@dataclass(frozen=True)
class EnumRule:
    old: str
    new: str
    property: str | None = None
    note: str = ""


@dataclass(frozen=True)
class Renames:
    paths: dict[str, str] = field(default_factory=dict)  # normalized old path -> normalized new path
    schemas: dict[str, str] = field(default_factory=dict)  # old component name -> new component name
    properties: tuple[PropertyRule, ...] = ()
    enum_values: tuple[EnumRule, ...] = ()
    source: str = ""

    def enum_rules(self, property_name: str | None) -> list[EnumRule]:
        return [r for r in self.enum_values if r.property is None or r.property == property_name]


NO_RENAMES = Renames()


def load_renames(path: Path | str) -> Renames:
    """Read and check a renames file; InputError (file:line:col) on anything malformed."""
    doc = load_path(path)
    data = doc.data
    if not isinstance(data, dict):
        raise doc.error("a renames file must be a mapping", "")
    unknown = sorted(
        set(data) - {"schema_version", "from", "to", "paths", "schemas", "properties", "enum_values"}
    )
    if unknown:
        raise doc.error(f"unknown key {unknown[0]!r}", join_pointer("", unknown[0]))
    if data.get("schema_version") != SCHEMA_VERSION:
        raise doc.error(f"schema_version must be {SCHEMA_VERSION}", "/schema_version")
    paths = {normalize_path(o): normalize_path(n) for o, n, _ in _pairs(doc, "paths")}
    schemas = {o: n for o, n, _ in _pairs(doc, "schemas")}
    properties = tuple(
        PropertyRule(tuple(o.split(".")), tuple(n.split(".")), _text(doc, entry, "note", ptr) or "")
        for o, n, (ptr, entry) in _pairs(doc, "properties")
    )
    enum_values = tuple(
        EnumRule(o, n, _text(doc, entry, "property", ptr), _text(doc, entry, "note", ptr) or "")
        for o, n, (ptr, entry) in _pairs(doc, "enum_values")
    )
    return Renames(paths, schemas, properties, enum_values, source=doc.name)


def _pairs(doc: Document, key: str) -> list[tuple[str, str, tuple[str, dict[str, Any]]]]:
    entries = doc.data.get(key, [])
    pointer = join_pointer("", key)
    if not isinstance(entries, list):
        raise doc.error(f"{key} must be a list of {{old, new}} entries", pointer)
    pairs = []
    seen: set[str] = set()
    for index, entry in enumerate(entries):
        here = join_pointer(pointer, index)
        if not isinstance(entry, dict):
            raise doc.error("each entry must be a mapping with old and new", here)
        extra = sorted(set(entry) - {"old", "new", "note", "property"})
        if extra:
            raise doc.error(f"unknown key {extra[0]!r}", join_pointer(here, extra[0]))
        old, new = _text(doc, entry, "old", here), _text(doc, entry, "new", here)
        if old is None or new is None:
            raise doc.error("each entry needs both old and new", here)
        scope = f"{entry.get('property')}:{old}"
        if scope in seen:
            raise doc.error(f"{old!r} is renamed twice", join_pointer(here, "old"))
        seen.add(scope)
        pairs.append((old, new, (here, entry)))
    return pairs


def _text(doc: Document, entry: dict[str, Any], key: str, pointer: str) -> str | None:
    value = entry.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or not value:
        raise doc.error(f"{key} must be a non-empty string", join_pointer(pointer, key))
    return value


def read_renames(path: Path | str | None) -> Renames:
    if path is None:
        return NO_RENAMES
    return load_renames(path)
