"""Spec-level rewrites that make generated types sharper without changing what is valid.

discriminate(): an anyOf/oneOf whose branches are all object schemas that each require the same
property with a single, distinct enum value (IonQ's job payloads and their `type`) gets an OpenAPI
`discriminator`, so the models validate by dispatch on that property (and report errors of the
right branch) instead of trying every branch. Unions that do not meet all conditions are left
alone: a wrong discriminator would reject valid payloads.

refuse_generator_directives(): a spec describes data; it does not get to choose the Python that
describes it. datamodel-code-generator reads keywords in a schema that name Python to import or
change the code it writes (`x-python-type: this.s` writes `from this import s` into models.py,
and importing the models then runs that module). Such a keyword is refused, not stripped: exit 2
with a located line, so the spec's author learns that it has no effect here rather than finding
a different type in the models. Refused, wherever they appear as a key in the document (a
property or example that uses one of these names is refused too; rename it):
- every `x-python-*` keyword (`x-python-type`, `x-python-import`, and any later one) and every
  `x-datamodel-code-generator-*` keyword;
- `customTypePath` and `customBasePath` (a type or base class by import path);
- `x-is-base-class`, `x-is-classvar`, `x-enum-field-as-literal` (they override our fixed
  rendering options);
- `x-enum-varnames` / `x-enumNames` unless each name is an ASCII identifier that does not start
  with `_` (or null): they become enum member names in the code;
- `$dynamicRef` / `$recursiveRef` that point outside the document: the generator would fetch
  that document, and the keywords above could arrive in it unseen.
Values are not refused for what they say: the generator writes enum, default, const and pattern
values as escaped literals (tests/codegen/test_hostile_corpus.py, tests/hardening/test_injection.py).
"""

from __future__ import annotations

import builtins
import copy
import keyword
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ionqkit.errors import SpecError
from ionqkit.spec import refs
from ionqkit.spec.loader import Document
from ionqkit.spec.pointers import escape_pointer_token, join_pointer

_PREFERRED = ("type", "kind", "gateset")


@dataclass(frozen=True)
class Discriminated:
    pointer: str
    property: str
    mapping: dict[str, str]


def _single_value(schema: Any) -> Any:
    enum = schema.get("enum") if isinstance(schema, dict) else None
    if isinstance(enum, list) and len(enum) == 1 and isinstance(enum[0], str):
        return enum[0]
    return None


def _tag_candidates(doc: Document, branch: Any) -> dict[str, str] | None:
    """{property: its single enum value} for the required single-valued properties of a branch."""
    if not isinstance(branch, dict) or not isinstance(branch.get("$ref"), str):
        return None
    target = refs.deref(doc, branch)
    if not isinstance(target, dict) or target.get("type", "object") != "object":
        return None
    properties = target.get("properties") or {}
    required = set(target.get("required") or ())
    found = {}
    for name, prop in properties.items():
        value = _single_value(refs.deref(doc, prop))
        if value is not None and name in required:
            found[name] = value
    return found


def _discriminator_for(doc: Document, branches: list[Any]) -> tuple[str, dict[str, str]] | None:
    if len(branches) < 2:
        return None
    tags = [_tag_candidates(doc, branch) for branch in branches]
    if any(not t for t in tags):
        return None
    common = set.intersection(*(set(t) for t in tags if t))
    ordered = [p for p in _PREFERRED if p in common] + sorted(common - set(_PREFERRED))
    for prop in ordered:
        values = [t[prop] for t in tags if t]
        if len(set(values)) == len(values):
            return prop, {value: branch["$ref"] for value, branch in zip(values, branches, strict=True)}
    return None


def discriminate(doc: Document) -> tuple[Any, list[Discriminated]]:
    """A copy of doc.data with discriminators added where they are provably right."""
    data = copy.deepcopy(doc.data)
    view = Document(doc.name, data, doc.sha256, doc.positions)
    done: list[Discriminated] = []
    stack: list[tuple[str, Any]] = [("", data)]
    while stack:
        pointer, node = stack.pop()
        if isinstance(node, dict):
            for keyword in ("oneOf", "anyOf"):
                branches = node.get(keyword)
                if isinstance(branches, list) and "discriminator" not in node:
                    found = _discriminator_for(view, branches)
                    if found:
                        prop, mapping = found
                        node["oneOf"] = node.pop(keyword)
                        node["discriminator"] = {"propertyName": prop, "mapping": mapping}
                        done.append(Discriminated(pointer, prop, mapping))
            stack.extend((join_pointer(pointer, k), v) for k, v in node.items())
        elif isinstance(node, list):
            stack.extend((join_pointer(pointer, i), v) for i, v in enumerate(node))
    done.sort(key=lambda d: d.pointer)
    return data, done


