"""Gate constraints, declared once as data: which checks apply to which gate of which gateset.

Each fact has one home, and `build` gathers them into a `GateTable` of constraints (kinds in
constraints.py, each with its per-gate and its bulk form):
- the spec (`SpecFacts`): the gates of each gateset, the fields a gate may carry and their types;
- specs/backends.yaml (`Catalog`): what each gate needs besides its qubits (`operands`: fields,
  counts, which gates take no controls), the fields and aliases IonQ's clients send that the spec
  lacks, each family's two-qubit native gate, and the numeric limits (by name: the config can
  override their values);
- the declarations below: which fields are qubit operands, which parameter each limit bounds.
`build` is a pure function of the facts and the catalog (no I/O), so the table can be compiled
ahead of time. rules/gates.py runs a gate's constraints one gate at a time; the screen (screen.py)
runs their bulk forms. tests/validators/test_gatespec.py and test_screen.py check that the two agree.
"""

from __future__ import annotations

from collections.abc import Mapping

from ionqkit.records import record
from ionqkit.validators.catalog import Catalog
from ionqkit.validators.constraints import (
    GATE,
    Arity,
    Constraint,
    FieldType,
    MaxOperands,
    NoOperands,
    OneSpelling,
    PauliTerms,
    QubitOperands,
    Range,
    Requires,
    TwoQubitGate,
)
from ionqkit.validators.context import Context
from ionqkit.validators.registry import IQ301, IQ302
from ionqkit.validators.specdata import Schema, SpecFacts

TYPE_CHECKING = False  # typing is not imported at run time: see ionqkit/__init__.py
if TYPE_CHECKING:
    from typing import Any

# Keys a field's schema may have without it meaning more than "a number" (or "numbers").
_PLAIN_SCHEMA_KEYS = frozenset({"type", "format", "description", "title", "example", "default"})


@record(frozen=True)
class GateSpec:
    name: str
    extensions: frozenset[str]  # client fields the spec lacks (catalog); the schema walk lets them through
    unwalked: tuple[str, ...]  # fields the schema walk leaves to the constraints (and the extensions)
    constraints: tuple[Constraint, ...]  # in the order their findings are reported


@record(frozen=True)
class GatesetSpec:
    name: str
    fields: frozenset[str]  # every field the spec lets a gate carry
    params: Mapping[str, FieldType]  # the fields besides `gate` and the qubits that have a bulk form
    bulk_fields: frozenset[str]  # the fields a gate the screen can prove clean may carry
    list_fields: frozenset[str]  # fields whose values are lists: the screen reads their lengths and members
    gates: Mapping[str, GateSpec]


@record(frozen=True)
class GateTable:
    qubits: QubitOperands
    gatesets: Mapping[str, GatesetSpec]


# Which parameter each numeric limit bounds. The spec types these fields as plain numbers and gives
# no bounds (docs: native-gates-api, "phases in turns", -1..1; ms angle 0..0.25, 0.25 fully entangling).
# (gateset, gate or None for every gate, constraint). A gate that takes another field under this
# field's name (`field_aliases`: native zz's angle written as `phase`) is not bounded by it.
_PHASE_HINT = "phases are in turns (1 turn = 2π radians)"
_MS_HINT = "0.25 turns is fully entangling"
_RANGES: tuple[tuple[str, str | None, Range], ...] = (
    ("native", None, Range(IQ301, "phase", "phase_min", "phase_max", "turns", "phase", _PHASE_HINT)),
    ("native", None, Range(IQ301, "phases", "phase_min", "phase_max", "turns", "phase", _PHASE_HINT, True)),
    ("native", "ms", Range(IQ302, "angle", "ms_angle_min", "ms_angle_max", "turns", "ms angle", _MS_HINT)),
)

# The qubit operands, each with its one-qubit and its list spelling (spec: Gate_QisGate/NativeGate).
QUBITS = QubitOperands(target="target", targets="targets", control="control", controls="controls")

# qiskit-ionq's pauliexp: Pauli strings, one letter per target, with a coefficient each (catalog
# `client_extensions.gate_fields`); checked on every gate whose `operands` need `terms`.
PAULI = PauliTerms(terms="terms", coefficients="coefficients", targets="targets")

# The gateset whose gates the hardware families name as their two-qubit gate (catalog `families`).
_FAMILY_GATESET = "native"

