"""IQ401-IQ408: qubit counts, the backend string, the noise settings."""

from __future__ import annotations

from ionqkit.validators.context import Context, JobView, QubitCap, field_name, show
from ionqkit.validators.registry import IQ103, IQ401, IQ402, IQ403, IQ404, IQ405, IQ406, IQ407, IQ408


def check_backend(view: JobView, ctx: Context) -> None:
    backend = view.backend
    where = view.backend_pointer
    if backend is None and where.removeprefix("/") not in view.data:
        return  # IQ101 reports a missing backend (v0.3: a missing target is the simulator)
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


def prepare(view: JobView, ctx: Context) -> None:
    """Find the job's qubit cap once: the per-gate and bulk index checks read it too."""
    ctx.qubit_cap = qubit_cap(view, ctx)


def qubit_cap(view: JobView, ctx: Context) -> QubitCap | None:
    """The most qubits the job's target holds: the backend's count, or on the simulator the noise
    model's if it is lower. A model without a count leaves the simulator's own: it never lifts it."""
    if not isinstance(view.backend, str):
        return None
    backend = ctx.catalog.backend(view.backend)
    if backend is None:
        return None  # IQ402/IQ403 report the backend
    own = None if backend.qubits is None else QubitCap(backend.qubits, f"the qubit count of {backend.name}")
    name = view.noise.get("model") if isinstance(view.noise, dict) else None
    model = ctx.catalog.noise_models.get(name) if isinstance(name, str) else None
    if backend.kind != "simulator" or model is None:
        return own  # noise models apply to the simulator only (IQ405)
    if model.qubits is None:
        if own is None:
            return None
        why = f"noise model {model.name!r} has no published limit of its own"
        return QubitCap(own.count, f"{own.source} ({why})")
    if own is not None and own.count < model.qubits:
        return own
    return QubitCap(model.qubits, f"the limit of {backend.name} with noise model {model.name!r}")


def check_qubit_count(view: JobView, ctx: Context) -> None:
    """IQ401 for the declared counts: `input.qubits`, a circuit's own `qubits`, an OpenQASM program's
    declarations (IQ408 if they cannot be counted). Circuits that declare no count are checked by
    their indices, with the gates (constraints.QubitOperands)."""
    inp = view.input
    if not isinstance(inp, dict):
        return
    cap = ctx.qubit_cap
    program = inp.get("data")
    if isinstance(program, str):
        _check_program(program, f"{view.input_pointer}/data", cap, ctx)
    if cap is None:
        return
    qubits = inp.get("qubits")
    # Any number: a qasm3 job's `input.qubits` (qiskit-ionq sends it) has no type check of its own.
    if isinstance(qubits, (int, float)) and not isinstance(qubits, bool) and qubits > cap.count:
        pointer = f"{view.input_pointer}/qubits"
        ctx.emit(IQ401, pointer, f"input.qubits={qubits} exceeds {cap.count}, {cap.source}")
    for circuit in view.circuits:
        if circuit.own_qubits and circuit.qubits is not None and circuit.qubits > cap.count:
            ctx.emit(
                IQ401,
                circuit.qubits_pointer,
                f"{field_name(circuit.qubits_pointer)}={circuit.qubits} exceeds {cap.count}, {cap.source}",
            )
            return


def _check_program(program: str, pointer: str, cap: QubitCap | None, ctx: Context) -> None:
    # Imported by the jobs that carry a program: its patterns and tables are not every lint's.
    from ionqkit.validators.qasm3 import Unreadable, declared_qubits

    count = declared_qubits(program)
    if isinstance(count, Unreadable):
        ctx.emit(
            IQ408,
            pointer,
            f"cannot count the qubits of this OpenQASM program ({count}), so their number is not checked",
            "declare qubits as `qubit[N] name;` with an integer N",
        )
    elif cap is not None and count > cap.count:
        ctx.emit(
            IQ401, pointer, f"the OpenQASM program declares {count} qubits: exceeds {cap.count}, {cap.source}"
        )