def drop_no_op_keywords(data: Any) -> Any:
    """Remove `nullable: false` (the OpenAPI 3.0 default) and write `additionalProperties: {}` as
    `true` beside declared properties, in place. Neither changes what is valid.

    datamodel-code-generator renders an optional single-value enum that says `nullable: false` as
    `Literal["qis"] = None`, which is not type-correct; without the keyword it renders
    `Literal["qis"] | None = None`. For a model with properties and `additionalProperties: {}` (the
    September 2026 v0.4 spec has two) it writes an `__annotations__` block typed with the deprecated
    `typing.Dict`, which our own ruff check of generated/ refuses; for `true` it writes the same model
    with `extra="allow"` alone. (An object with no properties stays as it is: it is a plain dict.)
    """
    stack = [data]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if node.get("nullable") is False:
                del node["nullable"]
            if node.get("properties") and node.get("additionalProperties") == {}:
                node["additionalProperties"] = True
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return data


_RESERVED_CLASS_NAMES = frozenset(
    {
        # names models.py imports or pydantic reserves: a schema with one of these names would shadow it
        "Annotated", "Any", "AwareDatetime", "BaseModel", "ConfigDict", "Enum", "Field", "IntEnum",
        "Literal", "NaiveDatetime", "Optional", "RootModel", "StrEnum", "UUID", "Union", "date", "datetime",
        "timedelta", "time", "Decimal", "AnyUrl", "EmailStr", "constr", "conint", "confloat",
        # and what codegen/open_responses.py adds to models.py
        "ClassVar", "ContextVar", "ModelWrapValidatorHandler", "PydanticCustomError", "Self", "SpecEnum",
        "SpecModel", "ValidationInfo",
    }
)  # fmt: skip


def class_name_for(name: str) -> str:
    """PascalCase identifier for a schema name: "Gate_QisGate" -> "GateQisGate", "key-id" -> "KeyId"."""
    parts = [p for p in "".join(c if c.isalnum() else " " for c in name).split() if p]
    candidate = "".join(p[0].upper() + p[1:] for p in parts) or "Schema"
    if not candidate.isidentifier() or not candidate[0].isalpha() or not candidate.isascii():
        candidate = "Schema" + "".join(c for c in candidate if c.isascii() and c.isalnum())
    if candidate in _RESERVED_CLASS_NAMES or keyword_or_builtin(candidate):
        candidate += "Model"
    return candidate


def keyword_or_builtin(name: str) -> bool:
    return keyword.iskeyword(name) or keyword.issoftkeyword(name) or hasattr(builtins, name)


def _rewrite_refs(node: Any, renames: dict[str, str]) -> None:
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, dict):
            ref = current.get("$ref")
            if isinstance(ref, str) and ref in renames:
                current["$ref"] = renames[ref]
            mapping = (
                current.get("discriminator", {}).get("mapping")
                if isinstance(current.get("discriminator"), dict)
                else None
            )
            if isinstance(mapping, dict):
                for key, value in mapping.items():
                    if isinstance(value, str) and value in renames:
                        mapping[key] = renames[value]
            stack.extend(current.values())
        elif isinstance(current, list):
            stack.extend(current)


class NameConflictError(ValueError):
    """An override gives a schema a class name that another schema has."""

    def __init__(self, key: str, name: str, other: str) -> None:
        super().__init__(f"class name {name!r} for {key!r} is the class of schema {other!r}")
        self.key, self.name, self.other = key, name, other


def override_key(original: str, overrides: Mapping[str, str]) -> str | None:
    """The key of `overrides` that names this schema: its spec name, or the class it would get."""
    for key in (original, class_name_for(original)):
        if key in overrides:
            return key
    return None


def safe_schema_names(
    data: Any, schemas_pointer: tuple[str, ...], overrides: Mapping[str, str] | None = None
) -> dict[str, str]:
    """Rename the schemas under `schemas_pointer` to unique class names, in place.

    Returns {original schema name: class name}. Every $ref and discriminator mapping is rewritten,
    so the generated class for a schema is exactly the name recorded here. `overrides` (the
    class-names table, codegen/class_names.py) chooses the name of the schemas it names; a name
    it gives that another schema has raises NameConflictError.
    """
    overrides = overrides or {}
    container = data
    for token in schemas_pointer:
        container = container.get(token, {}) if isinstance(container, dict) else {}
    if not isinstance(container, dict) or not container:
        return {}
    prefix = "#/" + "/".join(schemas_pointer) + "/"
    names: dict[str, str] = {}
    chosen = {
        original: (key, overrides[key])
        for original in container
        if (key := override_key(original, overrides)) is not None
    }
    taken: dict[str, str] = {name.lower(): original for original, (_, name) in chosen.items()}
    for original in container:
        if original in chosen:
            names[original] = chosen[original][1]
            continue
        base = class_name_for(original)
        if taken.get(base.lower()) in chosen:
            key, name = chosen[taken[base.lower()]]
            raise NameConflictError(key, name, original)
        candidate, n = base, 1
        while candidate.lower() in taken:  # case-insensitive: file systems and readers both
            n += 1
            candidate = f"{base}{n}"
        taken[candidate.lower()] = original
        names[original] = candidate
    renamed = {names[k]: v for k, v in container.items()}
    container.clear()
    container.update(renamed)
    ref_renames = {
        prefix + escape_pointer_token(old): prefix + escape_pointer_token(new)
        for old, new in names.items()
        if old != new
    }
    _rewrite_refs(data, ref_renames)
    return names


