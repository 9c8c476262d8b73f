"""Prove gate lists clean with a few C-speed passes, so per-gate rules run only where needed.

The screen is conservative: it answers "clean" only if none of the gate rules (rules/gates.py,
rules/native.py) could report anything for those gates, and "don't know" otherwise, in which case
the engine runs those rules gate by gate to say exactly what is wrong and where.

All circuits of a job that share a gateset and a qubit count are screened as one pool. Its gates
are grouped by name in one Python pass, a chunk of ~2,000 gates at a time, and each group is read
key by key with `map(itemgetter(key), group)` (C speed, no per-gate allocation) while its gates
are still in the CPU cache; reading every key proves the gates of a group carry the same keys.
Each distinct gate *shape* (name + keys) is checked once against the spec and the catalog and
remembered; the values of a shape are then checked in bulk, column by column. A pool that is not
clean is halved until the circuits that need gate-by-gate checks are found, so a job with one
bad gate in 5,000 circuits costs a few pooled passes, not 5,000 small ones.
tests/validators/test_properties.py and test_screen.py check that lint reports exactly the same
with the screen switched off.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import chain, compress, repeat
from operator import contains, eq, itemgetter
from typing import Any

from ionqkit.validators.context import CircuitView, Context
from ionqkit.validators.specdata import Gateset

_NUMBER = frozenset({int, float})
_INT = frozenset({int})
_LIST = frozenset({list})
_QUBIT_KEYS = frozenset({"target", "targets", "control", "controls"})
# Keys a gate schema may give a non-qubit field without it meaning more than "a number" / "numbers".
_PLAIN_SCHEMA_KEYS = frozenset({"type", "format", "description", "title", "example", "default"})

Group = list[dict[str, Any]]
Shape = tuple[Any, ...]  # (gate name, *keys)


@dataclass
class ScreenResult:
    """What the screen proved about a job's circuits."""

    gate_keys: int = 0  # keys in the gates of the clean circuits (for the duplicate-key pre-check)
    clean: list[CircuitView] = field(default_factory=list)
    suspects: list[CircuitView] = field(default_factory=list)  # in document order


def clean_key_count(circuit: CircuitView, ctx: Context, good_shapes: set[tuple[Any, ...]]) -> int | None:
    """The number of keys in the circuit's gates if it is provably clean, else None."""
    return screen_gates(circuit.gates, circuit.gateset, circuit.qubits, ctx, good_shapes)


def screen_circuits(circuits: Sequence[CircuitView], ctx: Context) -> ScreenResult:
    """Split the circuits with a gate list into provably clean ones and suspects."""
    return _Pools(circuits, ctx).run()


class _Pools:
    """Circuits that share a gateset and a qubit count, screened as one pool of gates."""

    def __init__(self, circuits: Sequence[CircuitView], ctx: Context) -> None:
        self.circuits = circuits
        self.ctx = ctx
        self.result = ScreenResult()
        self.suspects: list[int] = []
        self.shapes: dict[str, set[tuple[Any, ...]]] = {}

    def run(self) -> ScreenResult:
        pools: dict[tuple[str, int | None], list[int]] = {}
        for index, circuit in enumerate(self.circuits):
            if not isinstance(circuit.gates, list):
                continue  # the structure rule reports a gate list that is not a list
            if circuit.gateset is None:
                self.suspects.append(index)
            else:
                pools.setdefault((circuit.gateset.name, circuit.qubits), []).append(index)
        for indices in pools.values():
            self._bisect(indices)
        self.result.suspects = [self.circuits[i] for i in sorted(self.suspects)]
        return self.result

    def _bisect(self, indices: list[int]) -> None:
        """Screen the pool; if it is not clean, halve it until single circuits remain."""
        circuits = self.circuits
        first = circuits[indices[0]]
        assert first.gateset is not None
        shapes = self.shapes.setdefault(first.gateset.name, set())
        lists = [circuits[i].gates for i in indices]
        count = _screen(lists, first.gateset, first.qubits, self.ctx, shapes)
        if count is not None:
            self.result.gate_keys += count
            self.result.clean.extend(circuits[i] for i in indices)
        elif len(indices) == 1:
            self.suspects.append(indices[0])
        else:
            middle = len(indices) // 2
            self._bisect(indices[:middle])
            self._bisect(indices[middle:])


def screen_gates(
    gates: Any, gateset: Gateset | None, qubits: int | None, ctx: Context, good_shapes: set[tuple[Any, ...]]
) -> int | None:
    """The number of keys in `gates` if no gate rule could report anything for them, else None."""
    if gateset is None or type(gates) is not list:
        return None
    return _screen([gates], gateset, qubits, ctx, good_shapes)


