"""Helpers for the spec tests: paths of our specs, prose stripping for structural comparison, and the
collection and validation of every example of an OpenAPI 3.0 document."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from openapi_schema_validator import OAS30Validator, oas30_format_checker

from ionqkit.paths import SPECS_DIR
from ionqkit.spec.pointers import split_pointer

V03_SPEC = SPECS_DIR / "ionq-v0.3.openapi.yaml"
V03_OVERLAY = SPECS_DIR / "overlays" / "ionq-v0.3.overlay.yaml"
JOB_SCHEMA = SPECS_DIR / "ionq-job.schema.json"
JOB_OVERLAY = SPECS_DIR / "overlays" / "ionq-job.overlay.yaml"

# Prose keys: ours differ from upstream on purpose (descriptions are rewritten or dropped).
PROSE_KEYS = frozenset({"description", "summary"})


def without_prose(node: Any) -> Any:
    """The node with every description/summary key removed, at any depth outside example data."""
    if isinstance(node, dict):
        return {
            key: value if key in ("example", "examples") else without_prose(value)
            for key, value in node.items()
            if key not in PROSE_KEYS
        }
    if isinstance(node, list):
        return [without_prose(item) for item in node]
    return node


def contains(whole: Any, part: Any) -> bool:
    """True when every mapping key of `part` is in `whole` with a contained value; lists and scalars
    must be equal. Used to show an upstream fragment survives inside our larger document."""
    if isinstance(part, dict):
        return isinstance(whole, dict) and all(
            key in whole and contains(whole[key], value) for key, value in part.items()
        )
    return bool(whole == part)


def deref(spec: Any, node: Any, depth: int = 0) -> Any:
    """`node` with every local $ref replaced by its target (our specs have no reference cycles)."""
    assert depth < 64, "reference chain too deep (a cycle?)"
    if isinstance(node, dict):
        if "$ref" in node:
            target: Any = spec
            for token in split_pointer(node["$ref"]):
                target = target[token]
            return deref(spec, target, depth + 1)
        return {key: deref(spec, value, depth + 1) for key, value in node.items()}
    if isinstance(node, list):
        return [deref(spec, item, depth + 1) for item in node]
    return node


def iter_examples(node: Any, pointer: str = "") -> Iterator[tuple[str, Any, Any]]:
    """(JSON pointer, example value, schema it illustrates) for every example of an OpenAPI 3.0
    document: on schemas, on parameters and on media types (`example` and `examples.*.value`)."""
    if isinstance(node, list):
        for index, item in enumerate(node):
            yield from iter_examples(item, f"{pointer}/{index}")
        return
    if not isinstance(node, dict):
        return
    # Parameters and media types carry their schema under `schema`; a schema object is its own.
    schema = node.get("schema", node)
    if "example" in node:
        yield f"{pointer}/example", node["example"], schema
    for name, example in node.get("examples", {}).items():
        yield f"{pointer}/examples/{name}", example["value"], schema
    for key, value in node.items():
        if key not in ("example", "examples", "x-codeSamples"):
            yield from iter_examples(value, f"{pointer}/{key}")


def example_errors(spec: Any) -> list[str]:
    """One line per example of `spec` that does not validate against its schema."""
    errors: list[str] = []
    for pointer, example, schema in iter_examples(spec):
        validator = OAS30Validator(deref(spec, schema), format_checker=oas30_format_checker)
        errors.extend(f"{pointer}: {error.message}" for error in validator.iter_errors(example))
    return errors
