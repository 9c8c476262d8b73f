"""IQ303's per-job half: which two-qubit native gate the job's target runs.

The native-gate checks themselves (IQ301-IQ303) are constraints in gatespec.py.
"""

from __future__ import annotations

from ionqkit.validators.context import Context, JobView


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