# Gates read into columns at a time: few enough that the gate objects are still in the CPU cache
# when they are read key by key (the per-key reads were 2-3x slower across a whole 150k-gate job).
CHUNK_GATES = 2048


_LIST_KEYS = ("targets", "controls", "phases")


@dataclass
class _Lists:
    """What the checks need of a column of lists, read while the lists are still in the cache."""

    kinds: set[type] = field(default_factory=set)  # types of the column's values
    lengths: set[int] = field(default_factory=set)
    members: list[Any] = field(default_factory=list)  # all members, list after list

    def add(self, column: list[Any]) -> None:
        kinds = set(map(type, column))
        self.kinds |= kinds
        if kinds == _LIST:
            self.lengths |= set(map(len, column))
            self.members.extend(chain.from_iterable(column))


@dataclass
class _Shape:
    """The gates of one shape (name + keys): how many, and the values of each key, gate-aligned."""

    gates: int
    columns: dict[str, list[Any]]
    lists: dict[str, _Lists]

    def add(self, gates: int, columns: dict[str, list[Any]]) -> None:
        self.gates += gates
        for key, values in columns.items():
            self.columns[key].extend(values)
            if key in self.lists:
                self.lists[key].add(values)


def _screen(
    lists: list[list[Any]], gateset: Gateset, qubits: int | None, ctx: Context, good_shapes: set[Shape]
) -> int | None:
    shapes: dict[tuple[Any, ...], _Shape] = {}
    by_name: defaultdict[Any, Group] = defaultdict(list)
    pending = 0
    try:
        for gates in lists:
            for gate in gates:
                by_name[gate["gate"]].append(gate)
            pending += len(gates)
            if pending >= CHUNK_GATES:
                _read_columns(by_name, shapes)
                by_name.clear()
                pending = 0
    except (TypeError, KeyError):  # not an object, no `gate`, or an unhashable gate name
        return None
    _read_columns(by_name, shapes)
    indices: list[list[Any]] = []  # every qubit index, column by column
    key_count = 0
    for shape, found in shapes.items():
        name = shape[0]
        if shape not in good_shapes:
            if not _shape_ok(name, frozenset(shape[1:]), gateset, ctx):
                return None
            good_shapes.add(shape)
        if not _group_ok(name, found, gateset, ctx, indices):
            return None
        key_count += (len(shape) - 1) * found.gates
    return key_count if _indices_ok(indices, qubits) else None


def _read_columns(by_name: dict[Any, Group], into: dict[tuple[Any, ...], _Shape]) -> None:
    """Add each group's values to the columns of its shape; split groups whose gates differ in keys."""
    pending = list(by_name.items())
    while pending:
        name, group = pending.pop()
        keys = tuple(group[0])
        if sum(map(len, group)) != len(keys) * len(group):
            # Same name, different numbers of keys (`x` with `target`, `x` with `controls` and
            # `targets`): split by key count.
            sizes = list(map(len, group))
            pending.extend((name, list(compress(group, map(eq, sizes, repeat(size))))) for size in set(sizes))
            continue
        try:
            # Every gate has as many keys as the first and all of its keys: the same keys.
            read = {key: list(map(itemgetter(key), group)) for key in keys if key != "gate"}
        except KeyError:  # as many keys but other ones: split by key set (rare)
            by_keys: dict[frozenset[str], Group] = {}
            for gate in group:
                by_keys.setdefault(frozenset(gate), []).append(gate)
            pending.extend((name, same) for same in by_keys.values())
            continue
        shape = into.get((name, *keys))
        if shape is None:
            lists = {key: _Lists() for key in _LIST_KEYS if key in read}
            shape = into[(name, *keys)] = _Shape(0, {key: [] for key in read}, lists)
        shape.add(len(group), read)


def _shape_ok(name: Any, keys: frozenset[str], gateset: Gateset, ctx: Context) -> bool:
    if not isinstance(name, str) or name not in gateset.gates:
        return False
    if not keys <= gateset.gate_fields or keys & ctx.catalog.gate_extensions.get(name, frozenset()):
        return False
    if not keys & {"target", "targets"} or {"control", "controls"} <= keys or {"target", "targets"} <= keys:
        return False
    if "control" in keys and ctx.limit("max_controls") < 1:
        return False
    needs = ctx.catalog.operands.get(gateset.name, {}).get(name, {})
    if needs.get("controls") and not keys & {"control", "controls"}:
        return False
    for key in ("rotation", "phase", "angle", "phases", "terms", "coefficients"):
        if needs.get(key) and key not in keys:
            return False
    if isinstance(needs.get("targets"), int) and "targets" not in keys:
        return False
    if name == "swap" and keys & {"control", "controls"}:
        return False
    if name == "pauliexp":
        return False
    if gateset.name == "native" and name in ("ms", "zz") and ctx.two_qubit_gate not in (None, name):
        return False
    return all(
        _plain_field(gateset, key, ctx) for key in keys - {"gate", "target", "targets", "control", "controls"}
    )


