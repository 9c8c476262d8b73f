"""Apply an OpenAPI Overlay 1.0 document (https://spec.openapis.org/overlay/v1.0.0) to a spec.

Each action has a JSONPath (RFC 9535) `target` and either `remove: true` or an `update`:
objects are merged recursively (scalars and arrays inside them are replaced), and when the target
itself is an array the update is appended to it. Actions apply in order, on a copy.

An action whose target matches nothing is an error: it means the upstream spec changed under the
overlay, and silently generating from an unpatched spec is how defects come back.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

import jsonpath_rfc9535
from jsonpath_rfc9535.exceptions import JSONPathError

from ionqkit.codegen.loader import Document, join_pointer
from ionqkit.errors import SpecError


@dataclass(frozen=True)
class AppliedAction:
    index: int
    target: str
    description: str
    matches: tuple[str, ...]  # JSON pointers of the nodes it changed


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


def apply_overlay(spec: Document, overlay: Document) -> tuple[Any, list[AppliedAction]]:
    """Return (patched copy of spec.data, what each action changed)."""
    actions = _check_shape(overlay)
    data = copy.deepcopy(spec.data)
    applied: list[AppliedAction] = []
    for index, action in enumerate(actions):
        where = f"/actions/{index}/target"
        target = action["target"]
        try:
            nodes = list(jsonpath_rfc9535.find(target, data))
        except JSONPathError as exc:
            raise overlay.error(f"invalid JSONPath {target!r}: {exc}", where, SpecError) from None
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
        applied.append(AppliedAction(index, target, str(action.get("description", "")), pointers))
    return data, applied
