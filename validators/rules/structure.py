"""IQ101-IQ105, IQ113, IQ114: the payload against the spec's creation payload for its `type`.

Dispatch follows the compiled spec facts: the payload's own `type` selects its payload schema and
the input shapes that type takes (a gate list per gateset, a list of circuits, or program source);
the input's own fields (`gateset`, `data`) select among those, and each multi-circuit entry's own
gateset selects its schema. A fault is reported against the schema the payload claims to follow;
an input of another type's shape is one IQ114 at the field that gives it away. Fields that
dedicated rules own (metadata, shots, backend, noise model and seed, gates) are skipped here.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from ionqkit.validators.context import Context, JobView, field_name, show
from ionqkit.validators.fixes import RemoveMember
from ionqkit.validators.registry import IQ101, IQ102, IQ104, IQ105, IQ113, IQ114
from ionqkit.validators.schemawalk import objects_clean, walk
from ionqkit.validators.specdata import InputVariant, SpecFacts

TYPE_CHECKING = False  # typing is not imported at run time: see ionqkit/__init__.py
if TYPE_CHECKING:
    from typing import Any

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
            f"one of: {', '.join(sorted(facts.payloads))}",
        )
        job_type = _guess_type(ctx, data.get("input"))
    elif not isinstance(job_type, str) or job_type not in facts.payloads:
        ctx.emit(
            IQ104,
            "/type",
            f"unknown job type {show(job_type)}",
            f"one of: {', '.join(sorted(facts.payloads))}",
        )
        return
    if job_type is None:
        return
    payload = facts.payloads[job_type]
    defined = facts.resolve(payload).get("properties", {})
    extras = {key for key in ctx.catalog.top_level_extensions if key not in defined}
    for key in extras & data.keys():
        ctx.emit(
            IQ113,
            f"/{key}",
            f"`{key}` is not in the spec; IonQ clients send it and IonQ ignores it",
            f"remove `{key}`",
            fix=(RemoveMember(f"/{key}"),),
        )
    noise = data.get("noise")
    skip = set(_OWNED)
    if ctx.catalog.nullable_noise_seed and isinstance(noise, dict) and noise.get("seed") is None:
        skip.add("/noise/seed")
    walk(ctx, payload, data, "", skip=skip, extra=extras)
    if "input" in data:
        _check_input(ctx, job_type, data["input"])


def _guess_type(ctx: Context, inp: Any) -> str | None:
    """The job type a payload without `type` most likely meant, so its input is still checked:
    the first type whose input takes the shape the input has."""
    if not isinstance(inp, dict):
        return None
    for job_type, variants in ctx.facts.inputs.items():
        if any(_selects(v, inp) for v in variants):
            return job_type
    return None


def _selects(variant: InputVariant, inp: dict[str, Any]) -> bool:
    """Whether an input object has the shape of `variant` (before checking it)."""
    if variant.kind == "source":
        return variant.field in inp
    if variant.kind == "gates":
        return "circuit" in inp or ("gateset" in inp and "circuits" not in inp)
    if variant.kind == "circuits":
        return "circuits" in inp
    return False


def _check_input(ctx: Context, job_type: str, inp: Any) -> None:
    """`input` against the variant of the job type's input the data selects (spec dispatch)."""
    variants = ctx.facts.inputs.get(job_type, ())
    circuits = [v for v in variants if v.kind == "circuits"]
    if circuits:
        _check_multi(ctx, circuits[0].schema, inp)
        return
    if not variants:
        return
    if not isinstance(inp, dict):
        walk(ctx, {"type": "object"}, inp, "/input")
        return
    if _wrong_shape(ctx, job_type, variants, inp):
        return
    chosen = [v for v in variants if _selects(v, inp)] or list(variants)
    kinds = {v.kind for v in chosen}
    if kinds == {"gates"}:
        _check_single(ctx, chosen, inp)
    elif len(chosen) == 1 and chosen[0].kind == "source":
        _check_source(ctx, chosen[0], inp)
    elif len(chosen) == 1:
        walk(ctx, chosen[0].schema, inp, "/input")
    else:
        walk(ctx, {"anyOf": [v.schema for v in chosen]}, inp, "/input")


