"""IQ101-IQ105, IQ113: the payload against the spec's creation payload for its `type`.

Dispatch is on the payload's own `type`, then on `input.gateset` (and each multi-circuit entry's
own gateset), so a fault is reported against the schema the payload claims to follow. Fields that
dedicated rules own (metadata, shots, backend, noise model and seed, gates) are skipped here.
"""

from __future__ import annotations

from typing import Any

from ionqkit.validators.context import Context, JobView, field_name, show
from ionqkit.validators.registry import IQ101, IQ102, IQ104, IQ105, IQ113
from ionqkit.validators.schemawalk import objects_clean, walk

# Dedicated rules own these (IQ4xx backend/noise, IQ5xx shots, IQ6xx metadata).
_OWNED = frozenset({"/metadata", "/shots", "/backend", "/type", "/noise/model", "/noise/seed", "/input"})


def check(view: JobView, ctx: Context) -> None:
    if view.version == "v0.4":
        _check_v04(view, ctx)
    elif view.version == "v0.3":
        _check_v03(view, ctx)


def _check_v04(view: JobView, ctx: Context) -> None:
    data = view.data
    facts = ctx.facts
    job_type = data.get("type")
    if "type" not in data:
        ctx.emit(
            IQ101,
            "",
            "payload is missing required field `type`",
            f"one of: {', '.join(sorted(_job_types(ctx)))}",
        )
        job_type = "ionq.circuit.v1" if "input" in data else None
    elif not isinstance(job_type, str) or job_type not in _job_types(ctx):
        ctx.emit(
            IQ104,
            "/type",
            f"unknown job type {show(job_type)}",
            f"one of: {', '.join(sorted(_job_types(ctx)))}",
        )
        return
    if job_type is None:
        return
    beyond = ctx.catalog.job_types_beyond_spec.get(job_type) if job_type not in facts.payloads else None
    payload = facts.payloads[beyond["like"]] if beyond else facts.payloads[job_type]
    defined = payload.get("properties", {})
    extras = {key for key in ctx.catalog.top_level_extensions if key not in defined}
    for key in extras & data.keys():
        ctx.emit(
            IQ113,
            f"/{key}",
            f"`{key}` is not in the spec; IonQ clients send it and IonQ ignores it",
            f"remove `{key}`",
        )
    noise = data.get("noise")
    skip = set(_OWNED)
    if ctx.catalog.nullable_noise_seed and isinstance(noise, dict) and noise.get("seed") is None:
        skip.add("/noise/seed")
    walk(ctx, payload, data, "", skip=skip, extra=extras)
    inp = data.get("input")
    if "input" not in data:
        return
    if job_type in facts.multi_circuit_types:
        _check_multi(view, ctx, inp)
    elif job_type in facts.circuit_types:
        _check_single(ctx, inp)
    elif beyond is not None or "qasm3" in job_type:
        _check_qasm3(ctx, defined.get("input") if beyond is None else None, inp)
    else:
        walk(ctx, defined.get("input", {}), inp, "/input")


def _job_types(ctx: Context) -> set[str]:
    return set(ctx.facts.payloads) | set(ctx.catalog.job_types_beyond_spec)


def _gateset_name(ctx: Context, holder: dict[str, Any], pointer: str, default: str | None) -> str | None:
    name = holder.get("gateset", default)
    if name is not None and (not isinstance(name, str) or name not in ctx.facts.gatesets):
        choices = ", ".join(show(g) for g in ctx.facts.gatesets)
        ctx.emit(
            IQ105,
            f"{pointer}/gateset",
            f"{field_name(pointer + '/gateset')} is {show(name)}; expected one of {choices}",
        )
        return None
    return name if isinstance(name, str) else None


def _check_single(ctx: Context, inp: Any) -> None:
    if not isinstance(inp, dict):
        walk(ctx, {"type": "object"}, inp, "/input")
        return
    name = _gateset_name(ctx, inp, "/input", None)
    gateset = ctx.facts.gatesets.get(name or "qis")
    if gateset is None:
        return
    skip = {"/input/circuit", "/input/gateset"}
    if "circuits" in inp and "circuit" in inp:
        skip.add("/input/circuits")  # IQ703 reports the mix
    walk(ctx, gateset.input_schema, inp, "/input", skip=skip)
    _gate_list(ctx, inp, "/input")


