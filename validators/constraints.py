"""Gate constraint kinds: each one check on a gate, in the two forms the linter runs.

A constraint is data (a frozen dataclass: which fields, which count, which limit) with
- `check(gate, name, pointer, circuit, ctx)`: the located findings for one gate (rules/gates.py
  runs a gate's constraints in table order, which is the order their findings are reported in);
- `shape_ok(name, keys, ctx)`, then `columns_ok(name, columns, pool, ctx)` on the columns of the
  fields it `reads()`: the bulk form the screen (screen.py) runs once per shape (gate name + keys)
  and per pool of gates, on whole columns of values at C speed. True only if `check` reports
  nothing for any of those gates; False is always safe (the gates are then checked one by one).
  Qubit indices are range-checked once per pool, by `QubitOperands.indices_ok`.
Which constraints apply to which gate is the table gatespec.py builds from the spec and the catalog.
Numeric limits are held by name and read when a check runs, so the config can override them.
"""

from __future__ import annotations

import functools
import math
from itertools import chain
from operator import contains, eq

from ionqkit.findings import Rule
from ionqkit.records import field, record
from ionqkit.validators.context import CircuitView, Context, field_name, json_type, show
from ionqkit.validators.fixes import RenameKey, SetValue
from ionqkit.validators.registry import (
    IQ103,
    IQ203,
    IQ204,
    IQ205,
    IQ206,
    IQ207,
    IQ208,
    IQ209,
    IQ210,
    IQ211,
    IQ212,
    IQ213,
    IQ303,
    IQ401,
)

TYPE_CHECKING = False  # typing is not imported at run time: see ionqkit/__init__.py
if TYPE_CHECKING:
    from typing import Any

GATE = "gate"  # the field that names the gate

_NUMBER = frozenset({int, float})
_INT = frozenset({int})
_LIST = frozenset({list})


# --- columns: the values of one shape's gates, as the screen read them --------------------------


@record
class ListColumn:
    """What the bulk checks need of a column of lists, read while the lists are still in the cache."""

    kinds: set[type] = field(default_factory=set)  # types of the column's values
    lengths: set[int] = field(default_factory=set)
    members: list[Any] = field(default_factory=list)  # all members, list after list

    def add(self, column: list[Any]) -> None:
        kinds = set(map(type, column))
        self.kinds |= kinds
        if kinds == _LIST:
            self.lengths |= set(map(len, column))
            self.members.extend(chain.from_iterable(column))


@record
class Columns:
    """The gates of one shape (name + keys): how many, and the values of each key, gate-aligned."""

    gates: int
    values: dict[str, list[Any]]
    lists: dict[str, ListColumn]  # for the keys the gateset's fields make lists (`GatesetSpec.list_fields`)

    def add(self, gates: int, columns: dict[str, list[Any]]) -> None:
        self.gates += gates
        for key, values in columns.items():
            self.values[key].extend(values)
            if key in self.lists:
                self.lists[key].add(values)

    def lengths(self, key: str) -> set[int] | None:
        """The lengths of the lists in column `key`; None if some value is not a list."""
        found = self.lists.get(key)
        return found.lengths if found is not None and found.kinds == _LIST else None


@record
class Pool:
    """The gates the screen checks together: circuits that share a gateset and a qubit count."""

    # Every index must be below this: the declared qubit count that applies to the circuits, or
    # for circuits that declare none the target's (IQ401); None if neither is known.
    qubits: int | None
    indices: list[list[Any]] = field(default_factory=list)  # every qubit index, column by column


# --- constraint kinds ---------------------------------------------------------------------------------


class Constraint:
    """One check on a gate; subclasses are frozen dataclasses holding its data."""

    def check(
        self, gate: dict[str, Any], name: str, pointer: str, circuit: CircuitView, ctx: Context
    ) -> None:
        raise NotImplementedError

    def shape_ok(self, name: str, keys: frozenset[str], ctx: Context) -> bool:
        """Whether gates with these keys can pass (asked once per shape and job)."""
        return True

    def reads(self) -> frozenset[str]:
        """The fields whose values `columns_ok` checks."""
        return frozenset()

    def columns_ok(self, name: str, found: Columns, pool: Pool, ctx: Context) -> bool:
        """Whether every gate of a shape that passed `shape_ok` passes, given its values (asked
        only if the shape has a field in `reads`)."""
        return True


