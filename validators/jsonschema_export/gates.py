"""Gates as JSON Schema, from the same constraint table the gate rules and the bulk screen run.

validators/gatespec.py builds each gate's constraints from the spec and the catalog's `operands`;
each constraint kind (validators/constraints.py) has one JSON Schema form here, or is named in
CROSS_FIELD (checked at the payload's root, where the backend is visible) or in DESCRIBED (a
warning, said in the gate's description). A kind with none of these is an error, so a new kind
cannot silently drop out of the export.

A gate object is dispatched on its `gate` name with if/then: the name is checked against the
gateset's names, and the gate's own operand rules apply only once the name is known, so a wrong
operand is reported at that operand and an unknown name at `gate`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from ionqkit.validators import gatespec
from ionqkit.validators.catalog import Catalog
from ionqkit.validators.constraints import (
    GATE,
    Arity,
    Constraint,
    MaxOperands,
    NoOperands,
    OneSpelling,
    PauliTerms,
    QubitOperands,
    Range,
    Requires,
    TwoQubitGate,
)
from ionqkit.validators.jsonschema_export import text
from ionqkit.validators.jsonschema_export.translate import Definitions, Json, Translator
from ionqkit.validators.specdata import Gateset, SpecFacts

# Constraint kinds that depend on more than the gate: the payload root expresses them (payload.py).
CROSS_FIELD = (TwoQubitGate,)
# Warnings the schema says once, in the gate object's description (the payload is valid).
DESCRIBED = (OneSpelling,)

PAULI_TERM = "^[IXYZ]+$"


def reject(message: str) -> Json:
    """A value that must not be there; `errorMessage` is what VS Code shows instead of its generic
    'Matches a schema that is not allowed.' (validators ignore the keyword)."""
    return {"not": {}, "errorMessage": message}


@dataclass(frozen=True)
class GateSchemas:
    lists: Mapping[str, Json]  # gateset -> reference to the schema of its gate list
    two_qubit: Mapping[str, frozenset[str]]  # gateset -> gates only some hardware families run


def gate_schemas(facts: SpecFacts, catalog: Catalog, tr: Translator, defs: Definitions) -> GateSchemas:
    table = gatespec.build(facts, catalog)
    limits = catalog.limits
    lists: dict[str, Json] = {}
    two_qubit: dict[str, frozenset[str]] = {}
    for gateset in facts.gatesets.values():
        specs = table.gatesets[gateset.name].gates
        groups: dict[str, tuple[Json, list[str]]] = {}
        for name in sorted(gateset.gates):
            then = _gate(gateset, specs[name], tr, limits)
            groups.setdefault(json.dumps(then, sort_keys=True), (then, []))[1].append(name)
        branches = []
        for then, names in groups.values():
            then["description"] = text.gate_help(names, then.pop("$needs"))
            picked = {"const": names[0]} if len(names) == 1 else {"enum": names}
            branches.append({"if": {"properties": {GATE: picked}, "required": [GATE]}, "then": then})
        names = sorted(gateset.gates)
        gate_schema = facts.resolve(gateset.gate_schema)
        gate = {
            "title": f"{gateset.name} gate",
            "description": f"One gate of the {gateset.name} gateset: its name in `gate`, the qubits "
            f"it acts on, and the parameters that gate takes.{_one_spelling(specs.values())}",
            "type": "object",
            "required": sorted({GATE, *gate_schema.get("required", ())}),
            "properties": {
                GATE: {
                    "description": text.GATE_FIELDS[GATE],
                    "enum": names,
                    "errorMessage": f"not a {gateset.name} gate; a {gateset.name} circuit takes "
                    f"{', '.join(names)}",
                }
            },
            "allOf": branches,
        }
        item = defs.add(f"gate.{gateset.name}", gate)
        lists[gateset.name] = defs.add(
            f"gates.{gateset.name}",
            {
                "title": f"{gateset.name} gates",
                "description": text.FIELDS["input.circuit"],
                "type": "array",
                "items": item,
                # A bound on the whole job, so on each of its gate lists too.
                "maxItems": int(limits["max_total_gates"]),
            },
        )
        two_qubit[gateset.name] = frozenset(
            name
            for name in gateset.gates
            if any(isinstance(c, TwoQubitGate) for c in specs[name].constraints)
        )
    return GateSchemas(lists, two_qubit)


def _gate(gateset: Gateset, spec: gatespec.GateSpec, tr: Translator, limits: Mapping[str, float]) -> Json:
    """The rules of one gate once its name is known: its fields (closed, as the spec's gate object
    is), their types and ranges, and what it needs. `$needs` carries the words for its hover help."""
    gate_schema = tr.facts.resolve(gateset.gate_schema)
    props: dict[str, Any] = {GATE: True}
    for field, sub in sorted(gate_schema.get("properties", {}).items()):
        if field != GATE and field not in gatespec.QUBITS.fields:
            props[field] = _described(tr.schema(sub), field, limits)
    for field in sorted(spec.extensions):
        props.setdefault(field, _described({}, field, limits))
    rules = _Rules(props, limits)
    for constraint in spec.constraints:
        rules.add(constraint, spec.name)
    then: Json = {"properties": props}
    if gate_schema.get("additionalProperties") is False:
        then["additionalProperties"] = False
    if rules.required:
        then["required"] = rules.required
    if rules.all_of:
        then["allOf"] = rules.all_of
    then["$needs"] = rules.needs
    return then


class _Rules:
    """Collects the JSON Schema form of a gate's constraints."""

    def __init__(self, props: dict[str, Any], limits: Mapping[str, float]) -> None:
        self.props = props
        self.limits = limits
        self.required: list[str] = []
        self.all_of: list[Json] = []
        self.needs: list[str] = []

    def add(self, constraint: Constraint, name: str) -> None:
        if isinstance(constraint, QubitOperands):
            self.qubits(constraint)
        elif isinstance(constraint, MaxOperands):
            self.max_operands(constraint)
        elif isinstance(constraint, NoOperands):
            self.needs.append(f"takes no `{constraint.many}` (`lint` warns)")
        elif isinstance(constraint, DESCRIBED):
            pass  # said once for the whole gateset: _one_spelling
        elif isinstance(constraint, Requires):
            self.requires(constraint)
        elif isinstance(constraint, Arity):
            self.arity(constraint, name)
        elif isinstance(constraint, PauliTerms):
            self.pauli(constraint)
        elif isinstance(constraint, Range):
            self.range(constraint)
        elif not isinstance(constraint, CROSS_FIELD):
            raise TypeError(f"no JSON Schema form for the gate constraint {type(constraint).__name__}")

    def field(self, name: str) -> dict[str, Any]:
        found = self.props.get(name)
        if not isinstance(found, dict):
            found = self.props[name] = {}
        return found

    def qubits(self, q: QubitOperands) -> None:
        index = {"type": "integer", "minimum": 0}
        for single in q.singles:
            self.props[single] = _described(dict(index), single, self.limits)
        for many in q.lists:
            listed = {"type": "array", "minItems": 1, "uniqueItems": True, "items": dict(index)}
            self.props[many] = _described(listed, many, self.limits)

    def max_operands(self, c: MaxOperands) -> None:
        most = int(self.limits[c.limit])
        if most < 1:
            self.props[c.single] = reject(f"at most {most} `{c.many}`")
            self.field(c.many)["maxItems"] = 0
            return
        # One error, where lint reports it: the list, counting the single spelling beside it.
        self.all_of.append(
            {
                "if": {"required": [c.single]},
                "then": {"properties": {c.many: {"maxItems": most - 1}}},
                "else": {"properties": {c.many: {"maxItems": most}}},
            }
        )

    def requires(self, c: Requires) -> None:
        names = [*c.fields, *([c.alias] if c.alias else [])]
        if len(names) == 1:
            self.required.append(names[0])
        else:
            self.all_of.append({"anyOf": [{"required": [n]} for n in names]})
        self.needs.append("needs " + " or ".join(f"`{n}`" for n in c.fields))

    def arity(self, c: Arity, name: str) -> None:
        listed = self.field(c.field)
        listed["minItems"] = listed["maxItems"] = c.count
        if c.single is None:
            self.required.append(c.field)
            self.needs.append(f"needs {c.count} `{c.field}`")
            return
        self.all_of.append(
            {
                "if": {"not": {"required": [c.field]}},
                "then": {
                    "properties": {
                        c.single: reject(f"{name} acts on {c.count} qubits: give them in `{c.field}`")
                    }
                },
            }
        )
        self.needs.append(f"exactly {c.count} `{c.field}`")

    def pauli(self, c: PauliTerms) -> None:
        terms = self.field(c.terms)
        terms["items"] = {
            "type": "string",
            "pattern": PAULI_TERM,
            "errorMessage": "a term is a string of I, X, Y and Z",
        }
        # lint reads the coefficients only beside a list of terms.
        self.all_of.append(
            {
                "if": {"required": [c.terms], "properties": {c.terms: {"type": "array"}}},
                "then": {"properties": {c.coefficients: {"items": {"type": "number"}}}},
            }
        )

    def range(self, c: Range) -> None:
        bound = {"minimum": _number(self.limits[c.low]), "maximum": _number(self.limits[c.high])}
        target = self.field(c.field)
        if c.items:
            items = target.get("items")
            target["items"] = {**(items if isinstance(items, dict) else {}), **bound}
        else:
            target.update(bound)
        unit = f" {c.unit}" if c.unit else ""
        self.needs.append(f"`{c.field}` within [{bound['minimum']}, {bound['maximum']}]{unit}")


def _one_spelling(specs: Iterable[gatespec.GateSpec]) -> str:
    """The sentence on operands given in both spellings (IQ213, a warning: the payload is valid)."""
    pairs = dict.fromkeys(
        (c.single, c.many) for spec in specs for c in spec.constraints if isinstance(c, OneSpelling)
    )
    if not pairs:
        return ""
    either = ", ".join(f"`{single}` or `{many}`" for single, many in pairs)
    return (
        f" Give each qubit operand in one spelling ({either}), not both: which one IonQ reads is not "
        "documented (`lint` warns)."
    )


def _number(value: float) -> float:
    """A limit as written in the schema: 1.0 as 1, so the schema reads as the limits file does."""
    return int(value) if float(value).is_integer() else value


def _described(schema: Any, field: str, limits: Mapping[str, float]) -> Any:
    """`schema` with the hover help of gate field `field`, where there is some."""
    words = text.words(text.GATE_FIELDS, limits).get(field)
    if words is None or not isinstance(schema, dict):
        return schema
    return {**schema, "description": words}
