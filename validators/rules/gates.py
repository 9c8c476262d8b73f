"""IQ102/IQ103 (gate fields), IQ201-IQ212, IQ301-IQ303: each gate against its circuit's gateset.

What a gate must satisfy is the gateset's constraint table (gatespec.py, kinds in constraints.py),
which the screen (screen.py) also derives its bulk checks from; this module names the gate, walks
its fields against the spec's gate schema and runs the gate's constraints. It runs per gate only
for circuits the screen could not prove clean.
"""

from __future__ import annotations

from ionqkit.validators import gatespec
from ionqkit.validators.constraints import GATE
from ionqkit.validators.context import CircuitView, Context, did_you_mean, field_name, json_type, show
from ionqkit.validators.registry import IQ101, IQ103, IQ201, IQ202
from ionqkit.validators.schemawalk import walk

TYPE_CHECKING = False  # typing is not imported at run time: see ionqkit/__init__.py
if TYPE_CHECKING:
    from typing import Any


def check_gate(gate: Any, pointer: str, circuit: CircuitView, ctx: Context) -> None:
    if not isinstance(gate, dict):
        ctx.emit(
            IQ103,
            pointer,
            f"{field_name(pointer)} must be a gate object, not {json_type(gate)} {show(gate)}",
        )
        return
    name = gate.get(GATE)
    if name is None:
        ctx.emit(IQ101, pointer, f"{field_name(pointer)} is missing required field `gate`")
        return
    if not isinstance(name, str):
        ctx.emit(IQ103, f"{pointer}/gate", f"gate name must be a string, not {json_type(name)} {show(name)}")
        return
    gateset = circuit.gateset
    if gateset is None:
        return  # the invalid gateset is reported once, by the structure rule
    if name not in gateset.gates:
        _unknown(name, pointer, gateset.name, ctx)
        return
    spec = gatespec.table(ctx).gatesets[gateset.name].gates[name]
    skip = {f"{pointer}/{key}" for key in spec.unwalked}
    walk(ctx, gateset.gate_schema, gate, pointer, skip=skip, extra=spec.extensions)
    for constraint in spec.constraints:
        constraint.check(gate, name, pointer, circuit, ctx)


def _unknown(name: str, pointer: str, gateset: str, ctx: Context) -> None:
    others = [g for g in ctx.facts.gatesets.values() if g.name != gateset and name in g.gates]
    if others:
        ctx.emit(
            IQ202,
            f"{pointer}/gate",
            f"`{name}` is a {others[0].name} gate, but this circuit's gateset is {gateset}",
            f"use {gateset} gates only, or set the circuit's gateset to {others[0].name!r}",
        )
        return
    known = sorted(ctx.facts.gatesets[gateset].gates)
    ctx.emit(
        IQ201,
        f"{pointer}/gate",
        f"unknown {gateset} gate {show(name)}",
        did_you_mean(name, known) or f"{gateset} gates: {', '.join(known)}",
    )