def _plain_field(gateset: Gateset, key: str, ctx: Context) -> bool:
    """The spec types this gate field as a plain number (or array of numbers) and nothing more,
    so checking the type is all the schema walk would do."""
    schema = ctx.facts.resolve(gateset.gate_schema.get("properties", {}).get(key, {}))
    if key == "phases":
        if schema.get("type") != "array" or not set(schema) <= _PLAIN_SCHEMA_KEYS | {"items"}:
            return False
        schema = ctx.facts.resolve(schema.get("items", {}))
    return schema.get("type") == "number" and set(schema) <= _PLAIN_SCHEMA_KEYS


def _group_ok(name: str, shape: _Shape, gateset: Gateset, ctx: Context, indices: list[list[Any]]) -> bool:
    """Every value check of the gate rules, for gates of one name and one set of keys."""
    arity = ctx.catalog.operands.get(gateset.name, {}).get(name, {}).get("targets")
    columns = shape.columns
    single: dict[str, list[Any]] = {}  # members of list columns whose lists all have one member
    for key in ("target", "control"):
        if key in columns:
            indices.append(columns[key])
    for key in ("targets", "controls"):
        if key not in columns:
            continue
        found = shape.lists[key]
        lengths = found.lengths
        if found.kinds != _LIST or 0 in lengths:
            return False
        if key == "controls" and max(lengths) > ctx.limit("max_controls"):
            return False
        if key == "targets" and isinstance(arity, int) and lengths != {arity}:
            return False
        if not _all_distinct(columns[key], found.members, lengths):
            return False
        if lengths == {1}:
            single[key] = found.members  # one member per gate: they line up with the gates
        indices.append(found.members)
    return _params_ok(name, shape, ctx) and _operands_apart(columns, single)


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


def _indices_ok(indices: list[list[Any]], qubits: int | None) -> bool:
    """Every qubit index is an int in 0..qubits-1."""
    types: set[type] = set()
    for column in indices:
        types.update(map(type, column))
    if not types:
        return True
    if types != _INT:
        return False
    distinct: set[int] = set()
    for column in indices:
        distinct.update(column)
    return bool(min(distinct) >= 0 and (qubits is None or max(distinct) < qubits))


def _params_ok(name: str, shape: _Shape, ctx: Context) -> bool:
    columns = shape.columns
    low, high = ctx.limit("phase_min"), ctx.limit("phase_max")
    for key in ("rotation", "phase", "angle"):
        if key in columns and not _finite_numbers(columns[key]):
            return False
    phase = columns.get("phase")
    if phase is not None and (min(phase) < low or max(phase) > high):
        return False
    pairs = shape.lists.get("phases")
    if pairs is not None:
        if pairs.kinds != _LIST or pairs.lengths != {2}:
            return False
        members = pairs.members
        if not _finite_numbers(members) or min(members) < low or max(members) > high:
            return False
    angle = columns.get("angle")
    if name == "ms" and angle is not None:
        return bool(ctx.limit("ms_angle_min") <= min(angle) and max(angle) <= ctx.limit("ms_angle_max"))
    return True


def _finite_numbers(numbers: list[Any]) -> bool:
    """All ints or floats, none infinite or NaN (a sum that overflows to inf also fails: don't know)."""
    if not set(map(type, numbers)) <= _NUMBER:
        return False
    try:
        total: float = sum(numbers)
    except OverflowError:  # an int too large for a float beside floats
        return False
    return total - total == 0  # false for inf and NaN


def _operands_apart(columns: dict[str, list[Any]], single: dict[str, list[Any]]) -> bool:
    """No qubit is both a control and a target of the same gate. `single` holds the members of
    `targets`/`controls` columns whose lists all have one member (so they line up with the gates)."""
    control = columns["control"] if "control" in columns else single.get("controls")
    target = columns["target"] if "target" in columns else single.get("targets")
    if control is not None and target is not None:
        return not any(map(eq, control, target))
    controls, targets = columns.get("controls"), columns.get("targets")
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
