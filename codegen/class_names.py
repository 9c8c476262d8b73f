"""The class-name override table: choose the Python class name of any schema.

Without a table every class is named from the spec: a component schema after its key
(`Gate_QisGate` -> `GateQisGate`), a body or response schema written inline in an operation after
its operationId (`CreateJobRequest`), and an inline schema inside another after its place, the
class it sits in plus the property (`MultiCircuitJobCreationPayload.settings` ->
`MultiCircuitJobCreationPayloadSettings`, an array's items -> `...Item`). Those names depend on
nothing else in the spec, so they stay when the spec grows elsewhere.

A table maps a key to the class name wanted instead; a key is a schema's name in the spec
(`Gate_QisGate`) or the class name it would get (`GateQisGate`,
`MultiCircuitJobCreationPayloadSettings`). It comes from `class_names` in a
`[[tool.ionqkit.generate.targets]]` entry (an inline table, or the path of a YAML or JSON file
holding one mapping) or from `generate --class-names FILE`. A value must be a class name ionqkit
would itself write (PascalCase ASCII, not a builtin or a name models.py uses); two keys may not
give the same name; a key that names no schema is an error, as a stale overlay action is.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ionqkit.errors import InputError
from ionqkit.spec.pointers import join_pointer

from .normalize import class_name_for


@dataclass(frozen=True)
class ClassNames:
    """A validated override table and where it came from (for errors and MANIFEST.json)."""

    table: Mapping[str, str] = field(default_factory=dict)
    source: str = ""  # the file named in errors: the table's file, or the pyproject.toml holding it
    path: Path | None = None  # the table's own file, if it has one (an input of the package)
    places: Mapping[str, tuple[int | None, int | None]] = field(default_factory=dict)  # key -> line, column

    def sha256(self) -> str:
        canonical = json.dumps(dict(sorted(self.table.items())), ensure_ascii=False, separators=(",", ":"))
        return hashlib.sha256(canonical.encode()).hexdigest()

    def error(self, message: str, key: str | None = None) -> InputError:
        pointer = None if key is None else join_pointer("", key)
        line, column = self.places.get(key, (None, None)) if key is not None else (None, None)
        return InputError(message, file=self.source or None, line=line, column=column, pointer=pointer)


NONE = ClassNames()


def check_table(
    raw: Any,
    source: str,
    path: Path | None = None,
    places: Mapping[str, tuple[int | None, int | None]] | None = None,
) -> ClassNames:
    """`raw` (parsed TOML, YAML or JSON) as a ClassNames, or InputError naming the bad entry."""
    names = ClassNames({}, source, path, places or {})
    if not isinstance(raw, dict):
        raise names.error("class names must be a mapping of schema name -> class name")
    seen: dict[str, str] = {}
    for key, value in raw.items():
        if not isinstance(key, str) or not key:
            raise names.error(f"class names: key {key!r} is not a schema name")
        if not isinstance(value, str) or class_name_for(value) != value:
            suggestion = f" (use {class_name_for(value)!r})" if isinstance(value, str) else ""
            raise names.error(
                f"class name {value!r} for {key!r} is not one ionqkit can write: PascalCase ASCII, not "
                f"a builtin or a name models.py uses{suggestion}",
                key,
            )
        if value.lower() in seen:
            raise names.error(f"{key!r} and {seen[value.lower()]!r} would both be class {value!r}", key)
        seen[value.lower()] = key
    return ClassNames(dict(raw), source, path, places or {})


def load_file(path: Path) -> ClassNames:
    """A class-names file: one YAML or JSON mapping, read by the bounded, located loader."""
    from ionqkit.spec.loader import load_path

    document = load_path(path)
    places: dict[str, tuple[int | None, int | None]] = {}
    if isinstance(document.data, dict):
        for key in document.data:
            if isinstance(key, str):
                places[key] = document.locate(join_pointer("", key)) or (None, None)
    return check_table(document.data, str(path), path, places)
