"""Compare two schemas in a direction (request or response) and emit classified changes.

The direction decides the level: a property removed from a response breaks readers, an enum value
added to a request breaks nobody, an enum value added to a response breaks clients that switch on
it. allOf parts are merged before comparing; oneOf/anyOf alternatives are matched by the component
they reference (through the renames file), their title, or their position.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from ionqkit.diff.context import ChangeKey, DiffContext, deref
from ionqkit.diff.renames import PropertyRule
from ionqkit.spec.loader import Document
from ionqkit.spec.pointers import join_pointer

REQUEST, RESPONSE = "request", "response"
_MIN_KEYS = ("minimum", "minLength", "minItems", "minProperties")
_MAX_KEYS = ("maximum", "maxLength", "maxItems", "maxProperties")
_FLAG_KEYS = ("exclusiveMinimum", "exclusiveMaximum", "uniqueItems")
_DOC_KEYS = (("description", "description-changed"), ("example", "example-changed"))


@dataclass(frozen=True)
class Visit:
    """Where in the API a comparison is happening: operation, direction, and the field path."""

    operation: str
    direction: str
    label: str  # e.g. "POST /jobs request body application/json"
    path: str = ""  # e.g. "input.circuit[].gate"

    def where(self) -> str:
        return f"{self.label}: {self.path}" if self.path else self.label

    def child(self, name: str) -> Visit:
        if name.startswith("["):
            return Visit(self.operation, self.direction, self.label, self.path + name)
        return Visit(self.operation, self.direction, self.label, f"{self.path}.{name}" if self.path else name)

    @property
    def leaf_name(self) -> str | None:
        leaf = self.path.split(".")[-1].split("[")[0]
        return leaf or None

    def pick(self, request_id: str, response_id: str) -> str:
        return request_id if self.direction == REQUEST else response_id


@dataclass
class View:
    """A schema with allOf merged: own keywords, properties (with their pointers), required."""

    pointer: str
    node: dict[str, Any]
    properties: dict[str, tuple[str, Any]] = field(default_factory=dict)
    required: set[str] = field(default_factory=set)
    variants: list[tuple[str, str, Any]] | None = None  # (match key, pointer, node)


def flatten(
    doc: Document, pointer: str, node: dict[str, Any], schema_renames: dict[str, str] | None = None
) -> View:
    view = View(pointer, {})
    _merge(doc, pointer, node, view, seen=set(), schema_renames=schema_renames or {})
    return view


def _merge(
    doc: Document,
    pointer: str,
    node: dict[str, Any],
    view: View,
    *,
    seen: set[str],
    schema_renames: dict[str, str],
) -> None:
    if pointer in seen:
        return
    seen.add(pointer)
    for key, value in node.items():
        if key not in ("allOf", "properties", "required", "anyOf", "oneOf"):
            view.node.setdefault(key, value)
    props = node.get("properties")
    if isinstance(props, dict):
        for name, sub in props.items():
            view.properties.setdefault(name, (join_pointer(join_pointer(pointer, "properties"), name), sub))
    required = node.get("required")
    if isinstance(required, list):
        view.required.update(r for r in required if isinstance(r, str))
    for keyword in ("anyOf", "oneOf"):
        branches = node.get(keyword)
        if isinstance(branches, list) and view.variants is None:
            view.variants = []
            for index, branch in enumerate(branches):
                branch_ptr = join_pointer(join_pointer(pointer, keyword), index)
                view.variants.append((_variant_key(branch, index, schema_renames), branch_ptr, branch))
    parts = node.get("allOf")
    if isinstance(parts, list):
        for index, part in enumerate(parts):
            part_ptr, part_node = deref(doc, join_pointer(join_pointer(pointer, "allOf"), index), part)
            if isinstance(part_node, dict):
                _merge(doc, part_ptr, part_node, view, seen=seen, schema_renames=schema_renames)


def _variant_key(branch: Any, index: int, schema_renames: dict[str, str]) -> str:
    if isinstance(branch, dict):
        ref = branch.get("$ref")
        if isinstance(ref, str):
            name = ref.rsplit("/", 1)[-1]
            return "ref:" + schema_renames.get(name, name)
        if isinstance(branch.get("title"), str):
            return "title:" + str(branch["title"])
    return f"index:{index}"


def prop_at(doc: Document, view: View, path: tuple[str, ...]) -> tuple[str, str, Any] | None:
    """(pointer of the property, pointer of its schema after $refs, schema) below `view`, or None."""
    current = view
    for depth, name in enumerate(path):
        if name not in current.properties:
            return None
        written = current.properties[name][0]
        ptr, node = deref(doc, *current.properties[name])
        if not isinstance(node, dict):
            return None
        if depth == len(path) - 1:
            return written, ptr, node
        current = flatten(doc, ptr, node)
    return None


def _types(node: dict[str, Any]) -> set[str] | None:
    declared = node.get("type")
    if declared is None:
        if "properties" in node:
            return {"object"}
        if "items" in node:
            return {"array"}
        return None
    if isinstance(declared, str):
        types = {declared}
    elif isinstance(declared, list):
        types = {t for t in declared if isinstance(t, str)}
    else:  # a damaged spec (`type: true`, `type: {}`) is diffed for what parses: type unknown
        return None
    types.discard("null")
    return types


def _nullable(node: dict[str, Any]) -> bool:
    declared = node.get("type")
    return node.get("nullable") is True or (isinstance(declared, list) and "null" in declared)


def _covers(wide: set[str], narrow: set[str]) -> bool:
    return all(t in wide or (t == "integer" and "number" in wide) for t in narrow)


def _show(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


class SchemaComparer:
    def __init__(self, ctx: DiffContext) -> None:
        self.ctx = ctx

    def compare(
        self,
        visit: Visit,
        old_ptr: str,
        old_node: Any,
        new_ptr: str,
        new_node: Any,
        *,
        consumed: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset()),
    ) -> None:
        ctx = self.ctx
        old_ptr, old = deref(ctx.old, old_ptr, old_node)
        new_ptr, new = deref(ctx.new, new_ptr, new_node)
        if not isinstance(old, dict) or not isinstance(new, dict):
            return
        memo_key = (old_ptr, new_ptr, visit.direction, repr((sorted(consumed[0]), sorted(consumed[1]))))
        if memo_key in ctx.memo:
            done = ctx.memo[memo_key]
            if done is not None:
                ctx.replay(done, visit.operation)
            return
        ctx.memo[memo_key] = None  # in progress: a cycle back to here adds nothing
        collector: list[ChangeKey] = []
        ctx.collectors.append(collector)
        try:
            ov = flatten(ctx.old, old_ptr, old, ctx.renames.schemas)
            nv = flatten(ctx.new, new_ptr, new)
            self._body(visit, ov, nv, consumed)
        finally:
            ctx.collectors.pop()
        ctx.memo[memo_key] = list(dict.fromkeys(collector))

    def emit(self, check_id: str, message: str, visit: Visit, old_ptr: str, new_ptr: str) -> None:
        self.ctx.emit(check_id, message, visit.where(), old_ptr, new_ptr, operation=visit.operation)

    def _body(
        self, visit: Visit, ov: View, nv: View, consumed: tuple[frozenset[str], frozenset[str]]
    ) -> None:
        if (ov.variants is not None or nv.variants is not None) and self._variants(visit, ov, nv, consumed):
            return
        if not self._types(visit, ov, nv):
            return  # incompatible types: details below the type would only repeat it
        self._enum(visit, ov, nv)
        self._constraints(visit, ov, nv)
        self._keywords(visit, ov, nv)
        self._properties(visit, ov, nv, consumed)
        self._nested(visit, ov, nv)

    def _types(self, visit: Visit, ov: View, nv: View) -> bool:
        old_t, new_t = _types(ov.node), _types(nv.node)
        if old_t is not None and new_t is not None and old_t != new_t:
            shown = f"type {'/'.join(sorted(old_t))} -> {'/'.join(sorted(new_t))}"
            if _covers(new_t, old_t):
                self.emit(
                    visit.pick("request-property-type-widened", "response-property-type-changed"),
                    f"{shown} (widened)",
                    visit,
                    ov.pointer,
                    nv.pointer,
                )
            elif _covers(old_t, new_t):
                self.emit(
                    visit.pick("request-property-type-changed", "response-constraint-tightened"),
                    f"{shown} (narrowed)",
                    visit,
                    ov.pointer,
                    nv.pointer,
                )
            else:
                check = visit.pick("request-property-type-changed", "response-property-type-changed")
                self.emit(check, shown, visit, ov.pointer, nv.pointer)
                return False
        elif old_t is None and new_t is not None and visit.direction == REQUEST and ov.variants is None:
            self.emit(
                "request-property-type-changed",
                f"any type -> {'/'.join(sorted(new_t))}",
                visit,
                ov.pointer,
                nv.pointer,
            )
        elif old_t is not None and new_t is None and nv.variants is None:
            check = visit.pick("request-property-type-widened", "response-property-type-changed")
            self.emit(check, f"type {'/'.join(sorted(old_t))} -> any type", visit, ov.pointer, nv.pointer)
        old_null, new_null = _nullable(ov.node), _nullable(nv.node)
        if new_null and not old_null:
            self.emit("constraint-loosened", "now nullable", visit, ov.pointer, nv.pointer)
        elif old_null and not new_null:
            check = visit.pick("request-constraint-tightened", "response-constraint-tightened")
            self.emit(check, "no longer nullable", visit, ov.pointer, nv.pointer)
        return True

    def _enum(self, visit: Visit, ov: View, nv: View) -> None:
        old_enum, new_enum = ov.node.get("enum"), nv.node.get("enum")
        old_at, new_at = join_pointer(ov.pointer, "enum"), join_pointer(nv.pointer, "enum")
        if not isinstance(old_enum, list) and not isinstance(new_enum, list):
            return
        if not isinstance(new_enum, list):
            types = _types(nv.node)
            check = "enum-to-free-string" if types is None or "string" in types else "constraint-loosened"
            self.emit(check, f"enum of {len(old_enum or [])} values removed", visit, old_at, nv.pointer)
            return
        if not isinstance(old_enum, list):
            check = visit.pick("request-enum-added", "response-enum-added")
            self.emit(check, f"restricted to an enum of {len(new_enum)} values", visit, ov.pointer, new_at)
            return
        old_keys = {_show(v): i for i, v in enumerate(old_enum)}
        new_keys = {_show(v): i for i, v in enumerate(new_enum)}
        removed = [k for k in old_keys if k not in new_keys]
        added = [k for k in new_keys if k not in old_keys]
        for rule in self.ctx.renames.enum_rules(visit.leaf_name):
            old_key, new_key = _show(rule.old), _show(rule.new)
            if old_key in removed and new_key in added:
                removed.remove(old_key)
                added.remove(new_key)
                note = f" ({rule.note})" if rule.note else ""
                self.emit(
                    "enum-value-renamed",
                    f"enum value {old_key} renamed to {new_key}{note}",
                    visit,
                    join_pointer(old_at, old_keys[old_key]),
                    join_pointer(new_at, new_keys[new_key]),
                )
        for key in removed:
            check = visit.pick("request-enum-value-removed", "response-enum-value-removed")
            self.emit(check, f"enum value {key} removed", visit, join_pointer(old_at, old_keys[key]), new_at)
        for key in added:
            check = visit.pick("enum-value-added", "response-enum-value-added")
            self.emit(check, f"enum value {key} added", visit, old_at, join_pointer(new_at, new_keys[key]))

    def _constraints(self, visit: Visit, ov: View, nv: View) -> None:
        for keys, tighter_when_larger in ((_MIN_KEYS, True), (_MAX_KEYS, False)):
            for key in keys:
                old_v, new_v = ov.node.get(key), nv.node.get(key)
                if old_v == new_v or not _numeric_or_none(old_v) or not _numeric_or_none(new_v):
                    continue
                if old_v is None:
                    tightened = True
                elif new_v is None:
                    tightened = False
                else:
                    tightened = (new_v > old_v) == tighter_when_larger
                self._constraint(
                    visit, ov, nv, key, f"{key} {_show(old_v)} -> {_show(new_v)}", tightened=tightened
                )
        for key in (*_FLAG_KEYS, "multipleOf", "pattern"):
            old_v, new_v = ov.node.get(key), nv.node.get(key)
            if old_v == new_v or all(v is None or v is False for v in (old_v, new_v)):
                continue
            tightened = new_v not in (None, False)
            self._constraint(
                visit, ov, nv, key, f"{key} {_show(old_v)} -> {_show(new_v)}", tightened=tightened
            )
        old_ap, new_ap = ov.node.get("additionalProperties"), nv.node.get("additionalProperties")
        if (old_ap is False) != (new_ap is False):
            message = "additional properties " + ("no longer allowed" if new_ap is False else "now allowed")
            self._constraint(visit, ov, nv, "additionalProperties", message, tightened=new_ap is False)

    def _constraint(
        self, visit: Visit, ov: View, nv: View, key: str, message: str, *, tightened: bool
    ) -> None:
        check = (
            visit.pick("request-constraint-tightened", "response-constraint-tightened")
            if tightened
            else "constraint-loosened"
        )
        old_ptr = join_pointer(ov.pointer, key) if key in ov.node else ov.pointer
        new_ptr = join_pointer(nv.pointer, key) if key in nv.node else nv.pointer
        self.emit(check, message, visit, old_ptr, new_ptr)

    def _keywords(self, visit: Visit, ov: View, nv: View) -> None:
        for key, check in (("format", "format-changed"), ("default", "default-changed"), *_DOC_KEYS):
            if key in ov.node or key in nv.node:
                old_v, new_v = ov.node.get(key), nv.node.get(key)
                if _show(old_v) != _show(new_v):
                    message = _keyword_message(key, old_v, new_v, key in ov.node, key in nv.node)
                    old_ptr = join_pointer(ov.pointer, key) if key in ov.node else ov.pointer
                    new_ptr = join_pointer(nv.pointer, key) if key in nv.node else nv.pointer
                    self.emit(check, message, visit, old_ptr, new_ptr)
        if nv.node.get("deprecated") is True and ov.node.get("deprecated") is not True:
            self.emit(
                "deprecated", "became deprecated", visit, ov.pointer, join_pointer(nv.pointer, "deprecated")
            )

    def _properties(
        self, visit: Visit, ov: View, nv: View, consumed: tuple[frozenset[str], frozenset[str]]
    ) -> None:
        ctx = self.ctx
        consumed_old, consumed_new = set(consumed[0]), set(consumed[1])
        for rule in ctx.renames.properties:
            if self._apply_rule(visit, ov, nv, rule):
                consumed_old.add(".".join(rule.old))
                consumed_new.add(".".join(rule.new))
        for name in sorted(set(ov.properties) | set(nv.properties)):
            moved_away = name in consumed_old and name not in nv.properties
            moved_here = name in consumed_new and name not in ov.properties
            if moved_away or moved_here:
                continue
            if name not in nv.properties:
                if not self._fully_moved(ov, name, consumed_old):
                    check = visit.pick("request-property-removed", "response-property-removed")
                    self.emit(
                        check,
                        f"property {name!r} removed",
                        visit.child(name),
                        ov.properties[name][0],
                        nv.pointer,
                    )
            elif name not in ov.properties:
                if visit.direction == RESPONSE:
                    check = "response-property-added"
                elif name in nv.required:
                    check = "request-property-added-required"
                else:
                    check = "optional-property-added"
                self.emit(
                    check, f"property {name!r} added", visit.child(name), ov.pointer, nv.properties[name][0]
                )
            else:
                self._required(visit.child(name), name, ov, nv)
                below = (_below(consumed_old, name), _below(consumed_new, name))
                self.compare(visit.child(name), *ov.properties[name], *nv.properties[name], consumed=below)

    def _apply_rule(self, visit: Visit, ov: View, nv: View, rule: PropertyRule) -> bool:
        ctx = self.ctx
        old_at, new_at = prop_at(ctx.old, ov, rule.old), prop_at(ctx.new, nv, rule.new)
        if old_at is None or new_at is None:
            return False
        if prop_at(ctx.new, nv, rule.old) is not None or prop_at(ctx.old, ov, rule.new) is not None:
            return False  # both names exist on a side: a real addition or removal, not a rename
        old_name, new_name = ".".join(rule.old), ".".join(rule.new)
        note = f" ({rule.note})" if rule.note else ""
        verb = "moved to" if rule.is_move else "renamed to"
        check = "property-moved" if rule.is_move else "property-renamed"
        self.emit(
            check, f"{old_name!r} {verb} {new_name!r}{note}", visit.child(new_name), old_at[0], new_at[0]
        )
        self.compare(visit.child(new_name), old_at[1], old_at[2], new_at[1], new_at[2])
        return True

    def _fully_moved(self, ov: View, name: str, consumed_old: set[str]) -> bool:
        """True when every field under old property `name` was moved elsewhere by a rule."""
        below = _below(frozenset(consumed_old), name)
        if not below:
            return False
        ptr, node = deref(self.ctx.old, *ov.properties[name])
        if not isinstance(node, dict):
            return False
        return set(flatten(self.ctx.old, ptr, node).properties) <= {p.split(".")[0] for p in below}

    def _required(self, visit: Visit, name: str, ov: View, nv: View) -> None:
        was, now = name in ov.required, name in nv.required
        if was == now:
            return
        old_ptr = join_pointer(ov.pointer, "required") if was else ov.properties[name][0]
        new_ptr = join_pointer(nv.pointer, "required") if now else nv.properties[name][0]
        if now:
            check = visit.pick("request-property-became-required", "response-property-became-required")
            self.emit(check, f"property {name!r} became required", visit, old_ptr, new_ptr)
        else:
            check = visit.pick("request-property-became-optional", "response-property-became-optional")
            self.emit(check, f"property {name!r} became optional", visit, old_ptr, new_ptr)

    def _nested(self, visit: Visit, ov: View, nv: View) -> None:
        if "items" in ov.node and "items" in nv.node:
            self.compare(
                visit.child("[]"),
                join_pointer(ov.pointer, "items"),
                ov.node["items"],
                join_pointer(nv.pointer, "items"),
                nv.node["items"],
            )
        old_ap, new_ap = ov.node.get("additionalProperties"), nv.node.get("additionalProperties")
        if isinstance(old_ap, dict) and isinstance(new_ap, dict):
            self.compare(
                visit.child("*"),
                join_pointer(ov.pointer, "additionalProperties"),
                old_ap,
                join_pointer(nv.pointer, "additionalProperties"),
                new_ap,
            )

    def _variants(
        self, visit: Visit, ov: View, nv: View, consumed: tuple[frozenset[str], frozenset[str]]
    ) -> bool:
        """Compare oneOf/anyOf alternatives; True when that was the whole comparison."""
        ctx = self.ctx
        if ov.variants is not None and nv.variants is not None:
            old_by_key = {key: (ptr, node) for key, ptr, node in ov.variants}
            new_by_key = {key: (ptr, node) for key, ptr, node in nv.variants}
            for key in sorted(set(old_by_key) | set(new_by_key)):
                label = key.split(":", 1)[1]
                if key not in new_by_key:
                    check = visit.pick("request-variant-removed", "response-variant-removed")
                    self.emit(check, f"alternative {label!r} removed", visit, old_by_key[key][0], nv.pointer)
                elif key not in old_by_key:
                    check = visit.pick("request-variant-added", "response-variant-added")
                    self.emit(check, f"alternative {label!r} added", visit, ov.pointer, new_by_key[key][0])
                else:
                    self.compare(visit, *old_by_key[key], *new_by_key[key], consumed=consumed)
            return False
        became = nv.variants is not None
        union, single = (nv, ov) if became else (ov, nv)
        union_doc = ctx.new if became else ctx.old
        assert union.variants is not None
        best = _best_branch(union_doc, union.variants, set(single.properties))
        message = (
            f"became a union of {len(union.variants)} alternatives"
            if became
            else f"stopped being a union of {len(union.variants)} alternatives"
        )
        self.emit("composition-changed", message, visit, ov.pointer, nv.pointer)
        if best is not None:
            if became:
                self.compare(visit, ov.pointer, ov.node | _own_props(ov), *best, consumed=consumed)
            else:
                self.compare(visit, *best, nv.pointer, nv.node | _own_props(nv), consumed=consumed)
        return True


def _own_props(view: View) -> dict[str, Any]:
    """The view's merged properties as schema keywords (so a flattened object can be re-compared)."""
    return {
        "properties": {name: node for name, (_, node) in view.properties.items()},
        "required": sorted(view.required),
    }


