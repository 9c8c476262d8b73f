"""Spec schemas (the OpenAPI 3.0 subset of the compiled lint facts) as JSON Schema 2020-12.

Only what the linter's schema walk (validators/schemawalk.py) enforces is carried over, so the
export never rejects what `lint` accepts: `type` (with `nullable`), `enum`, `minimum`, `maximum`,
`maxItems`, `items`, `properties`, `required`, `additionalProperties`, and unions, which the walk
accepts when any branch fits (`oneOf` becomes `anyOf`: two branches that both fit are fine). Titles
and defaults stay as annotations; formats (`int32`), discriminators and keywords the walk ignores
are dropped. Components become `$defs` entries named `spec.<Component>`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from ionqkit.spec.pointers import escape_pointer_token
from ionqkit.validators.specdata import SpecFacts

Json = dict[str, Any]

_COMPONENT = "#/components/schemas/"
DEFS = "#/$defs/"  # what a reference to one of the `$defs` starts with
_ANNOTATIONS = ("title", "default")


def def_ref(name: str) -> Json:
    """A reference to `$defs/<name>` (`/` and `~` escaped: a job type a --spec names may hold them)."""
    return {"$ref": f"{DEFS}{escape_pointer_token(name)}"}


class Definitions:
    """The `$defs` of the schema being built: named once, reused by name, deterministic."""

    def __init__(self) -> None:
        self.entries: dict[str, Any] = {}

    def add(self, name: str, schema: Any) -> Json:
        """Define `name` as `schema` (an equal schema under that name is fine; another is a bug)."""
        known = self.entries.get(name)
        if known is not None and known != schema:
            raise ValueError(f"$defs/{name} defined twice, differently")
        self.entries[name] = schema
        return def_ref(name)

    def unique(self, base: str, schema: Any) -> Json:
        """Define `schema` under `base`, or under `base.2`, `base.3`... if `base` holds another."""
        name, count = base, 1
        while name in self.entries and self.entries[name] != schema:
            count += 1
            name = f"{base}.{count}"
        return self.add(name, schema)

    def once(self, name: str, build: Callable[[], Any]) -> Json:
        """Define `name` from `build()` the first time it is asked for (a recursive build sees the
        name already claimed, so it can refer to itself)."""
        if name not in self.entries:
            self.entries[name] = None
            self.entries[name] = build()
        return def_ref(name)


class Translator:
    def __init__(self, facts: SpecFacts, defs: Definitions) -> None:
        self.facts = facts
        self.defs = defs
        self._names: dict[str, str] = {}

    def schema(self, node: Any) -> Any:
        """`node` (a spec schema) as a 2020-12 schema; `$ref`s become `$defs` references."""
        if not isinstance(node, Mapping):
            return True
        ref = node.get("$ref")
        if isinstance(ref, str):
            out: Json = dict(self._component(ref))
            out.update({key: node[key] for key in _ANNOTATIONS if key in node})
            return out
        nullable = node.get("nullable") is True
        union = node.get("anyOf") or node.get("oneOf")
        if isinstance(union, list) and union:
            # The walk picks a branch (or any that fits) before it looks at anything else.
            branches = [self.schema(branch) for branch in union]
            if nullable:
                branches.append({"type": "null"})
            return {"anyOf": branches, **_annotations(node)}
        out = _annotations(node)
        kind = node.get("type")
        if isinstance(kind, str):
            out["type"] = [kind, "null"] if nullable else kind
        enum = node.get("enum")
        if isinstance(enum, list):
            out["enum"] = [*enum, None] if nullable and None not in enum else list(enum)
        for key in ("minimum", "maximum"):
            value = node.get(key)
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                out[key] = value
        if isinstance(node.get("maxItems"), int):
            out["maxItems"] = node["maxItems"]
        if "items" in node:
            out["items"] = self.schema(node["items"])
        properties = node.get("properties")
        if isinstance(properties, Mapping) and properties:
            out["properties"] = {str(name): self.schema(sub) for name, sub in properties.items()}
        required = node.get("required")
        if isinstance(required, list) and required:
            out["required"] = [str(name) for name in required]
        additional = node.get("additionalProperties")
        if isinstance(additional, bool):
            out["additionalProperties"] = additional
        elif isinstance(additional, Mapping):
            out["additionalProperties"] = self.schema(additional)
        return out

    def inline(self, node: Any) -> Json:
        """`node` translated with its own `$ref` chain followed, so a caller can change its
        properties (references further down stay references)."""
        translated = self.schema(self.facts.resolve(node))
        return dict(translated) if isinstance(translated, dict) else {}

    def _component(self, ref: str) -> Json:
        name = self._names.get(ref)
        if name is None:
            short = ref.removeprefix(_COMPONENT) if ref.startswith(_COMPONENT) else ref.strip("#/")
            name = "spec." + "".join(c if c.isalnum() or c in "._-" else "_" for c in short)
            while name in self._names.values():  # two refs that clean up to one name
                name += "_"
            self._names[ref] = name
        target = self.facts.definitions.get(ref)
        return self.defs.once(name, lambda: self.schema(target))


def _annotations(node: Mapping[str, Any]) -> Json:
    return {key: node[key] for key in _ANNOTATIONS if key in node}