def hoist_inline_schemas(data: dict[str, Any]) -> list[tuple[str, str]]:
    """Move inline object/union schemas of request bodies and responses into components/schemas.

    datamodel-code-generator only makes classes for component schemas; the clients need a class for
    every body they send or return. Arrays of references and primitives stay inline (they map to
    list[Model], str, ...). Returns [(pointer it came from, new schema name)], in spec order.
    """
    schemas = data.setdefault("components", {}).setdefault("schemas", {})
    hoisted: list[tuple[str, str]] = []

    def needs_model(schema: Any) -> bool:
        if not isinstance(schema, dict) or "$ref" in schema:
            return False
        if schema.get("type") == "array":
            return needs_model(schema.get("items"))
        return bool(schema.get("properties") or any(k in schema for k in ("allOf", "anyOf", "oneOf", "enum")))

    def hoist(holder: dict[str, Any], base: str, pointer: str) -> None:
        schema: Any = holder.get("schema")
        if not needs_model(schema):
            return
        target: dict[str, Any] = holder
        key = "schema"
        if schema.get("type") == "array":  # hoist the item type, keep the array inline
            target, key, schema = schema, "items", schema["items"]
            base += "Item"
            while isinstance(schema, dict) and schema.get("type") == "array":
                target, key, schema = schema, "items", schema["items"]
        name, n = base, 1
        while name in schemas:
            n += 1
            name = f"{base}{n}"
        schemas[name] = schema
        target[key] = {"$ref": f"#/components/schemas/{escape_pointer_token(name)}"}
        hoisted.append((pointer, name))

    def media(content: Any, base: str, pointer: str) -> None:
        if isinstance(content, dict):
            for media_type, holder in content.items():
                if isinstance(holder, dict):
                    hoist(holder, base, f"{pointer}/content/{escape_pointer_token(media_type)}/schema")

    for name, response in (data.get("components", {}).get("responses") or {}).items():
        if isinstance(response, dict):
            media(response.get("content"), class_name_for(name) + "Response", f"/components/responses/{name}")
    for name, body in (data.get("components", {}).get("requestBodies") or {}).items():
        if isinstance(body, dict):
            media(body.get("content"), class_name_for(name) + "Request", f"/components/requestBodies/{name}")
    for path, item in (data.get("paths") or {}).items():
        if not isinstance(item, dict):
            continue
        for method, op in item.items():
            if not isinstance(op, dict) or method not in _METHODS:
                continue
            base = class_name_for(str(op.get("operationId") or f"{method} {path}"))
            pointer = f"/paths/{escape_pointer_token(path)}/{method}"
            body = op.get("requestBody")
            if isinstance(body, dict):
                media(body.get("content"), base + "Request", pointer + "/requestBody")
            for status, response in (op.get("responses") or {}).items():
                if isinstance(response, dict):
                    suffix = "Response" if str(status).startswith("2") else f"Response{status}"
                    media(response.get("content"), base + suffix, f"{pointer}/responses/{status}")
    return hoisted


_METHODS = frozenset({"get", "put", "post", "delete", "patch", "head", "options", "trace"})


def _is_plain_scalar(schema: Any) -> bool:
    return (
        isinstance(schema, dict)
        and schema.get("type") in ("string", "integer", "number", "boolean")
        and not any(k in schema for k in ("enum", "$ref", "allOf", "anyOf", "oneOf", "properties"))
    )