@record(frozen=True)
class QubitOperands(Constraint):
    """IQ103/IQ204-IQ208: qubit indices are non-negative integers below the circuit's qubit count,
    operand lists are lists and not empty, and no qubit appears twice in one gate."""

    target: str
    targets: str
    control: str
    controls: str

    @functools.cached_property
    def singles(self) -> tuple[str, str]:
        return self.target, self.control

    @functools.cached_property
    def lists(self) -> tuple[str, str]:
        return self.targets, self.controls

    @functools.cached_property
    def fields(self) -> frozenset[str]:
        return frozenset((*self.singles, *self.lists))

    def reads(self) -> frozenset[str]:
        return self.fields

    def check(
        self, gate: dict[str, Any], name: str, pointer: str, circuit: CircuitView, ctx: Context
    ) -> None:
        seen: dict[int, tuple[str, str]] = {}  # index -> (field, pointer) where first seen
        limit = circuit.qubits
        # Without a declared count, the circuit needs its highest index + 1 qubits (IQ401).
        cap = ctx.qubit_cap if limit is None and not ctx.cap_reported else None
        for key, here, value in self._operands(gate, pointer, ctx):
            index = _index(value, here, ctx)
            if index is None:
                continue
            if limit is not None and index >= limit:
                ctx.emit(
                    IQ207,
                    here,
                    f"qubit {index} is outside input.qubits={limit} (valid 0..{limit - 1})",
                    f"raise `qubits` to {index + 1} or use a lower index",
                )
            elif cap is not None and index >= cap.count:
                ctx.emit(
                    IQ401,
                    here,
                    f"qubit {index} needs {index + 1} qubits: exceeds {cap.count}, {cap.source}",
                    "the circuit declares no `qubits`, so its highest index + 1 is what it needs",
                )
                ctx.cap_reported, cap = True, None
            if index in seen:
                earlier_key, earlier = seen[index]
                if earlier_key != key and self.operand(earlier_key) == self.operand(key):
                    continue  # both spellings of one operand name it: IQ213 (OneSpelling) says so
                ctx.emit(
                    IQ208,
                    here,
                    f"qubit {index} appears twice in this {name} gate (also at {field_name(earlier)})",
                )
            else:
                seen[index] = key, here

    def operand(self, key: str) -> str:
        """Which operand a field spells: the target(s) or the control(s)."""
        return self.target if key in (self.target, self.targets) else self.control

    def _operands(self, gate: dict[str, Any], pointer: str, ctx: Context) -> list[tuple[str, str, Any]]:
        """(field, pointer, value) of every qubit operand, after checking the container types (all
        of them first: their findings come before those of the indices)."""
        lists, fields = self.lists, self.fields
        found: list[tuple[str, str, Any]] = []
        for key, value in gate.items():  # the gate's own order, so "twice" points at the later one
            if key not in fields:
                continue
            here = f"{pointer}/{key}"
            if key not in lists:
                found.append((key, here, value))
            elif not isinstance(value, list):
                ctx.emit(
                    IQ103,
                    here,
                    f"{field_name(here)} must be an array of qubit indices, "
                    f"not {json_type(value)} {show(value)}",
                )
            else:
                if not value:
                    ctx.emit(IQ204, here, f"{field_name(here)} is empty")
                found.extend((key, f"{here}/{i}", v) for i, v in enumerate(value))
        return found

    def shape_ok(self, name: str, keys: frozenset[str], ctx: Context) -> bool:
        # The bulk form lines operands up gate by gate, one spelling of each.
        return not {self.target, self.targets} <= keys and not {self.control, self.controls} <= keys

    def columns_ok(self, name: str, found: Columns, pool: Pool, ctx: Context) -> bool:
        """Everything but the indices' range, which `indices_ok` checks once for the whole pool."""
        values = found.values
        indices = pool.indices
        indices.extend(values[key] for key in self.singles if key in values)
        single: dict[str, list[Any]] = {}  # members of list columns whose lists all have one member
        for key in self.lists:
            if key not in values:
                continue
            lengths = found.lengths(key)
            if not lengths or 0 in lengths:
                return False
            members = found.lists[key].members
            if not _all_distinct(values[key], members, lengths):
                return False
            if lengths == {1}:
                single[key] = members  # one member per gate: they line up with the gates
            indices.append(members)
        return self._apart(values, single)

    def indices_ok(self, pool: Pool) -> bool:
        """Every qubit index of the pool is an int in 0..qubits-1."""
        types: set[type] = set()
        for column in pool.indices:
            types.update(map(type, column))
        if not types:
            return True
        if types != _INT:
            return False
        distinct: set[int] = set()
        for column in pool.indices:
            distinct.update(column)
        return bool(min(distinct) >= 0 and (pool.qubits is None or max(distinct) < pool.qubits))

    def _apart(self, values: dict[str, list[Any]], single: dict[str, list[Any]]) -> bool:
        """No qubit is both a control and a target of the same gate."""
        control = values[self.control] if self.control in values else single.get(self.controls)
        target = values[self.target] if self.target in values else single.get(self.targets)
        if control is not None and target is not None:
            return not any(map(eq, control, target))
        controls, targets = values.get(self.controls), values.get(self.targets)
        if control is not None and targets is not None:
            return not any(map(contains, targets, control))
        if controls is not None and target is not None:
            return not any(map(contains, controls, target))
        if controls is None or targets is None:
            return True
        try:
            return all(map(set.isdisjoint, map(set, controls), targets))
        except TypeError:  # an unhashable member: not a qubit index anyway
            return False


