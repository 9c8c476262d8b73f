"""IQ102/IQ103 (gate fields), IQ201-IQ212: each gate against its circuit's gateset.

These run per gate only for circuits the screen (screen.py) could not prove clean.
"""

from __future__ import annotations

import difflib
import math
from typing import Any

from ionqkit.validators.context import CircuitView, Context, field_name, json_type, show
from ionqkit.validators.rules import native
from ionqkit.validators.schemawalk import walk

_QUBIT_FIELDS = ("target", "targets", "control", "controls")


def check_gate(gate: Any, pointer: str, circuit: CircuitView, ctx: Context) -> None:
    if not isinstance(gate, dict):
        ctx.emit(
            "IQ103",
            pointer,
            f"{field_name(pointer)} must be a gate object, not {json_type(gate)} {show(gate)}",
        )
        return
    name = gate.get("gate")
    if name is None:
        ctx.emit("IQ101", pointer, f"{field_name(pointer)} is missing required field `gate`")
        return
    if not isinstance(name, str):
        ctx.emit(
            "IQ103", f"{pointer}/gate", f"gate name must be a string, not {json_type(name)} {show(name)}"
        )
        return
    gateset = circuit.gateset
    if gateset is None:
        return  # the invalid gateset is reported once, by the structure rule
    if name not in gateset.gates:
        _unknown(name, pointer, gateset.name, ctx)
        return
    _fields(gate, name, pointer, ctx, circuit)
    _qubits(gate, name, pointer, circuit, ctx)
    _operands(gate, name, pointer, gateset.name, ctx)
    if gateset.name == "native":
        native.check_gate(gate, name, pointer, ctx)


def _unknown(name: str, pointer: str, gateset: str, ctx: Context) -> None:
    others = [g for g in ctx.facts.gatesets.values() if g.name != gateset and name in g.gates]
    if others:
        ctx.emit(
            "IQ202",
            f"{pointer}/gate",
            f"`{name}` is a {others[0].name} gate, but this circuit's gateset is {gateset}",
            f"use {gateset} gates only, or set the circuit's gateset to {others[0].name!r}",
        )
        return
    known = sorted(ctx.facts.gatesets[gateset].gates)
    close = difflib.get_close_matches(name, known, n=1)
    ctx.emit(
        "IQ201",
        f"{pointer}/gate",
        f"unknown {gateset} gate {show(name)}",
        f"did you mean `{close[0]}`?" if close else f"{gateset} gates: {', '.join(known)}",
    )


def _fields(gate: dict[str, Any], name: str, pointer: str, ctx: Context, circuit: CircuitView) -> None:
    assert circuit.gateset is not None
    schema = circuit.gateset.gate_schema
    extra = ctx.catalog.gate_extensions.get(name, frozenset())
    skip = {f"{pointer}/{key}" for key in (*_QUBIT_FIELDS, "gate", *extra)}
    walk(ctx, schema, gate, pointer, skip=skip, extra=extra)


def _indices(gate: dict[str, Any], pointer: str, ctx: Context) -> list[tuple[str, Any]]:
    """(pointer, value) of every qubit operand, after checking the container types."""
    found: list[tuple[str, Any]] = []
    for key, value in gate.items():  # the gate's own order, so "twice" points at the later one
        if key not in _QUBIT_FIELDS:
            continue
        here = f"{pointer}/{key}"
        if key.endswith("s"):
            if not isinstance(value, list):
                ctx.emit(
                    "IQ103",
                    here,
                    f"{field_name(here)} must be an array of qubit indices, "
                    f"not {json_type(value)} {show(value)}",
                )
                continue
            if not value:
                ctx.emit("IQ204", here, f"{field_name(here)} is empty")
            found.extend((f"{here}/{i}", v) for i, v in enumerate(value))
        else:
            found.append((here, value))
    return found


