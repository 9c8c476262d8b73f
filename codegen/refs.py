"""Local `$ref` resolution with the checks codegen, diff and the linter need.

Only same-document references (`#/...`) are supported: the IonQ specs are single files, and a
generator that silently fetched remote documents would not be reproducible.

A reference chain that loops without passing through any schema structure (A -> B -> A) is an
error: it has no meaning. A schema that refers to itself through a property or an array item is a
recursive type and is fine.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ionqkit.codegen.loader import Document, join_pointer
from ionqkit.errors import SpecError


def iter_refs(node: Any, pointer: str = "") -> Iterator[tuple[str, str]]:
    """Yield (pointer of the object holding $ref, ref string) for every $ref in document order."""
    stack: list[tuple[str, Any]] = [(pointer, node)]
    while stack:
        here, value = stack.pop()
        if isinstance(value, dict):
            ref = value.get("$ref")
            if isinstance(ref, str):
                yield here, ref
            stack.extend(reversed([(join_pointer(here, k), v) for k, v in value.items()]))
        elif isinstance(value, list):
            stack.extend(reversed([(join_pointer(here, i), v) for i, v in enumerate(value)]))


def target_pointer(doc: Document, ref: str, where: str) -> str:
    """The JSON pointer a local $ref names; SpecError (located at `where`) if it is not local."""
    if not ref.startswith("#"):
        raise doc.error(
            f"$ref {ref!r} points outside this document; only local references (#/...) are supported",
            join_pointer(where, "$ref"),
            SpecError,
        )
    return ref[1:]


def resolve(doc: Document, ref: str, where: str) -> tuple[str, Any]:
    """Follow a $ref chain to a node that is not itself a bare $ref. Returns (pointer, node)."""
    seen: list[str] = []
    current_where = where
    while True:
        pointer = target_pointer(doc, ref, current_where)
        if pointer in seen:
            chain = " -> ".join([*seen, pointer])
            raise doc.error(f"circular $ref chain: {chain}", join_pointer(where, "$ref"), SpecError)
        seen.append(pointer)
        try:
            node = doc.resolve(pointer)
        except (KeyError, ValueError) as exc:
            raise doc.error(
                f"$ref {ref!r} does not resolve: no {str(exc)!r} in the document",
                join_pointer(current_where, "$ref"),
                SpecError,
            ) from None
        if isinstance(node, dict) and isinstance(node.get("$ref"), str):
            current_where, ref = pointer, node["$ref"]
            continue
        return pointer, node


def check_refs(doc: Document) -> None:
    """Raise SpecError at the first $ref that is non-local, broken or part of a pure $ref cycle."""
    for where, ref in iter_refs(doc.data):
        resolve(doc, ref, where)


def deref(doc: Document, node: Any, where: str = "") -> Any:
    """`node` itself, or what its $ref chain ends at."""
    if isinstance(node, dict) and isinstance(node.get("$ref"), str):
        return resolve(doc, node["$ref"], where)[1]
    return node
