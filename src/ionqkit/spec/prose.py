"""Upstream prose out, structure in: how ionqkit normalizes an OpenAPI 3.0 spec it copies.

Our specs (specs/README.md) keep every structural fact of their upstream source exactly (paths,
operations, parameters, schemas, names, enums, limits, formats, defaults, examples) and leave its
prose out: `description`, `summary` and `x-codeSamples` wherever they are documentation, and
`info.description`. OpenAPI 3.0 requires a description on every response object, so a response gets
its HTTP reason phrase ("OK", "Created"), or "Response" where it has no status code (a component).

The walk follows the document by object type, so a `description` that is data (a property named
`description`, a key inside an example) is kept: only the members that are documentation are
touched. `strip_prose` returns what it took out, by JSON pointer; applied to a spec that is already
normalized, that is exactly the prose someone wrote into it by hand (ours), which `ionqkit spec
update` carries over to the next upstream version.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from http import HTTPStatus
from typing import Any

from ionqkit.numerals import ascii_digits
from ionqkit.spec.pointers import join_pointer

PROSE_KEYS = frozenset({"description", "summary", "x-codeSamples"})
# Schema objects have no `summary`; a schema member of that name is data (a property, a title).
_SCHEMA_PROSE = frozenset({"description", "x-codeSamples"})
_OPERATIONS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
# components/<kind>: how each member is walked (kinds not listed are kept as they are).
_COMPONENT_KINDS = {
    "schemas": "schema",
    "responses": "response",
    "parameters": "parameter",
    "examples": "plain",
    "requestBodies": "request_body",
    "headers": "parameter",
    "securitySchemes": "plain",
    "links": "plain",
    "callbacks": "plain",
}


@dataclass
class Stripped:
    """A normalized copy of a spec, and the prose taken out of it."""

    data: dict[str, Any]
    # Pointer of each prose member taken out or replaced (".../description") -> its value. A response
    # description equal to the reason phrase it would get anyway is not listed: it is not prose.
    prose: dict[str, Any] = field(default_factory=dict)


def strip_prose(document: dict[str, Any]) -> Stripped:
    """The normalized copy of `document` (an OpenAPI 3.0 mapping); `document` is not changed."""
    walker = _Walker()
    return Stripped(walker.document(document), walker.prose)


def reason_phrase(status: str) -> str:
    """The description a response object gets: its HTTP reason phrase, or "Response"."""
    if ascii_digits(status):
        try:
            return HTTPStatus(int(status)).phrase
        except ValueError:
            pass
    return "Any other response" if status == "default" else "Response"


class _Walker:
    def __init__(self) -> None:
        self.prose: dict[str, Any] = {}

    def _without(self, node: Any, pointer: str, keys: frozenset[str] = PROSE_KEYS) -> Any:
        """`node` without its prose members (recorded), if it is a mapping."""
        if not isinstance(node, dict):
            return node
        out: dict[str, Any] = {}
        for key, value in node.items():
            if key in keys:
                self.prose[join_pointer(pointer, key)] = value
            else:
                out[key] = value
        return out

    def document(self, doc: dict[str, Any]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, value in doc.items():
            here = join_pointer("", key)
            if key in ("info", "externalDocs"):
                out[key] = self._without(value, here)
            elif key in ("servers", "tags") and isinstance(value, list):
                out[key] = [self._without(item, join_pointer(here, i)) for i, item in enumerate(value)]
            elif key == "paths" and isinstance(value, dict):
                out[key] = {p: self.path_item(item, join_pointer(here, p)) for p, item in value.items()}
            elif key == "components" and isinstance(value, dict):
                out[key] = {kind: self._components(kind, members, here) for kind, members in value.items()}
            else:
                out[key] = value
        return out

    def _components(self, kind: str, members: Any, pointer: str) -> Any:
        walk = _COMPONENT_KINDS.get(kind)
        if walk is None or not isinstance(members, dict):
            return members
        here = join_pointer(pointer, kind)
        method = getattr(self, walk)
        return {name: method(obj, join_pointer(here, name)) for name, obj in members.items()}

    def plain(self, node: Any, pointer: str) -> Any:
        return self._without(node, pointer)

    def path_item(self, node: Any, pointer: str) -> Any:
        if not isinstance(node, dict):
            return node
        out: dict[str, Any] = {}
        for key, value in node.items():
            here = join_pointer(pointer, key)
            if key in PROSE_KEYS:
                self.prose[here] = value
            elif key in _OPERATIONS:
                out[key] = self.operation(value, here)
            elif key == "parameters":
                out[key] = self._parameters(value, here)
            else:
                out[key] = value
        return out

    def _parameters(self, value: Any, pointer: str) -> Any:
        if not isinstance(value, list):
            return value
        return [self.parameter(p, join_pointer(pointer, i)) for i, p in enumerate(value)]

    def operation(self, node: Any, pointer: str) -> Any:
        if not isinstance(node, dict):
            return node
        out: dict[str, Any] = {}
        for key, value in node.items():
            here = join_pointer(pointer, key)
            if key in PROSE_KEYS:
                self.prose[here] = value
            elif key == "parameters":
                out[key] = self._parameters(value, here)
            elif key == "requestBody":
                out[key] = self.request_body(value, here)
            elif key == "responses" and isinstance(value, dict):
                out[key] = {code: self.response(r, join_pointer(here, code)) for code, r in value.items()}
            else:
                out[key] = value
        return out

    def parameter(self, node: Any, pointer: str) -> Any:
        if not isinstance(node, dict) or "$ref" in node:
            return node
        out: dict[str, Any] = {}
        for key, value in node.items():
            here = join_pointer(pointer, key)
            if key in PROSE_KEYS:
                self.prose[here] = value
            elif key == "schema":
                out[key] = self.schema(value, here)
            elif key == "content":
                out[key] = self._content(value, here)
            elif key == "examples":
                out[key] = self._examples(value, here)
            else:
                out[key] = value
        return out

    def request_body(self, node: Any, pointer: str) -> Any:
        if not isinstance(node, dict) or "$ref" in node:
            return node
        out = self._without(node, pointer)
        if "content" in out:
            out["content"] = self._content(out["content"], join_pointer(pointer, "content"))
        return out

    def response(self, node: Any, pointer: str) -> Any:
        if not isinstance(node, dict) or "$ref" in node:
            return node
        out: dict[str, Any] = {}
        phrase = reason_phrase(pointer.rsplit("/", 1)[-1])
        for key, value in node.items():
            here = join_pointer(pointer, key)
            if key == "description":
                out[key] = phrase
                if value != phrase:
                    self.prose[here] = value
            elif key in PROSE_KEYS:
                self.prose[here] = value
            elif key == "content":
                out[key] = self._content(value, here)
            elif key == "headers" and isinstance(value, dict):
                out[key] = {h: self.parameter(v, join_pointer(here, h)) for h, v in value.items()}
            else:
                out[key] = value
        return out

    def _content(self, value: Any, pointer: str) -> Any:
        if not isinstance(value, dict):
            return value
        return {media: self.media_type(v, join_pointer(pointer, media)) for media, v in value.items()}

    def _examples(self, value: Any, pointer: str) -> Any:
        if not isinstance(value, dict):
            return value
        return {name: self._without(v, join_pointer(pointer, name)) for name, v in value.items()}

    def media_type(self, node: Any, pointer: str) -> Any:
        if not isinstance(node, dict):
            return node
        out: dict[str, Any] = {}
        for key, value in node.items():
            here = join_pointer(pointer, key)
            if key == "schema":
                out[key] = self.schema(value, here)
            elif key == "examples":
                out[key] = self._examples(value, here)
            else:
                out[key] = value
        return out

    def schema(self, node: Any, pointer: str) -> Any:
        if not isinstance(node, dict):
            return node
        out: dict[str, Any] = {}
        for key, value in node.items():
            here = join_pointer(pointer, key)
            if key in _SCHEMA_PROSE:
                self.prose[here] = value
            elif key == "properties" and isinstance(value, dict):
                out[key] = {name: self.schema(s, join_pointer(here, name)) for name, s in value.items()}
            elif key in ("items", "not", "additionalProperties"):
                out[key] = self.schema(value, here)
            elif key in ("allOf", "anyOf", "oneOf") and isinstance(value, list):
                out[key] = [self.schema(s, join_pointer(here, i)) for i, s in enumerate(value)]
            else:
                out[key] = value
        return out