def _wrong_shape(
    ctx: Context, job_type: str, variants: tuple[InputVariant, ...], inp: dict[str, Any]
) -> bool:
    """IQ114 when the input has the shape of another job type's input: a gate list in an OpenQASM 3
    job, program source in a gate-list job. One finding at the field that gives it away."""
    for field, message, kind in wrong_shapes(ctx.facts, job_type, variants):
        if field in inp:
            ctx.emit(IQ114, f"/input/{field}", message, _other_type_hint(ctx, kind))
            return True
    return False


def wrong_shapes(
    facts: SpecFacts, job_type: str, variants: Sequence[InputVariant]
) -> list[tuple[str, str, str]]:
    """The input fields that show another job type's input (IQ114), in the order lint tries them:
    each as (field, message, the kind of input it shows). The schema export rejects the same."""
    kinds = {v.kind for v in variants}
    takes = " or ".join(describe(v) for v in variants)
    out: list[tuple[str, str, str]] = []
    if "gates" not in kinds:
        out.append(("circuit", f"a `{job_type}` job takes {takes}, not a gate list", "gates"))
    if "source" not in kinds:
        for field in source_fields(facts):
            out.append(
                (field, f"a `{job_type}` job takes {takes}, not program source in `input.{field}`", "source")
            )
    return out


def describe(variant: InputVariant) -> str:
    """An input shape as messages name it."""
    if variant.kind == "source":
        return f"program source in `input.{variant.field}`"
    if variant.kind == "gates":
        return f"a {'/'.join(variant.gatesets) or 'gate'} gate list in `input.circuit`"
    if variant.kind == "circuits":
        return "a list of circuits in `input.circuits`"
    return "an input object"


def source_fields(facts: SpecFacts) -> list[str]:
    """The input fields any job type's program source is written in (`data`)."""
    return sorted({v.field for vs in facts.inputs.values() for v in vs if v.kind == "source" and v.field})


def _other_type_hint(ctx: Context, kind: str) -> str | None:
    types = sorted(t for t, vs in ctx.facts.inputs.items() if {v.kind for v in vs} == {kind})
    return f"for that input use type {' or '.join(f'`{t}`' for t in types)}" if types else None


def _gateset_name(
    ctx: Context,
    holder: dict[str, Any],
    pointer: str,
    default: str | None,
    allowed: Collection[str] | None = None,
) -> str | None:
    name = holder.get("gateset", default)
    choices = list(allowed) if allowed is not None else list(ctx.facts.gatesets)
    if name is not None and (not isinstance(name, str) or name not in choices):
        ctx.emit(
            IQ105,
            f"{pointer}/gateset",
            f"{field_name(pointer + '/gateset')} is {show(name)}; "
            f"expected one of {', '.join(show(g) for g in choices)}",
        )
        return None
    return name if isinstance(name, str) else None


def _check_single(ctx: Context, variants: list[InputVariant], inp: dict[str, Any]) -> None:
    allowed = [name for v in variants for name in v.gatesets]
    name = _gateset_name(ctx, inp, "/input", None, allowed)
    if name is None and "gateset" in inp:
        return  # IQ105 said it; which schema to check against is unknown
    variant = next((v for v in variants if name in v.gatesets), variants[0])
    skip = {"/input/circuit", "/input/gateset"}
    if "circuits" in inp and "circuit" in inp:
        skip.add("/input/circuits")  # IQ703 reports the mix
    walk(ctx, variant.schema, inp, "/input", skip=skip)
    _gate_list(ctx, inp, "/input")


def _check_multi(ctx: Context, schema: Any, inp: Any) -> None:
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


def _check_source(ctx: Context, variant: InputVariant, inp: dict[str, Any]) -> None:
    """Program-source input (`{data: "OPENQASM 3..."}`): its schema, plus the fields IonQ's
    clients add that the spec does not list (IQ113, a warning, not IQ102)."""
    defined = set(ctx.facts.resolve(variant.schema).get("properties", {}))
    tolerated = ctx.catalog.qasm3_input_fields - defined
    for key in tolerated & inp.keys():
        ctx.emit(
            IQ113,
            f"/input/{key}",
            f"`input.{key}` is not in the spec for program-source jobs; "
            "qiskit-ionq sends it and IonQ accepts it",
        )
    walk(ctx, variant.schema, inp, "/input", extra=tolerated)


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
