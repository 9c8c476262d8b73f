"""IQ301-IQ303: native-gate parameters and the two-qubit gate the target can run."""

from __future__ import annotations

from typing import Any

from ionqkit.validators.context import Context, JobView, show


def prepare(view: JobView, ctx: Context) -> None:
    """Decide once per job which two-qubit native gate the target runs (None: any)."""
    catalog = ctx.catalog
    backend = view.backend if isinstance(view.backend, str) else None
    family: str | None = None
    reason = ""
    if backend is not None:
        known = catalog.backend(backend)
        if known is not None and known.kind == "simulator":
            model = view.noise.get("model") if isinstance(view.noise, dict) else None
            noise = catalog.noise_models.get(model) if isinstance(model, str) else None
            family = noise.family if noise else None
            reason = f"the simulator with noise model {model!r}"
        else:
            family = known.family if known else catalog.family_of_pattern(backend)
            reason = f"{backend} ({family} family)"
    ctx.two_qubit_gate = catalog.two_qubit_gates.get(family) if family else None
    ctx.two_qubit_reason = reason


def check_gate(gate: dict[str, Any], name: str, pointer: str, ctx: Context) -> None:
    low, high = ctx.limit("phase_min"), ctx.limit("phase_max")
    phase = gate.get("phase")
    if _number(phase) and not low <= phase <= high and name != "zz":
        ctx.emit(
            "IQ301",
            f"{pointer}/phase",
            f"phase {show(phase)} is outside [{low}, {high}] turns",
            "phases are in turns (1 turn = 2π radians)",
        )
    phases = gate.get("phases")
    if isinstance(phases, list):
        for i, value in enumerate(phases):
            if _number(value) and not low <= value <= high:
                ctx.emit(
                    "IQ301",
                    f"{pointer}/phases/{i}",
                    f"phase {show(value)} is outside [{low}, {high}] turns",
                    "phases are in turns (1 turn = 2π radians)",
                )
    if name == "ms":
        angle = gate.get("angle")
        a_low, a_high = ctx.limit("ms_angle_min"), ctx.limit("ms_angle_max")
        if _number(angle) and not a_low <= angle <= a_high:
            ctx.emit(
                "IQ302",
                f"{pointer}/angle",
                f"ms angle {show(angle)} is outside [{a_low}, {a_high}] turns",
                "0.25 turns is fully entangling",
            )
    wanted = ctx.two_qubit_gate
    if name in ("ms", "zz") and wanted is not None and name != wanted:
        ctx.emit(
            "IQ303",
            f"{pointer}/gate",
            f"{name} is not available on {ctx.two_qubit_reason}; it runs {wanted}",
            f"compile the circuit to {wanted}",
        )


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)