def _best_branch(
    doc: Document, variants: list[tuple[str, str, Any]], names: set[str]
) -> tuple[str, Any] | None:
    """The alternative sharing most property names with the other side (first one on ties)."""
    best: tuple[int, str, Any] | None = None
    for _, ptr, node in variants:
        target_ptr, target = deref(doc, ptr, node)
        if not isinstance(target, dict):
            continue
        overlap = len(names & set(flatten(doc, target_ptr, target).properties))
        if best is None or overlap > best[0]:
            best = (overlap, target_ptr, target)
    return None if best is None else (best[1], best[2])


def _below(consumed: frozenset[str] | set[str], name: str) -> frozenset[str]:
    prefix = name + "."
    return frozenset(path[len(prefix) :] for path in consumed if path.startswith(prefix))


def _numeric_or_none(value: Any) -> bool:
    return value is None or (isinstance(value, (int, float)) and not isinstance(value, bool))


_TEXTUAL = frozenset({"description", "example"})


def _keyword_message(key: str, old: Any, new: Any, in_old: bool, in_new: bool) -> str:
    if key in _TEXTUAL:
        return f"{key} {'changed' if in_old and in_new else 'added' if in_new else 'removed'}"
    if not in_old:
        return f"{key} {_show(new)} added"
    if not in_new:
        return f"{key} {_show(old)} removed"
    return f"{key} {_show(old)} -> {_show(new)}"