@record(frozen=True)
class OneSpelling(Constraint):
    """IQ213 (a warning): an operand given both as `single` and as `many` (`target` and `targets`).
    No bulk form: gates with both spellings are left to the per-gate rules."""

    single: str
    many: str

    def check(
        self, gate: dict[str, Any], name: str, pointer: str, circuit: CircuitView, ctx: Context
    ) -> None:
        if self.single in gate and self.many in gate:
            ctx.emit(
                IQ213,
                pointer,
                f"{name} gate has both `{self.single}` and `{self.many}`; "
                "which one IonQ uses is not documented",
                f"keep one of them: `{self.many}` alone, or `{self.single}` alone",
            )

    def shape_ok(self, name: str, keys: frozenset[str], ctx: Context) -> bool:
        return self.single not in keys or self.many not in keys


@record(frozen=True)
class MaxOperands(Constraint):
    """IQ209: at most the `limit` named operands (a `single` counts one, a list its length)."""

    single: str
    many: str
    limit: str  # a catalog limit's name

    def check(
        self, gate: dict[str, Any], name: str, pointer: str, circuit: CircuitView, ctx: Context
    ) -> None:
        count, maximum = _count(gate, self.single, self.many), int(ctx.limit(self.limit))
        if count > maximum:
            ctx.emit(
                IQ209,
                f"{pointer}/{self.many}"
                if isinstance(gate.get(self.many), list)
                else f"{pointer}/{self.single}",
                f"{count} {self.many} on one {name} gate; at most {maximum}",
            )

    def shape_ok(self, name: str, keys: frozenset[str], ctx: Context) -> bool:
        return (self.single in keys) <= int(ctx.limit(self.limit))

    def reads(self) -> frozenset[str]:
        return frozenset({self.many})

    def columns_ok(self, name: str, found: Columns, pool: Pool, ctx: Context) -> bool:
        lengths = found.lengths(self.many)
        maximum = int(ctx.limit(self.limit))
        return lengths is not None and (self.single in found.values) + max(lengths, default=0) <= maximum


@record(frozen=True)
class NoOperands(Constraint):
    """IQ210 (a warning): the gate takes no `single`/`many` operands (swap takes no controls)."""

    single: str
    many: str

    def check(
        self, gate: dict[str, Any], name: str, pointer: str, circuit: CircuitView, ctx: Context
    ) -> None:
        if _count(gate, self.single, self.many):
            ctx.emit(
                IQ210,
                pointer,
                f"controlled {name}: the docs allow controls on every gate except {name}",
                f"decompose the controlled {name}, or accept the risk",
            )

    def shape_ok(self, name: str, keys: frozenset[str], ctx: Context) -> bool:
        return self.single not in keys and self.many not in keys


