"""Prove a whole circuit clean with a few C-speed passes, so per-gate rules run only where needed.

The screen is conservative: it answers "clean" only if none of the gate rules (rules/gates.py,
rules/native.py) could report anything for this circuit, and "don't know" otherwise, in which case
the engine runs those rules gate by gate to say exactly what is wrong and where. Each distinct gate
*shape* (name + field names) is checked once and remembered; values are then checked in bulk.
tests/validators/test_screen.py checks the two paths agree on random circuits.
"""

from __future__ import annotations

import math
from itertools import chain
from typing import Any

from ionqkit.validators.context import CircuitView, Context

_QUBIT_KEYS = frozenset({"target", "targets", "control", "controls"})
_NUMBER = frozenset({int, float})


def clean_key_count(circuit: CircuitView, ctx: Context, good_shapes: set[tuple[Any, ...]]) -> int | None:
    """The number of keys in the circuit's gates if it is provably clean, else None."""
    gates = circuit.gates
    gateset = circuit.gateset
    if gateset is None or type(gates) is not list:
        return None
    try:
        shapes = {(g["gate"], *g) for g in gates}
    except (TypeError, KeyError):
        return None
    for shape in shapes:
        if shape not in good_shapes:
            if not _shape_ok(shape, circuit, ctx):
                return None
            good_shapes.add(shape)
    keys: set[str] = set().union(*(shape[1:] for shape in shapes))
    names = {shape[0] for shape in shapes}
    if not _qubits_ok(gates, keys, circuit.qubits, ctx) or not _arity_ok(gates, names, gateset.name, ctx):
        return None
    if not _params_ok(gates, keys, names, ctx):
        return None
    return sum(map(len, gates))


def _shape_ok(shape: tuple[Any, ...], circuit: CircuitView, ctx: Context) -> bool:
    name, keys = shape[0], set(shape[1:])
    gateset = circuit.gateset
    assert gateset is not None
    if not isinstance(name, str) or name not in gateset.gates:
        return False
    if not keys <= gateset.gate_fields or keys & ctx.catalog.gate_extensions.get(name, frozenset()):
        return False
    if not keys & {"target", "targets"} or {"control", "controls"} <= keys or {"target", "targets"} <= keys:
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
    return not (gateset.name == "native" and name in ("ms", "zz") and ctx.two_qubit_gate not in (None, name))


def _qubits_ok(gates: list[Any], keys: set[str], qubits: int | None, ctx: Context) -> bool:
    high = qubits if qubits is not None else math.inf
    indices: list[Any] = []
    for key in ("target", "control"):
        if key in keys:
            indices.extend(g[key] for g in gates if key in g)
    lists: dict[str, list[Any]] = {}
    for key in ("targets", "controls"):
        if key in keys:
            found = [g[key] for g in gates if key in g]
            if set(map(type, found)) != {list} or not all(found):
                return False
            lists[key] = found
            indices.extend(chain.from_iterable(found))
    if not indices:
        return True
    if set(map(type, indices)) != {int} or min(indices) < 0 or max(indices) >= high:
        return False
    controls = lists.get("controls")
    if controls and max(map(len, controls)) > ctx.limit("max_controls"):
        return False
    targets = lists.get("targets", [])
    if any(len(set(t)) != len(t) for t in targets if len(t) > 1):
        return False
    if controls and any(len(set(c)) != len(c) for c in controls if len(c) > 1):
        return False
    if (
        "control" in keys
        and "target" in keys
        and any(g["control"] == g["target"] for g in gates if "control" in g and "target" in g)
    ):
        return False
    if controls is not None and any(
        not set(g["controls"]).isdisjoint(g["targets"]) for g in gates if "controls" in g and "targets" in g
    ):
        return False
    mixed = ("control" in keys and "targets" in keys) or ("controls" in keys and "target" in keys)
    return not mixed or not any(
        ("control" in g and g["control"] in g.get("targets", ()))
        or ("target" in g and g["target"] in g.get("controls", ()))
        for g in gates
    )


def _arity_ok(gates: list[Any], names: set[str], gateset: str, ctx: Context) -> bool:
    """Gates with a fixed number of targets (swap, ms, zz, ...) have exactly that many."""
    operands = ctx.catalog.operands.get(gateset, {})
    fixed = {
        name: operands[name]["targets"] for name in names & operands.keys() if "targets" in operands[name]
    }
    if not fixed:
        return True
    return all(len(g["targets"]) == fixed[g["gate"]] for g in gates if g["gate"] in fixed)


def _params_ok(gates: list[Any], keys: set[str], names: set[str], ctx: Context) -> bool:
    for key in ("rotation", "phase", "angle"):
        if key not in keys:
            continue
        values = [g[key] for g in gates if key in g]
        if not set(map(type, values)) <= _NUMBER or not math.isfinite(math.fsum(values)):
            return False
    if "phase" in keys:
        low, high = ctx.limit("phase_min"), ctx.limit("phase_max")
        phases = [g["phase"] for g in gates if "phase" in g]
        if min(phases) < low or max(phases) > high:
            return False
    if "phases" in keys:
        pairs = [g["phases"] for g in gates if "phases" in g]
        if set(map(type, pairs)) != {list} or any(len(p) != 2 for p in pairs):
            return False
        flat = list(chain.from_iterable(pairs))
        if not set(map(type, flat)) <= _NUMBER or not math.isfinite(math.fsum(flat)):
            return False
        if min(flat) < ctx.limit("phase_min") or max(flat) > ctx.limit("phase_max"):
            return False
    if "angle" in keys and "ms" in names:
        angles = [g["angle"] for g in gates if "angle" in g and g["gate"] == "ms"]
        if angles and (min(angles) < ctx.limit("ms_angle_min") or max(angles) > ctx.limit("ms_angle_max")):
            return False
    return True
