"""Apply an OpenAPI Overlay 1.0 document (https://spec.openapis.org/overlay/v1.0.0) to a spec.

Each action has a JSONPath (RFC 9535) `target` and either `remove: true` or an `update`:
objects are merged recursively (scalars and arrays inside them are replaced), and when the target
itself is an array the update is appended to it. Actions apply in order, on a copy.

An action whose target matches nothing is an error: it means the upstream spec changed under the
overlay, and silently generating from an unpatched spec is how defects come back. `check_overlay`
applies the same actions without stopping at the first such action: it lists every one that
matches nothing, and every update that matches but changes nothing (upstream may have fixed that
defect), for `ionqkit spec update` to report together.

Bounded work. An update is copied into every node its target matches, so a 549 KB update aimed at
`$..[?@.type]` (432 matches in the May 2026 v0.4 spec) meant some 23 million node copies: past 100 s, with
memory growing all the while. So an overlay gets a budget of MAX_WORK nodes, summed over its
actions: every node a target's JSONPath visits, every match removed, and for an update, its size
in nodes once per match (the most that merging or appending copies). Each action is charged
before it changes anything (visits as they happen), and the first action over budget is refused
with its index and target. MAX_WORK is the loader's MAX_NODES, 2,000,000: an overlay may visit or
add as many nodes as the largest document the loader accepts has. Our own overlays spend 196
(v0.4), 43 (v0.3) and 24 (job schema); an overlay spending all of it takes about 2 s and 200 MB.

The budget cannot see inside a filter's own queries, which the JSONPath library evaluates on
fresh roots, once per candidate node: `$..[?$..x]` took 15 s on the 66 KB v0.4 spec and grows with
the square of the spec. So filters may not contain `$` or `..` queries, nor the match()/search()
functions (a regular expression can backtrack exponentially on spec text); relative queries
(`@.type`, `@.*`) cost a bounded amount per candidate, and are what overlays use.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import jsonpath_rfc9535
from jsonpath_rfc9535 import JSONPathNode
from jsonpath_rfc9535.exceptions import JSONPathError
from jsonpath_rfc9535.lex import tokenize
from jsonpath_rfc9535.tokens import TokenType

from ionqkit.errors import SpecError
from ionqkit.spec.loader import MAX_NODES, Document
from ionqkit.spec.pointers import join_pointer

MAX_WORK = MAX_NODES  # nodes visited, removed or copied by one overlay (see the module docstring)


@dataclass(frozen=True)
class AppliedAction:
    index: int
    target: str
    description: str
    matches: tuple[str, ...]  # JSON pointers of the nodes it changed


@dataclass(frozen=True)
class OverlayCheck:
    """An overlay applied to a spec without stopping at an action that matches nothing."""

    data: Any  # the patched copy (the actions that matched nothing left out)
    applied: tuple[AppliedAction, ...]
    unmatched: tuple[AppliedAction, ...]  # matched nothing: retarget or drop each
    unchanged: tuple[AppliedAction, ...]  # updates that matched but changed nothing

    @property
    def clean(self) -> bool:
        return not self.unmatched


def _merge(target: dict[str, Any], update: dict[str, Any]) -> None:
    for key, value in update.items():
        if isinstance(value, dict) and isinstance(target.get(key), dict):
            _merge(target[key], value)
        else:
            target[key] = copy.deepcopy(value)


def _pointer(location: tuple[str | int, ...]) -> str:
    pointer = ""
    for token in location:
        pointer = join_pointer(pointer, token)
    return pointer


def _check_shape(overlay: Document) -> list[dict[str, Any]]:
    data = overlay.data
    if not isinstance(data, dict) or not str(data.get("overlay", "")).startswith("1."):
        raise overlay.error("not an Overlay document: expected `overlay: 1.0.0` at the top", "", SpecError)
    actions = data.get("actions")
    if not isinstance(actions, list) or not actions:
        raise overlay.error("`actions` must be a non-empty list", "/actions", SpecError)
    for index, action in enumerate(actions):
        where = f"/actions/{index}"
        if not isinstance(action, dict) or not isinstance(action.get("target"), str):
            raise overlay.error("each action needs a string `target`", where, SpecError)
        if action.get("remove") is not True and "update" not in action:
            raise overlay.error("each action needs `update` or `remove: true`", where, SpecError)
    return actions


class _OverBudgetError(Exception):
    pass


class _Budget:
    def __init__(self) -> None:
        self.spent = 0

    def spend(self, nodes: int) -> None:
        self.spent += nodes
        if self.spent > MAX_WORK:
            raise _OverBudgetError


class _CountedNode(JSONPathNode):
    """A JSONPath node that charges the budget for every child the query creates from it."""

    __slots__ = ("budget",)

    def __init__(
        self,
        *,
        value: object,
        location: tuple[str | int, ...],
        parent: JSONPathNode | None,
        root: Any,
        budget: _Budget,
    ) -> None:
        super().__init__(value=value, location=location, parent=parent, root=root)
        self.budget = budget

    def new_child(self, value: object, key: str | int, parent: JSONPathNode | None) -> JSONPathNode:
        self.budget.spend(1)
        location = (*self.location, key)
        return _CountedNode(value=value, location=location, parent=parent, root=self.root, budget=self.budget)


def _find(target: str, data: Any, budget: _Budget) -> Iterator[JSONPathNode]:
    """The nodes `target` matches, as JSONPathQuery.finditer finds them, visits charged to `budget`."""
    query = jsonpath_rfc9535.compile(target)
    root = _CountedNode(value=data, location=(), parent=None, root=data, budget=budget)
    nodes: Iterable[JSONPathNode] = [root]
    for segment in query.segments:
        nodes = segment.resolve(nodes)
    return iter(nodes)


def _unbounded_filter(target: str) -> str | None:
    """What in a filter of `target` has a cost the budget cannot see, if anything."""
    open_brackets: list[bool] = []  # per open `[`: whether it holds a filter selector
    for token in tokenize(target):
        kind = token.type_
        if kind == TokenType.LBRACKET:
            open_brackets.append(False)
        elif kind == TokenType.RBRACKET and open_brackets:
            open_brackets.pop()
        elif kind == TokenType.FILTER and open_brackets:
            open_brackets[-1] = True
        elif any(open_brackets):
            if kind == TokenType.ROOT:
                return "a `$` query inside a filter"
            if kind == TokenType.DOUBLE_DOT:
                return "a `..` query inside a filter"
            if kind == TokenType.FUNCTION and token.value in ("match", "search"):
                return f"{token.value}() inside a filter"
    return None


def _size(value: Any) -> int:
    """Nodes in a JSON value (the update of an action)."""
    count, stack = 0, [value]
    while stack:
        node = stack.pop()
        count += 1
        if isinstance(node, dict):
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return count


def apply_overlay(spec: Document, overlay: Document) -> tuple[Any, list[AppliedAction]]:
    """Return (patched copy of spec.data, what each action changed); SpecError, located in the
    overlay, at the first action that matches nothing."""
    result = _apply(spec, overlay, strict=True)
    return result.data, list(result.applied)


def check_overlay(spec: Document, overlay: Document) -> OverlayCheck:
    """Apply `overlay` to `spec`, skipping (and listing) every action that matches nothing."""
    return _apply(spec, overlay, strict=False)


def _would_change(target: Any, update: Any) -> bool:
    """Whether merging `update` into `target` (or appending it) changes anything; costs at most the
    update's size, which the budget has already paid for."""
    if isinstance(target, list):
        return True
    if not isinstance(target, dict) or not isinstance(update, dict):
        return True
    for key, value in update.items():
        if key not in target:
            return True
        if isinstance(value, dict) and isinstance(target[key], dict):
            if _would_change(target[key], value):
                return True
        elif target[key] != value or type(target[key]) is not type(value):
            return True
    return False


