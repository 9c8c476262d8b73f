"""Check plain data against a spec schema (the OpenAPI 3.0 subset IonQ's specs use).

Emits IQ101 (missing), IQ102 (unknown field), IQ103 (wrong type), IQ105 (enum/bounds), and IQ115
(a key the spec does not define where it leaves the object open: accepted, ignored, usually a typo). Unions
are resolved from the data's own discriminating values (a discriminator mapping, or properties
whose schema allows a single value, like `gateset: {enum: [qis]}`); when that is not enough, the
data must satisfy some branch and one IQ103 names the alternatives instead of guessing.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping

from ionqkit.findings import Severity
from ionqkit.spec.pointers import escape_pointer_token
from ionqkit.validators.context import Context, did_you_mean, field_name, json_type, show
from ionqkit.validators.registry import IQ004, IQ006, IQ101, IQ102, IQ103, IQ105, IQ115, RULES
from ionqkit.validators.specdata import Schema

TYPE_CHECKING = False  # typing is not imported at run time: see ionqkit/__init__.py
if TYPE_CHECKING:
    from typing import Any

_TYPES: Mapping[str, tuple[type, ...]] = {
    "object": (dict,),
    "array": (list,),
    "string": (str,),
    "boolean": (bool,),
    "integer": (int,),
    "number": (int, float),
}


def type_ok(expected: str, value: Any) -> bool:
    if isinstance(value, bool):
        return expected == "boolean"
    return isinstance(value, _TYPES.get(expected, (object,)))


def walk(
    ctx: Context,
    schema: Schema,
    value: Any,
    pointer: str,
    *,
    skip: Collection[str] = (),
    extra: Collection[str] = (),
    depth: int = 0,
) -> None:
    """Check `value` at `pointer`; child pointers in `skip` are left to dedicated rules."""
    schema = ctx.facts.resolve(schema)
    if depth > ctx.limit("max_depth"):
        ctx.emit(IQ006, pointer, f"nesting deeper than {ctx.limit('max_depth')} levels")
        return
    if value is None and schema.get("nullable"):
        return
    union = schema.get("anyOf") or schema.get("oneOf")
    if union:
        _walk_union(ctx, schema, union, value, pointer, depth=depth)
        return
    expected = schema.get("type")
    if isinstance(value, float) and not math.isfinite(value):
        ctx.emit(IQ004, pointer, f"{field_name(pointer)} is {value}, which is not a JSON number")
        return
    if isinstance(expected, str) and not type_ok(expected, value):
        ctx.emit(
            IQ103,
            pointer,
            f"{field_name(pointer)} must be {_article(expected)}, not {json_type(value)} {show(value)}",
        )
        return
    enum = schema.get("enum")
    if enum is not None and value not in enum:
        choices = ", ".join(show(v) for v in enum)
        ctx.emit(IQ105, pointer, f"{field_name(pointer)} is {show(value)}; expected one of {choices}")
        return
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        _bounds(ctx, schema, value, pointer)
    elif isinstance(value, dict):
        _walk_object(ctx, schema, value, pointer, skip=skip, extra=extra, depth=depth)
    elif isinstance(value, list):
        max_items = schema.get("maxItems")
        if isinstance(max_items, int) and len(value) > max_items:
            ctx.emit(IQ105, pointer, f"{field_name(pointer)} has {len(value)} items; at most {max_items}")
        items = schema.get("items")
        if items is not None:
            for index, item in enumerate(value):
                walk(ctx, items, item, f"{pointer}/{index}", depth=depth + 1)


def _walk_object(
    ctx: Context,
    schema: Schema,
    value: dict[str, Any],
    pointer: str,
    *,
    skip: Collection[str],
    extra: Collection[str],
    depth: int,
) -> None:
    props: Mapping[str, Any] = schema.get("properties", {})
    for name in schema.get("required", ()):
        if name not in value:
            ctx.emit(IQ101, pointer or "", f"{field_name(pointer)} is missing required field `{name}`")
    additional = schema.get("additionalProperties", True)
    for key, item in value.items():
        child = f"{pointer}/{escape_pointer_token(key)}"
        if child in skip:
            continue
        if key in props:
            walk(ctx, props[key], item, child, skip=skip, depth=depth + 1)
        elif additional is False:
            if key in extra:
                continue
            ctx.emit(
                IQ102,
                child,
                f"unknown field `{key}` in {field_name(pointer)}",
                did_you_mean(key, props) or f"allowed: {', '.join(props)}",
            )
        elif isinstance(additional, Mapping):
            walk(ctx, additional, item, child, skip=skip, depth=depth + 1)
        elif (
            props
            and key not in extra
            and key not in ctx.catalog.open_object_fields.get(field_name(pointer), ())
        ):
            ctx.emit(
                IQ115,
                child,
                f"`{key}` is not a field of {field_name(pointer)} in the spec; IonQ ignores it",
                did_you_mean(key, props) or f"known: {', '.join(props)}",
            )


def _bounds(ctx: Context, schema: Schema, value: float, pointer: str) -> None:
    low, high = schema.get("minimum"), schema.get("maximum")
    if low is not None and value < low:
        ctx.emit(IQ105, pointer, f"{field_name(pointer)} is {show(value)}; the minimum is {low}")
    elif high is not None and value > high:
        ctx.emit(IQ105, pointer, f"{field_name(pointer)} is {show(value)}; the maximum is {high}")


def pick_branch(ctx: Context, schema: Schema, branches: list[Any], value: Any) -> Schema | None:
    """The union branch the data itself selects, or None if it does not select exactly one."""
    resolved = [ctx.facts.resolve(b) for b in branches]
    if not isinstance(value, dict):
        typed = [b for b in resolved if b.get("type") is None or type_ok(b["type"], value)]
        return typed[0] if len(typed) == 1 else None
    discriminator = schema.get("discriminator")
    if isinstance(discriminator, Mapping):
        tag = value.get(discriminator.get("propertyName", ""))
        target = discriminator.get("mapping", {}).get(tag) if isinstance(tag, str) else None
        if target:
            return ctx.facts.resolve({"$ref": target})
    matching = []
    for branch in resolved:
        props = branch.get("properties", {})
        consts = {
            name: ctx.facts.resolve(prop)["enum"]
            for name, prop in props.items()
            if len(ctx.facts.resolve(prop).get("enum", ())) == 1
        }
        if consts and all(value.get(name) in allowed for name, allowed in consts.items()):
            matching.append(branch)
    return matching[0] if len(matching) == 1 else None


def _walk_union(
    ctx: Context, schema: Schema, union: list[Any], value: Any, pointer: str, *, depth: int
) -> None:
    branch = pick_branch(ctx, schema, union, value)
    if branch is not None:
        walk(ctx, branch, value, pointer, depth=depth + 1)
        return
    for candidate in union:
        trial = Context(ctx.facts, ctx.catalog)
        walk(trial, candidate, value, pointer, depth=depth + 1)
        if not any(RULES[found[0]].severity is Severity.ERROR for found in trial.found):
            ctx.found.extend(trial.found)  # its warnings still apply
            return
    names = [str(ctx.facts.resolve(b).get("title") or b.get("$ref", "?").rsplit("/", 1)[-1]) for b in union]
    ctx.emit(IQ103, pointer, f"{field_name(pointer)} matches none of: {', '.join(names)}")


def _article(type_name: str) -> str:
    return ("an " if type_name[0] in "aeiou" else "a ") + type_name


def objects_clean(ctx: Context, schema: Schema, items: list[Any], skip: Collection[str] = ()) -> bool:
    """True only if `walk` would report nothing for any of `items` (keys in `skip` left out).

    A bulk shortcut for the many small objects of a big job (the 5,000 circuits of a multi-circuit
    job): each property is checked across all items at once. It handles plain objects whose
    properties are scalars; for anything else it answers False ("don't know"), and the caller
    walks item by item as before.
    """
    schema = ctx.facts.resolve(schema)
    if ctx.limit("max_depth") < 1 or schema.get("anyOf") or schema.get("oneOf") or "enum" in schema:
        return False
    if schema.get("type", "object") != "object" or set(map(type, items)) != {dict}:
        return False
    props: Mapping[str, Any] = schema.get("properties", {})
    keys: set[str] = set().union(*items)
    if any(escape_pointer_token(key) != key for key in keys):
        return False  # keep `skip` matching simple: such keys never occur in valid payloads
    for name in schema.get("required", ()):
        if not all(name in item for item in items):
            return False
    if keys - props.keys() - set(skip) and (props or schema.get("additionalProperties", True) is not True):
        return False  # IQ102, or IQ115 for an object the spec leaves open
    for key in keys & props.keys() - set(skip):
        values = [item[key] for item in items if key in item]
        if not _scalars_clean(ctx.facts.resolve(props[key]), values):
            return False
    return True


_SCALAR_TYPES: Mapping[str, frozenset[type]] = {
    "string": frozenset({str}),
    "boolean": frozenset({bool}),
    "integer": frozenset({int}),
    "number": frozenset({int, float}),
}


def _scalars_clean(schema: Schema, values: list[Any]) -> bool:
    """True only if `walk(schema, value)` reports nothing for every value (scalar schemas only)."""
    expected = schema.get("type")
    if schema.get("anyOf") or schema.get("oneOf") or not isinstance(expected, str):
        return False
    allowed = _SCALAR_TYPES.get(expected)
    if allowed is None:
        return False
    if schema.get("nullable"):
        values = [v for v in values if v is not None]
    if not values:
        return True
    if not set(map(type, values)) <= allowed:
        return False
    if expected == "number" and not all(math.isfinite(v) for v in values if type(v) is float):
        return False
    enum = schema.get("enum")
    if enum is not None and not all(value in enum for value in set(values)):
        return False
    if expected in ("integer", "number"):
        low, high = schema.get("minimum"), schema.get("maximum")
        if (low is not None and min(values) < low) or (high is not None and max(values) > high):
            return False
    return True