def inline_scalar_refs(data: Any, schemas_pointer: tuple[str, ...]) -> int:
    """Replace references to plain scalar component schemas by a copy of the schema, in place.

    A field typed by a scalar RootModel (`backend: JobBackends`) makes users wrap plain strings,
    and datamodel-code-generator gives such a field the referenced schema's default as a raw
    value (`shots: Shots | None = 100`), which is not type-correct. Inlined, the field is
    `backend: str` / `shots: float | None = 100`. The component itself keeps its own class.
    Returns how many references were inlined.
    """
    container = data
    for token in schemas_pointer:
        container = container.get(token, {}) if isinstance(container, dict) else {}
    prefix = "#/" + "/".join(escape_pointer_token(t) for t in schemas_pointer) + "/"
    scalars = {
        prefix + escape_pointer_token(name): schema
        for name, schema in (container or {}).items()
        if _is_plain_scalar(schema)
    }
    if not scalars:
        return 0
    count = 0
    stack = [data]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            # Data-valued keywords may contain {"$ref": ...}-shaped values that are not references.
            slots: list[tuple[Any, Any]] = [
                (k, v)
                for k, v in node.items()
                if k not in ("discriminator", "example", "examples", "default", "enum")
            ]
        elif isinstance(node, list):
            slots = list(enumerate(node))
        else:
            continue
        for slot, value in slots:
            if isinstance(value, dict) and value.get("$ref") in scalars:
                replacement = copy.deepcopy(scalars[value["$ref"]])
                replacement.update({k: v for k, v in value.items() if k != "$ref"})
                node[slot] = replacement
                count += 1
            else:
                stack.append(value)
    return count


# Keywords by which a schema would choose Python for the generated code (see the module docstring).
_DIRECTIVE_PREFIXES = ("x-python-", "x-datamodel-code-generator-")
_DIRECTIVES = frozenset(
    {"customTypePath", "customBasePath", "x-is-base-class", "x-is-classvar", "x-enum-field-as-literal"}
)
_ENUM_NAME_LISTS = frozenset({"x-enum-varnames", "x-enumNames"})
_REFERENCE_KEYWORDS = frozenset(
    {"$dynamicRef", "$recursiveRef"}
)  # `$ref` is checked by src/ionqkit/spec/refs.py
_FIRST_CHARACTERS = frozenset("xc$")  # of every key generator_directive_problem() can refuse


def generator_directive_problem(key: str, value: Any) -> tuple[str, int | None] | None:
    """What is wrong with `key: value` for generation, and the index of the list item at fault."""
    if key.startswith(_DIRECTIVE_PREFIXES) or key in _DIRECTIVES:
        return (
            f"{key!r} would let the spec choose Python code (imports, base classes, rendering) for the "
            "generated models (a datamodel-code-generator extension); ionqkit refuses it",
            None,
        )
    if key in _ENUM_NAME_LISTS:
        if not isinstance(value, list):
            return f"{key!r} must be a list of enum member names", None
        for index, name in enumerate(value):
            if name is not None and not _is_member_name(name):
                return (
                    f"{key!r} entry {name!r} cannot be an enum member name: it must be an ASCII "
                    "Python identifier that does not start with '_'",
                    index,
                )
    if key in _REFERENCE_KEYWORDS and not (isinstance(value, str) and value.startswith("#")):
        return (
            f"{key} {value!r} points outside this document; only local references (#...) are supported",
            None,
        )
    return None


def _is_member_name(name: Any) -> bool:
    return isinstance(name, str) and name.isascii() and name.isidentifier() and not name.startswith("_")


def refuse_generator_directives(doc: Document) -> None:
    """SpecError, located, at the first key (a mapping's own keys before what they hold) anywhere
    in `doc` that generator_directive_problem() refuses. Every mapping is looked at, not only
    schemas: a `$ref` can make the generator read any part of the document as a schema (an
    example's value, say)."""
    # Paths are linked pairs (parent path, token), made into a pointer only for the key refused:
    # a string per node would triple the cost of the walk on a large spec.
    stack: list[tuple[Any, Any]] = [((), doc.data)]
    while stack:
        path, node = stack.pop()
        children: list[tuple[Any, Any]] = []
        if isinstance(node, dict):
            for key, value in node.items():
                if (
                    isinstance(key, str)
                    and key[:1] in _FIRST_CHARACTERS  # cheap: most keys are `type`, `properties`...
                    and (problem := generator_directive_problem(key, value))
                ):
                    message, index = problem
                    at = (path, key) if index is None else ((path, key), index)
                    raise doc.error(message, _pointer(at), SpecError)
                if isinstance(value, (dict, list)):
                    children.append(((path, key), value))
        elif isinstance(node, list):
            children = [((path, i), v) for i, v in enumerate(node) if isinstance(v, (dict, list))]
        stack.extend(reversed(children))  # the first child is looked at next: document order


def _pointer(path: Any) -> str:
    tokens = []
    while path:
        path, token = path
        tokens.append(token)
    pointer = ""
    for token in reversed(tokens):
        pointer = join_pointer(pointer, token)
    return pointer