def _qubits(gate: dict[str, Any], name: str, pointer: str, circuit: CircuitView, ctx: Context) -> list[int]:
    """IQ205-IQ210; returns the valid indices."""
    seen: dict[int, str] = {}
    valid: list[int] = []
    limit = circuit.qubits
    for here, value in _indices(gate, pointer, ctx):
        index = _index(value, here, ctx)
        if index is None:
            continue
        if limit is not None and index >= limit:
            ctx.emit(
                "IQ207",
                here,
                f"qubit {index} is outside input.qubits={limit} (valid 0..{limit - 1})",
                f"raise `qubits` to {index + 1} or use a lower index",
            )
        if index in seen:
            ctx.emit(
                "IQ208",
                here,
                f"qubit {index} appears twice in this {name} gate (also at {field_name(seen[index])})",
            )
        else:
            seen[index] = here
        valid.append(index)
    controls = gate.get("controls")
    count = len(controls) if isinstance(controls, list) else 0
    count += 1 if "control" in gate else 0
    max_controls = int(ctx.limit("max_controls"))
    if count > max_controls:
        ctx.emit(
            "IQ209",
            f"{pointer}/controls" if isinstance(controls, list) else f"{pointer}/control",
            f"{count} controls on one {name} gate; at most {max_controls}",
        )
    if name == "swap" and count:
        ctx.emit(
            "IQ210",
            pointer,
            "controlled swap: the docs allow controls on every gate except swap",
            "decompose the controlled swap, or accept the risk",
        )
    return valid


def _index(value: Any, pointer: str, ctx: Context) -> int | None:
    if type(value) is int:
        if value >= 0:
            return value
    elif isinstance(value, float) and math.isfinite(value) and value.is_integer() and value >= 0:
        ctx.emit("IQ206", pointer, f"qubit index {show(value)} is a float", f"write {int(value)}")
        return int(value)
    ctx.emit("IQ205", pointer, f"qubit index {show(value)} is not a non-negative integer")
    return None


def _operands(gate: dict[str, Any], name: str, pointer: str, gateset: str, ctx: Context) -> None:
    if "target" not in gate and "targets" not in gate:
        ctx.emit("IQ203", pointer, f"{name} gate has no `target` or `targets`")
    needs = ctx.catalog.operands.get(gateset, {}).get(name, {})
    if needs.get("controls") and "control" not in gate and "controls" not in gate:
        ctx.emit("IQ203", pointer, f"{name} gate has no `control` or `controls`")
    for key in ("rotation", "phase", "angle", "terms", "coefficients"):
        if not needs.get(key) or key in gate:
            continue
        if key == "angle" and name == "zz" and "phase" in gate:
            ctx.emit(
                "IQ211",
                f"{pointer}/phase",
                "native zz gives its angle as `phase`; the API names it `angle`",
                "rename `phase` to `angle`",
            )
            continue
        ctx.emit("IQ203", pointer, f"{name} gate has no `{key}`")
    for key in ("targets", "phases"):
        want = needs.get(key)
        if not isinstance(want, int) or isinstance(want, bool):
            continue
        value = gate.get(key)
        if key == "targets" and value is None and "target" in gate:
            ctx.emit("IQ204", f"{pointer}/target", f"{name} acts on {want} qubits; use `targets` with {want}")
        elif isinstance(value, list) and len(value) != want and value:
            ctx.emit("IQ204", f"{pointer}/{key}", f"{name} takes exactly {want} {key}, not {len(value)}")
        elif key == "phases" and value is None:
            ctx.emit("IQ203", pointer, f"{name} gate has no `phases`")
    if name == "pauliexp":
        _pauliexp(gate, pointer, ctx)


def _pauliexp(gate: dict[str, Any], pointer: str, ctx: Context) -> None:
    terms, coefficients, targets = gate.get("terms"), gate.get("coefficients"), gate.get("targets")
    if not isinstance(terms, list):
        return
    width = len(targets) if isinstance(targets, list) else None
    for i, term in enumerate(terms):
        here = f"{pointer}/terms/{i}"
        if not isinstance(term, str) or set(term) - set("IXYZ") or not term:
            ctx.emit("IQ212", here, f"pauliexp term {show(term)} is not a string over I, X, Y, Z")
        elif width is not None and len(term) != width:
            ctx.emit("IQ212", here, f"pauliexp term {show(term)} has {len(term)} letters for {width} targets")
    if isinstance(coefficients, list) and len(coefficients) != len(terms):
        ctx.emit(
            "IQ212",
            f"{pointer}/coefficients",
            f"pauliexp has {len(terms)} terms but {len(coefficients)} coefficients",
        )
    elif isinstance(coefficients, list):
        for i, coefficient in enumerate(coefficients):
            if isinstance(coefficient, bool) or not isinstance(coefficient, (int, float)):
                ctx.emit(
                    "IQ103",
                    f"{pointer}/coefficients/{i}",
                    f"pauliexp coefficient {show(coefficient)} is not a real number",
                )