def _apply(spec: Document, overlay: Document, *, strict: bool) -> OverlayCheck:
    actions = _check_shape(overlay)
    data = copy.deepcopy(spec.data)
    applied: list[AppliedAction] = []
    unmatched: list[AppliedAction] = []
    unchanged: list[AppliedAction] = []
    budget = _Budget()
    for index, action in enumerate(actions):
        description = str(action.get("description", ""))
        where = f"/actions/{index}/target"
        target = action["target"]
        try:
            unbounded = _unbounded_filter(target)
            if unbounded is not None:
                raise overlay.error(
                    f"action {index}: target {target!r} uses {unbounded}, which ionqkit does not evaluate"
                    " (its cost grows faster than the spec); select with relative queries such as @.type",
                    where,
                    SpecError,
                )
            nodes = list(_find(target, data, budget))
            per_match = 1 if action.get("remove") is True else _size(action["update"])
            budget.spend(len(nodes) * per_match)
        except JSONPathError as exc:
            raise overlay.error(f"invalid JSONPath {target!r}: {exc}", where, SpecError) from None
        except _OverBudgetError:
            raise overlay.error(
                f"action {index}: target {target!r} would make the overlay visit or copy more than"
                f" {MAX_WORK:,} nodes (an update is copied into every match); refusing",
                where,
                SpecError,
            ) from None
        if not nodes and not strict:
            unmatched.append(AppliedAction(index, target, description, ()))
            continue
        if not nodes:
            raise overlay.error(
                f"target {target!r} matches nothing in {spec.name}; the spec changed under the overlay"
                " (update or drop this action)",
                where,
                SpecError,
            )
        pointers = tuple(_pointer(node.location) for node in nodes)
        if action.get("remove") is True:
            # Remove deepest/last first so earlier locations stay valid.
            for node in sorted(nodes, key=lambda n: n.location, reverse=True):
                if node.parent is None:
                    raise overlay.error("cannot remove the document root", where, SpecError)
                parent = node.parent.value
                key = node.location[-1]
                if isinstance(parent, list):
                    del parent[int(key)]
                elif isinstance(parent, dict):
                    del parent[key]
        else:
            update = action["update"]
            if not strict and not any(_would_change(node.value, update) for node in nodes):
                unchanged.append(AppliedAction(index, target, description, pointers))
            for node in nodes:
                value = node.value
                if isinstance(value, list):
                    value.extend(
                        copy.deepcopy(update) if isinstance(update, list) else [copy.deepcopy(update)]
                    )
                elif isinstance(value, dict) and isinstance(update, dict):
                    _merge(value, update)
                else:
                    raise overlay.error(
                        f"target {target!r} is a {type(value).__name__}; an update needs an object or array",
                        where,
                        SpecError,
                    )
        applied.append(AppliedAction(index, target, description, pointers))
    return OverlayCheck(data, tuple(applied), tuple(unmatched), tuple(unchanged))