def _check_multi(view: JobView, ctx: Context, inp: Any) -> None:
    schema = ctx.facts.payloads[view.data["type"]]["properties"]["input"]
    if not isinstance(inp, dict):
        walk(ctx, schema, inp, "/input")
        return
    parent = _gateset_name(ctx, inp, "/input", None)
    walk(ctx, schema, inp, "/input", skip={"/input/circuits", "/input/gateset"})
    circuits = inp.get("circuits")
    if not isinstance(circuits, list):
        if "circuits" in inp:
            walk(ctx, {"type": "array"}, circuits, "/input/circuits")
        return
    if _circuits_clean(ctx, circuits, parent):
        return
    for index, item in enumerate(circuits):
        here = f"/input/circuits/{index}"
        if not isinstance(item, dict):
            walk(ctx, {"type": "object"}, item, here)
            continue
        name = _gateset_name(ctx, item, here, parent)
        gateset = ctx.facts.gatesets.get(name) if name else None
        if gateset is None or gateset.circuit_schema is None:
            continue
        walk(ctx, gateset.circuit_schema, item, here, skip={f"{here}/circuit", f"{here}/gateset"})
        _gate_list(ctx, item, here)


def _circuits_clean(ctx: Context, circuits: list[Any], parent: str | None) -> bool:
    """True only if the per-circuit loop of _check_multi would report nothing (checked in bulk)."""
    if set(map(type, circuits)) != {dict}:
        return False
    by_gateset: dict[str, list[dict[str, Any]]] = {}
    for item in circuits:
        name = item.get("gateset", parent)
        if type(name) is not str:
            return False
        by_gateset.setdefault(name, []).append(item)
    for name, items in by_gateset.items():
        gateset = ctx.facts.gatesets.get(name)
        if gateset is None or gateset.circuit_schema is None:
            return False
        if not objects_clean(ctx, gateset.circuit_schema, items, skip=("circuit", "gateset")):
            return False
        if not all(type(item.get("circuit")) is list for item in items):
            return False
    return True


def _gate_list(ctx: Context, holder: dict[str, Any], pointer: str) -> None:
    if "circuit" in holder and not isinstance(holder["circuit"], list):
        walk(ctx, {"type": "array"}, holder["circuit"], f"{pointer}/circuit")


def _check_qasm3(ctx: Context, schema: Any, inp: Any) -> None:
    if not isinstance(inp, dict):
        walk(ctx, {"type": "object"}, inp, "/input")
        return
    allowed = ctx.catalog.qasm3_input_fields
    defined = set(ctx.facts.resolve(schema).get("properties", {})) if schema else {"data"}
    if "data" not in inp:
        ctx.emit(IQ101, "/input", "input is missing required field `data` (the OpenQASM 3 source)")
    elif not isinstance(inp["data"], str):
        walk(ctx, {"type": "string"}, inp["data"], "/input/data")
    for key in inp:
        if key in defined:
            continue
        if key in allowed:
            ctx.emit(
                IQ113,
                f"/input/{key}",
                f"`input.{key}` is not in the spec for OpenQASM 3 jobs; "
                "qiskit-ionq sends it and IonQ accepts it",
            )
        else:
            ctx.emit(
                IQ102,
                f"/input/{key}",
                f"unknown field `{key}` in input",
                f"allowed: {', '.join(sorted(defined | allowed))}",
            )


def _check_v03(view: JobView, ctx: Context) -> None:
    v03 = ctx.catalog.v03
    data = view.data
    _fields(ctx, data, "", [*v03["fields"], *v03["client_fields"]])
    inp = view.input
    if not isinstance(inp, dict):
        if inp is None:
            ctx.emit(IQ101, "", "payload is missing `input` (the quantum program)")
        else:
            walk(ctx, {"type": "object"}, inp, view.input_pointer)
        return
    _fields(ctx, inp, view.input_pointer, v03["input_fields"])
    fmt = inp.get("format")
    if fmt is not None and fmt not in v03["input_formats"]:
        ctx.emit(
            IQ105,
            "/input/format",
            f"input.format is {show(fmt)}; expected {', '.join(show(f) for f in v03['input_formats'])}",
        )
    _gateset_name(ctx, inp, "/input", "qis")
    mitigation = data.get("error_mitigation")
    if isinstance(mitigation, dict):
        _fields(ctx, mitigation, "/error_mitigation", v03["error_mitigation_fields"])
    circuits = inp.get("circuits")
    if isinstance(circuits, list):
        for index, item in enumerate(circuits):
            if isinstance(item, dict):
                _fields(ctx, item, f"/input/circuits/{index}", [*v03["circuit_fields"], "gateset", "qubits"])


def _fields(ctx: Context, holder: dict[str, Any], pointer: str, allowed: list[str]) -> None:
    for key in holder:
        if key not in allowed:
            ctx.emit(
                IQ102,
                f"{pointer}/{key}",
                f"unknown field `{key}` in {field_name(pointer)} (v0.3)",
                f"allowed: {', '.join(allowed)}",
            )
