"""Spec schemas carry over as the linter's schema walk reads them, and no stricter."""

from __future__ import annotations

from typing import Any

from ionqkit.validators import LintConfig
from ionqkit.validators.jsonschema_export.translate import Definitions, Translator


def translate(node: Any, definitions: dict[str, Any] | None = None) -> tuple[Any, dict[str, Any]]:
    facts = LintConfig().facts()
    if definitions is not None:
        from dataclasses import replace

        facts = replace(facts, definitions=definitions)
    defs = Definitions()
    return Translator(facts, defs).schema(node), defs.entries


def test_one_of_becomes_any_of_and_nullable_adds_null() -> None:
    out, _ = translate({"oneOf": [{"type": "string"}, {"type": "integer"}], "nullable": True})
    assert out == {"anyOf": [{"type": "string"}, {"type": "integer"}, {"type": "null"}]}
    out, _ = translate({"type": "string", "enum": ["a"], "nullable": True})
    assert out == {"type": ["string", "null"], "enum": ["a", None]}


def test_what_the_walk_does_not_enforce_is_dropped() -> None:
    node = {
        "type": "string",
        "format": "int32",
        "minLength": 3,
        "pattern": "^a$",
        "allOf": [{"type": "integer"}],
        "discriminator": {"propertyName": "type"},
        "title": "T",
    }
    out, _ = translate(node)
    assert out == {"type": "string", "title": "T"}


def test_components_become_defs_once_even_when_recursive() -> None:
    ref = "#/components/schemas/Node"
    tree = {"type": "object", "properties": {"child": {"$ref": ref}}}
    out, defs = translate({"$ref": ref, "title": "root"}, {ref: tree})
    assert out == {"$ref": "#/$defs/spec.Node", "title": "root"}
    assert defs == {"spec.Node": {"type": "object", "properties": {"child": {"$ref": "#/$defs/spec.Node"}}}}