# `operands` keys: fields a gate needs (true), and list fields with an exact count (N). Findings are
# reported in this order.
_NEEDED = ("controls", "rotation", "phase", "angle", "terms", "coefficients")
_COUNTED = ("targets", "phases")


def build(facts: SpecFacts, catalog: Catalog) -> GateTable:
    """The constraint table for a spec's gatesets and a catalog; reads nothing but its arguments."""
    family_gates = frozenset(catalog.two_qubit_gates.values())
    gatesets: dict[str, GatesetSpec] = {}
    for gateset in facts.gatesets.values():
        properties: Mapping[str, Any] = gateset.gate_schema.get("properties", {})
        params = {}
        for key in sorted(gateset.gate_fields - QUBITS.fields - {GATE}):
            kind = _plain_type(facts, properties.get(key, {}))
            if kind is not None:
                params[key] = FieldType(key, kind)
        operands = catalog.operands.get(gateset.name, {})
        aliases = catalog.field_aliases.get(gateset.name, {})
        gates = {}
        for name in sorted(gateset.gates):
            constraints = _constraints(gateset.name, name, operands.get(name, {}), aliases.get(name, {}))
            if gateset.name == _FAMILY_GATESET and name in family_gates:
                constraints.append(TwoQubitGate())
            extensions = frozenset(catalog.gate_extensions.get(name, ()))
            unwalked = (GATE, *sorted(QUBITS.fields), *sorted(extensions))
            gates[name] = GateSpec(name, extensions, unwalked, tuple(constraints))
        gatesets[gateset.name] = GatesetSpec(
            name=gateset.name,
            fields=gateset.gate_fields,
            params=params,
            bulk_fields=gateset.gate_fields & (QUBITS.fields | {GATE} | params.keys()),
            list_fields=frozenset(QUBITS.lists) | {key for key, t in params.items() if t.kind == "numbers"},
            gates=gates,
        )
    return GateTable(QUBITS, gatesets)


def _constraints(
    gateset: str, name: str, needs: Mapping[str, Any], aliases: Mapping[str, str]
) -> list[Constraint]:
    q = QUBITS
    out: list[Constraint] = [
        q,
        OneSpelling(q.target, q.targets),
        OneSpelling(q.control, q.controls),
        MaxOperands(q.control, q.controls, "max_controls"),
    ]
    if needs.get(q.controls) is False:
        out.append(NoOperands(q.control, q.controls))
    out.append(Requires((q.target, q.targets)))
    for key in _NEEDED:
        if needs.get(key):
            fields = (q.control, q.controls) if key == q.controls else (key,)
            out.append(Requires(fields, aliases.get(key)))
    for key in _COUNTED:
        want = needs.get(key)
        if isinstance(want, int) and not isinstance(want, bool):
            out.append(Arity(key, want, q.target if key == q.targets else None))
    if needs.get(PAULI.terms):
        out.append(PAULI)
    written = set(aliases.values())
    for where, gate, bound in _RANGES:
        if where == gateset and gate in (None, name) and bound.field not in written:
            out.append(bound)
    return out


def _plain_type(facts: SpecFacts, schema: Schema) -> str | None:
    schema = facts.resolve(schema)
    if schema.get("type") == "array" and set(schema) <= _PLAIN_SCHEMA_KEYS | {"items"}:
        return "numbers" if _plain_number(facts.resolve(schema.get("items", {}))) else None
    return "number" if _plain_number(schema) else None


def _plain_number(schema: Schema) -> bool:
    return schema.get("type") == "number" and set(schema) <= _PLAIN_SCHEMA_KEYS


_TABLES: dict[tuple[int, int], tuple[SpecFacts, Catalog, GateTable]] = {}


def table(ctx: Context) -> GateTable:
    """The table for the context's spec facts and catalog, built once per pair."""
    key = (id(ctx.facts), id(ctx.catalog))
    hit = _TABLES.get(key)
    # The entry holds the facts and catalog, so their ids cannot be reused while it exists.
    if hit is not None and hit[0] is ctx.facts and hit[1] is ctx.catalog:
        return hit[2]
    if len(_TABLES) >= 16:  # a long run with many configs: keep the cache small
        _TABLES.clear()
    built = build(ctx.facts, ctx.catalog)
    _TABLES[key] = (ctx.facts, ctx.catalog, built)
    return built