@record(frozen=True)
class Requires(Constraint):
    """IQ203: the gate needs one of `fields`; IQ211 (a warning) if a client wrote it as `alias`."""

    fields: tuple[str, ...]
    alias: str | None = None

    def check(
        self, gate: dict[str, Any], name: str, pointer: str, circuit: CircuitView, ctx: Context
    ) -> None:
        if any(key in gate for key in self.fields):
            return
        if self.alias is not None and self.alias in gate:
            assert circuit.gateset is not None
            wanted = self.fields[0]
            ctx.emit(
                IQ211,
                f"{pointer}/{self.alias}",
                f"{circuit.gateset.name} {name} gives its {wanted} as `{self.alias}`; "
                f"the API names it `{wanted}`",
                f"rename `{self.alias}` to `{wanted}`",
                fix=(RenameKey(f"{pointer}/{self.alias}", wanted),),
            )
            return
        ctx.emit(IQ203, pointer, f"{name} gate has no {' or '.join(f'`{key}`' for key in self.fields)}")

    def shape_ok(self, name: str, keys: frozenset[str], ctx: Context) -> bool:
        return not keys.isdisjoint(self.fields)


@record(frozen=True)
class Arity(Constraint):
    """IQ204: the list `field` holds exactly `count` values. Where the field has a one-value
    spelling (`single`: `target` for `targets`), using it is IQ204; otherwise leaving the field
    out is IQ203."""

    field: str
    count: int
    single: str | None = None

    def check(
        self, gate: dict[str, Any], name: str, pointer: str, circuit: CircuitView, ctx: Context
    ) -> None:
        value, want = gate.get(self.field), self.count
        if self.single is not None and value is None and self.single in gate:
            ctx.emit(
                IQ204,
                f"{pointer}/{self.single}",
                f"{name} acts on {want} qubits; use `{self.field}` with {want}",
            )
        # An empty qubit list (a field with a one-value spelling) is QubitOperands' "is empty".
        elif isinstance(value, list) and len(value) != want and (value or self.single is None):
            ctx.emit(
                IQ204,
                f"{pointer}/{self.field}",
                f"{name} takes exactly {want} {self.field}, not {len(value)}",
            )
        elif self.single is None and value is None:
            ctx.emit(IQ203, pointer, f"{name} gate has no `{self.field}`")

    def shape_ok(self, name: str, keys: frozenset[str], ctx: Context) -> bool:
        return self.field in keys

    def reads(self) -> frozenset[str]:
        return frozenset({self.field})

    def columns_ok(self, name: str, found: Columns, pool: Pool, ctx: Context) -> bool:
        return found.lengths(self.field) == {self.count}


@record(frozen=True)
class PauliTerms(Constraint):
    """IQ212 (and IQ103 for a coefficient): each of `terms` is a string over I/X/Y/Z with one
    letter per target, and `coefficients` has one real number per term. No bulk form."""

    terms: str
    coefficients: str
    targets: str

    def check(
        self, gate: dict[str, Any], name: str, pointer: str, circuit: CircuitView, ctx: Context
    ) -> None:
        terms, coefficients, targets = (
            gate.get(self.terms),
            gate.get(self.coefficients),
            gate.get(self.targets),
        )
        if not isinstance(terms, list):
            return
        width = len(targets) if isinstance(targets, list) else None
        for i, term in enumerate(terms):
            here = f"{pointer}/{self.terms}/{i}"
            if not isinstance(term, str) or set(term) - set("IXYZ") or not term:
                ctx.emit(IQ212, here, f"{name} term {show(term)} is not a string over I, X, Y, Z")
            elif width is not None and len(term) != width:
                ctx.emit(IQ212, here, f"{name} term {show(term)} has {len(term)} letters for {width} targets")
        if isinstance(coefficients, list) and len(coefficients) != len(terms):
            ctx.emit(
                IQ212,
                f"{pointer}/{self.coefficients}",
                f"{name} has {len(terms)} terms but {len(coefficients)} coefficients",
            )
        elif isinstance(coefficients, list):
            for i, coefficient in enumerate(coefficients):
                if not _number(coefficient):
                    ctx.emit(
                        IQ103,
                        f"{pointer}/{self.coefficients}/{i}",
                        f"{name} coefficient {show(coefficient)} is not a real number",
                    )

    def shape_ok(self, name: str, keys: frozenset[str], ctx: Context) -> bool:
        return False


