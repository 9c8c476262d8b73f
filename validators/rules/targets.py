"""IQ401-IQ407: qubit counts, the backend string, the noise settings."""

from __future__ import annotations

from ionqkit.validators.context import Context, JobView, field_name, show
from ionqkit.validators.registry import IQ103, IQ401, IQ402, IQ403, IQ404, IQ405, IQ406, IQ407


def check_backend(view: JobView, ctx: Context) -> None:
    backend = view.backend
    where = view.backend_pointer
    if backend is None:
        return  # IQ101 reports a missing backend
    if not isinstance(backend, str):
        ctx.emit(IQ103, where, f"{field_name(where)} must be a string, not {show(backend)}")
        return
    catalog = ctx.catalog
    known = catalog.backend(backend)
    if known is None and backend in ctx.facts.spec_backends:
        return
    if known is None:
        family = catalog.family_of_pattern(backend)
        if family is not None:
            ctx.emit(
                IQ403,
                where,
                f"backend {show(backend)} is not a known {family} system; IonQ rejects jobs for "
                "systems it does not run",
                "if it is a new system you can use, add it under [tool.ionqkit.lint.backends] "
                "(or set backends-file to a saved GET /backends response)",
            )
            return
        retired = {name for name, known in catalog.backends.items() if known.retired}
        listed = sorted((set(catalog.backends) | ctx.facts.spec_backends) - retired)
        ctx.emit(IQ402, where, f"unknown backend {show(backend)}", f"one of: {', '.join(listed)}")
        return
    if known.retired:
        ctx.emit(
            IQ404,
            where,
            f"backend {show(backend)} has been retired; IonQ runs no jobs on it",
            "choose a system GET /backends lists as available",
        )


def check_noise(view: JobView, ctx: Context) -> None:
    noise = view.noise
    if not isinstance(noise, dict):
        return  # absent, or IQ103 from the structure rule
    backend = ctx.catalog.backend(view.backend) if isinstance(view.backend, str) else None
    on_qpu = (backend is not None and backend.kind == "qpu") or (
        isinstance(view.backend, str) and view.backend.startswith("qpu.")
    )
    model = noise.get("model")
    if "model" in noise:
        models = ctx.facts.noise_models | set(ctx.catalog.noise_models)
        if view.version == "v0.3":
            models = frozenset(ctx.catalog.v03["noise_models"])
        if not isinstance(model, str) or model not in models:
            ctx.emit(
                IQ406,
                "/noise/model",
                f"unknown noise model {show(model)}",
                f"one of: {', '.join(sorted(models))}",
            )
    if on_qpu and model not in (None, "ideal"):
        ctx.emit(
            IQ405,
            "/noise",
            f"noise model {show(model)} has no effect on {view.backend}",
            "noise models apply to the simulator only; remove `noise`",
        )
    seed = noise.get("seed")
    if seed is None:
        return
    low, high = int(ctx.limit("noise_seed_min")), int(ctx.limit("noise_seed_max"))
    if isinstance(seed, bool) or not isinstance(seed, int) or not low <= seed <= high:
        ctx.emit(IQ407, "/noise/seed", f"noise seed {show(seed)} is not an integer in [{low}, {high}]")


def check_qubit_count(view: JobView, ctx: Context) -> None:
    """IQ401 against the backend's (or the noise model's) qubit count."""
    if not isinstance(view.backend, str):
        return
    catalog = ctx.catalog
    backend = catalog.backend(view.backend)
    if backend is None:
        return
    limit, what = backend.qubits, view.backend
    if backend.kind == "simulator" and isinstance(view.noise, dict):
        name = view.noise.get("model")
        model = catalog.noise_models.get(name) if isinstance(name, str) else None
        if model is not None:
            limit, what = model.qubits, f"the simulator with noise model {model.name!r}"
    if limit is None:
        return
    for circuit in view.circuits:
        if circuit.qubits is not None and circuit.qubits > limit and circuit.qubits_pointer:
            ctx.emit(
                IQ401,
                circuit.qubits_pointer,
                f"input.qubits={circuit.qubits} exceeds {limit}, the qubit count of {what}",
            )
            return
