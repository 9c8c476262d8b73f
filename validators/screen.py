"""Prove gate lists clean with a few C-speed passes, so per-gate rules run only where needed.

The screen is conservative: it answers "clean" only if none of the gate rules (rules/gates.py)
could report anything for those gates, and "don't know" otherwise, in which case the engine runs
those rules gate by gate to say exactly what is wrong and where. It knows no gate facts of its
own: what it checks is the bulk form of each constraint in the gateset's table (gatespec.py),
the same table the per-gate rules run.

All circuits of a job that share a gateset and a qubit count are screened as one pool. Its gates
are grouped by name in one Python pass, a chunk of ~2,000 gates at a time, and each group is read
key by key with `map(itemgetter(key), group)` (C speed, no per-gate allocation) while its gates
are still in the CPU cache; reading every key proves the gates of a group carry the same keys.
Each distinct gate *shape* (name + keys) is checked once against the table and remembered; the
values of a shape are then checked in bulk, column by column. A pool that is not clean is halved
until the circuits that need gate-by-gate checks are found, so a job with one bad gate in 5,000
circuits costs a few pooled passes, not 5,000 small ones.
A pool's qubit indices are range-checked together, against the count its circuits declare or, if
they declare none, the target's qubit count (IQ401: highest index + 1 is then what they need).
tests/validators/test_screen.py and test_gatespec.py check that lint reports exactly the same
with the screen switched off.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from itertools import compress, repeat
from operator import eq, itemgetter

from ionqkit.records import field, record
from ionqkit.validators import gatespec
from ionqkit.validators.constraints import GATE, Columns, Constraint, FieldType, ListColumn, Pool
from ionqkit.validators.context import CircuitView, Context
from ionqkit.validators.gatespec import GatesetSpec

TYPE_CHECKING = False  # typing is not imported at run time: see ionqkit/__init__.py
if TYPE_CHECKING:
    from typing import Any, TypeAlias

# Gates read into columns at a time: few enough that the gate objects are still in the CPU cache
# when they are read key by key (the per-key reads were 2-3x slower across a whole 150k-gate job).
CHUNK_GATES = 2048


Group: TypeAlias = "list[dict[str, Any]]"
Shape: TypeAlias = "tuple[Any, ...]"  # (gate name, *keys)
# The bulk checks a shape's values need: the types of its parameters, then the constraints that read them.
Checks = tuple[FieldType | Constraint, ...]


@record
class ScreenResult:
    """What the screen proved about a job's circuits."""

    gate_keys: int = 0  # keys in the gates of the clean circuits (for the duplicate-key pre-check)
    clean: list[CircuitView] = field(default_factory=list)
    suspects: list[CircuitView] = field(default_factory=list)  # in document order


def screen_circuits(circuits: Sequence[CircuitView], ctx: Context) -> ScreenResult:
    """Split the circuits with a gate list into provably clean ones and suspects."""
    return _Pools(circuits, ctx).run()


class _Pools:
    """Circuits that share a gateset and a qubit count, screened as one pool of gates."""

    def __init__(self, circuits: Sequence[CircuitView], ctx: Context) -> None:
        self.circuits = circuits
        self.ctx = ctx
        self.table = gatespec.table(ctx)
        self.result = ScreenResult()
        self.suspects: list[int] = []
        self.shapes: dict[str, dict[Shape, Checks]] = {}  # per gateset, the shapes that passed `_checks`

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
        gateset = self.table.gatesets[first.gateset.name]
        lists = [circuits[i].gates for i in indices]
        cap = self.ctx.qubit_cap
        bound = first.qubits if first.qubits is not None or cap is None else cap.count
        count = self._screen(lists, gateset, Pool(bound))
        if count is not None:
            self.result.gate_keys += count
            self.result.clean.extend(circuits[i] for i in indices)
        elif len(indices) == 1:
            self.suspects.append(indices[0])
        else:
            middle = len(indices) // 2
            self._bisect(indices[:middle])
            self._bisect(indices[middle:])

    def _screen(self, lists: list[list[Any]], gateset: GatesetSpec, pool: Pool) -> int | None:
        """The number of keys in the gates of `lists` if no gate rule could report anything for them."""
        shapes: dict[Shape, Columns] = {}
        by_name: defaultdict[Any, Group] = defaultdict(list)
        name_key = GATE  # a local: read once per gate
        pending = 0
        try:
            for gates in lists:
                for gate in gates:
                    by_name[gate[name_key]].append(gate)
                pending += len(gates)
                if pending >= CHUNK_GATES:
                    _read_columns(by_name, shapes, gateset.list_fields)
                    by_name.clear()
                    pending = 0
        except (TypeError, KeyError):  # not an object, no `gate`, or an unhashable gate name
            return None
        _read_columns(by_name, shapes, gateset.list_fields)
        known = self.shapes.setdefault(gateset.name, {})
        key_count = 0
        for shape, found in shapes.items():
            checks = known.get(shape)
            if checks is None:
                checks = _checks(shape, gateset, self.ctx)
                if checks is None:
                    return None
                known[shape] = checks
            name = shape[0]
            for check in checks:
                if not check.columns_ok(name, found, pool, self.ctx):
                    return None
            key_count += (len(shape) - 1) * found.gates
        return key_count if self.table.qubits.indices_ok(pool) else None


def _read_columns(by_name: dict[Any, Group], into: dict[Shape, Columns], list_fields: frozenset[str]) -> None:
    """Add each group's values to the columns of its shape; split groups whose gates differ in keys."""
    pending = list(by_name.items())
    name_key = GATE
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
            read = {key: list(map(itemgetter(key), group)) for key in keys if key != name_key}
        except KeyError:  # as many keys but other ones: split by key set (rare)
            by_keys: dict[frozenset[str], Group] = {}
            for gate in group:
                by_keys.setdefault(frozenset(gate), []).append(gate)
            pending.extend((name, same) for same in by_keys.values())
            continue
        shape = into.get((name, *keys))
        if shape is None:
            lists = {key: ListColumn() for key in read if key in list_fields}
            shape = into[(name, *keys)] = Columns(0, {key: [] for key in read}, lists)
        shape.add(len(group), read)


def _checks(shape: Shape, gateset: GatesetSpec, ctx: Context) -> Checks | None:
    """The bulk checks for gates of this shape, or None if they cannot be proved clean in bulk."""
    spec = gateset.gates.get(shape[0])
    if spec is None:
        return None  # not a gate of this gateset (or not a name at all)
    keys = frozenset(shape[1:])
    if not keys <= gateset.bulk_fields or not keys.isdisjoint(spec.extensions):
        return None  # unknown fields, client extensions, fields the spec types as more than numbers
    if not all(constraint.shape_ok(spec.name, keys, ctx) for constraint in spec.constraints):
        return None
    types = [gateset.params[key] for key in sorted(keys & gateset.params.keys())]
    return (*types, *(c for c in spec.constraints if not keys.isdisjoint(c.reads())))
