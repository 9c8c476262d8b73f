"""Local `$ref` resolution with the checks codegen, diff and the linter need.

Only same-document references (`#/...`) are supported: the IonQ specs are single files, and a
generator that silently fetched remote documents would not be reproducible.

A reference chain that loops without passing through any schema structure (A -> B -> A) is an
error: it has no meaning. A schema that refers to itself through a property or an array item is a
recursive type and is fine.

Both kinds of depth are bounded, because every consumer downstream (openapi-spec-validator,
jsonschema, datamodel-code-generator) follows references recursively and, on a chain thousands of
schemas long, spends tens of seconds before dying of RecursionError with no location. Here the
same input is refused in milliseconds, naming the chain:
- a chain of bare $refs (A -> B -> C ...) longer than MAX_REF_CHAIN;
- schemas nesting through $refs (A.x -> B, B.y -> C, ...) deeper than MAX_REF_DEPTH schemas. A set
  of mutually recursive schemas counts as deep as it has members: a validator walking it once may
  pass through every one of them before it comes back to a schema it has seen.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from typing import Any

from ionqkit.errors import SpecError
from ionqkit.spec.inputs import MAX_REF_CHAIN
from ionqkit.spec.loader import Document
from ionqkit.spec.pointers import join_pointer

MAX_REF_DEPTH = 100


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
    seen: dict[str, None] = {}  # ordered, with O(1) membership
    current_where = where
    while True:
        pointer = target_pointer(doc, ref, current_where)
        if pointer in seen:
            chain = " -> ".join([*seen, pointer])
            raise doc.error(f"circular $ref chain: {chain}", join_pointer(where, "$ref"), SpecError)
        if len(seen) >= MAX_REF_CHAIN:
            raise doc.error(
                f"$ref chain longer than {MAX_REF_CHAIN} references: {_abridged([*seen, pointer])}",
                join_pointer(where, "$ref"),
                SpecError,
            )
        seen[pointer] = None
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
    """Raise SpecError at the first $ref that is non-local, broken, part of a pure $ref cycle or
    of a chain too long or too deep to process (see the module docstring)."""
    edges: list[tuple[str, str]] = []
    for where, ref in iter_refs(doc.data):
        edges.append((where, resolve(doc, ref, where)[0]))
    check_ref_depth(doc, edges)


def _abridged(chain: list[str]) -> str:
    shown = chain if len(chain) <= 6 else [*chain[:3], f"... ({len(chain) - 5} more)", *chain[-2:]]
    return " -> ".join(shown)


def check_ref_depth(doc: Document, edges: list[tuple[str, str]]) -> None:
    """SpecError if schemas nest through $refs deeper than MAX_REF_DEPTH.

    `edges` are (pointer of the object holding a $ref, pointer it resolves to). The targets form a
    graph (a target links to every target referenced from inside it); its strongly connected
    components are condensed, each weighing its member count, and the heaviest path is measured.
    Linear in the number of $refs.
    """
    if not edges:
        return
    holders = sorted(edges)
    keys = [where for where, _ in holders]
    targets = sorted({target for _, target in edges})
    graph: dict[str, list[str]] = {}
    for target in targets:
        prefix = target + "/"
        start = bisect.bisect_left(keys, prefix)
        end = bisect.bisect_left(keys, prefix + "\U0010ffff")
        graph[target] = sorted({holders[i][1] for i in range(start, end)})
    components = _strongly_connected(targets, graph)
    component_of = {node: index for index, members in enumerate(components) for node in members}
    # Tarjan yields components in reverse topological order: successors come first.
    depth: list[int] = []
    via: list[int | None] = []
    for index, members in enumerate(components):
        best, best_next = 0, None
        for node in members:
            for successor in graph[node]:
                other = component_of[successor]
                if other != index and depth[other] > best:
                    best, best_next = depth[other], other
        depth.append(len(members) + best)
        via.append(best_next)
    deepest = max(range(len(components)), key=lambda i: depth[i])
    if depth[deepest] <= MAX_REF_DEPTH:
        return
    chain: list[str] = []
    step: int | None = deepest
    while step is not None:
        chain.extend(sorted(components[step]))
        step = via[step]
    raise doc.error(
        f"schemas nest {depth[deepest]:,} levels deep through $refs (the limit is {MAX_REF_DEPTH}): "
        f"{_abridged(chain)}",
        chain[0],
        SpecError,
    )


def _strongly_connected(nodes: list[str], graph: dict[str, list[str]]) -> list[list[str]]:
    """Tarjan's algorithm without recursion (the graphs in question are the deep ones)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    components: list[list[str]] = []
    for root in nodes:
        if root in index:
            continue
        work: list[tuple[str, int]] = [(root, 0)]
        while work:
            node, child = work.pop()
            if child == 0:
                index[node] = low[node] = len(index)
                stack.append(node)
                on_stack.add(node)
            successors = graph[node]
            if child < len(successors):
                work.append((node, child + 1))
                successor = successors[child]
                if successor not in index:
                    work.append((successor, 0))
                elif successor in on_stack:
                    low[node] = min(low[node], index[successor])
                continue
            if low[node] == index[node]:
                members = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    members.append(member)
                    if member == node:
                        break
                components.append(members)
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
    return components


def deref(doc: Document, node: Any, where: str = "") -> Any:
    """`node` itself, or what its $ref chain ends at."""
    if isinstance(node, dict) and isinstance(node.get("$ref"), str):
        return resolve(doc, node["$ref"], where)[1]
    return node