@record(frozen=True)
class Range(Constraint):
    """`code`: a numeric parameter (each member, if `items`) lies within two catalog limits."""

    code: Rule
    field: str
    low: str  # catalog limit names
    high: str
    unit: str
    label: str  # what the message calls the value
    hint: str
    items: bool = False

    def check(
        self, gate: dict[str, Any], name: str, pointer: str, circuit: CircuitView, ctx: Context
    ) -> None:
        value = gate.get(self.field)
        here = f"{pointer}/{self.field}"
        if not self.items:
            self._check(value, here, ctx)
        elif isinstance(value, list):
            for i, item in enumerate(value):
                self._check(item, f"{here}/{i}", ctx)

    def _check(self, value: Any, pointer: str, ctx: Context) -> None:
        low, high = ctx.limit(self.low), ctx.limit(self.high)
        if _number(value) and not low <= value <= high:
            message = f"{self.label} {show(value)} is outside [{low}, {high}] {self.unit}"
            ctx.emit(self.code, pointer, message, self.hint)

    def reads(self) -> frozenset[str]:
        return frozenset({self.field})

    def columns_ok(self, name: str, found: Columns, pool: Pool, ctx: Context) -> bool:
        values = found.values.get(self.field)
        if values is None:
            return True
        if self.items:
            if found.lengths(self.field) is None:
                return False
            values = found.lists[self.field].members
            if not values:
                return True
        if not _finite_numbers(values):
            return False
        return bool(ctx.limit(self.low) <= min(values) and max(values) <= ctx.limit(self.high))


@record(frozen=True)
class TwoQubitGate(Constraint):
    """IQ303: a two-qubit native gate runs only on the families that name it (the job's target,
    decided once per job by rules/native.prepare, is in `ctx.two_qubit_gate`)."""

    def check(
        self, gate: dict[str, Any], name: str, pointer: str, circuit: CircuitView, ctx: Context
    ) -> None:
        wanted = ctx.two_qubit_gate
        if wanted is not None and name != wanted:
            ctx.emit(
                IQ303,
                f"{pointer}/{GATE}",
                f"{name} is not available on {ctx.two_qubit_reason}; it runs {wanted}",
                f"compile the circuit to {wanted}",
            )

    def shape_ok(self, name: str, keys: frozenset[str], ctx: Context) -> bool:
        return ctx.two_qubit_gate in (None, name)


@record(frozen=True)
class FieldType:
    """A parameter field the spec types as a plain number ("number") or an array of plain numbers
    ("numbers"), so its type is all the schema walk checks. The walk (rules/gates.py) reports the
    per-gate findings from the spec schema itself; this is their bulk form."""

    field: str
    kind: str

    def reads(self) -> frozenset[str]:
        return frozenset({self.field})

    def columns_ok(self, name: str, found: Columns, pool: Pool, ctx: Context) -> bool:
        if self.kind == "number":
            return _finite_numbers(found.values[self.field])
        return found.lengths(self.field) is not None and _finite_numbers(found.lists[self.field].members)


# --- helpers ---------------------------------------------------------------------------------------


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _count(gate: dict[str, Any], single: str, many: str) -> int:
    """Operands a gate gives as `single` (one) and `many` (a list's length)."""
    listed = gate.get(many)
    return (len(listed) if isinstance(listed, list) else 0) + (single in gate)


def _index(value: Any, pointer: str, ctx: Context) -> int | None:
    if type(value) is int:
        if value >= 0:
            return value
    elif isinstance(value, float) and math.isfinite(value) and value.is_integer() and value >= 0:
        ctx.emit(
            IQ206,
            pointer,
            f"qubit index {show(value)} is a float",
            f"write {int(value)}",
            fix=(SetValue(pointer, int(value)),),
        )
        return int(value)
    ctx.emit(IQ205, pointer, f"qubit index {show(value)} is not a non-negative integer")
    return None


def _finite_numbers(numbers: list[Any]) -> bool:
    """All ints or floats, none infinite or NaN (a sum that overflows to inf also fails: don't know)."""
    if not set(map(type, numbers)) <= _NUMBER:
        return False
    try:
        total: float = sum(numbers)
    except OverflowError:  # an int too large for a float beside floats
        return False
    return total - total == 0  # false for inf and NaN


def _all_distinct(lists: list[list[Any]], members: list[Any], lengths: set[int]) -> bool:
    """No list repeats a member."""
    if lengths == {1}:
        return True
    if lengths == {2}:
        return not any(map(eq, members[0::2], members[1::2]))
    try:
        return sum(map(len, map(set, lists))) == len(members)
    except TypeError:  # an unhashable member: not a qubit index anyway
        return False
