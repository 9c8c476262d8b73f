"""Read a parsed payload once into a JobView: version, type, backend, circuits and their gatesets.

v0.3 and v0.4 payloads differ in where things live (`target` vs `backend`, top-level
`error_mitigation.debias` vs `settings.error_mitigation.debiasing`); the view hides that, so the
gate, qubit, shot and metadata rules are written once.
"""

from __future__ import annotations

from itertools import count, repeat
from operator import contains, itemgetter

from ionqkit.validators.context import CircuitView, Context, JobView

TYPE_CHECKING = False  # typing is not imported at run time: see ionqkit/__init__.py
if TYPE_CHECKING:
    from typing import Any

# Fields only one version has. v0.3 names the system `target`, the program's format `input.format`
# and keeps debiasing in a top-level `error_mitigation` (older cirq-ionq sent the program as `body`);
# v0.4 names the system `backend` and requires `type`. `settings` is in neither list: qiskit-ionq
# 0.5.13 sent its `job_settings` (e.g. {"compilation": {"opt": 1}}) to v0.3 as `settings`.
V03_MARKERS = ("target", "error_mitigation", "body")
V04_MARKERS = ("backend", "type")


def detect_version(data: dict[str, Any], requested: str = "auto") -> str:
    """ "v0.3" or "v0.4" from the payload's shape.

    A payload with markers of one version only is that version, whatever was asked for (rules/version.py
    reports the mismatch). One with markers of both, or of neither, is the version asked for, and v0.4
    under "auto".
    """
    inp = data.get("input")
    v03 = any(key in data for key in V03_MARKERS) or (isinstance(inp, dict) and "format" in inp)
    v04 = any(key in data for key in V04_MARKERS)
    if v03 != v04:
        return "v0.3" if v03 else "v0.4"
    return requested if requested in ("v0.3", "v0.4") else "v0.4"


def build(data: dict[str, Any], version: str, ctx: Context) -> JobView:
    view = JobView(data=data, version=version, job_type=data.get("type"))
    if version == "v0.4":
        view.backend = data.get("backend")
        settings = data.get("settings")
        mitigation = settings.get("error_mitigation") if isinstance(settings, dict) else None
        if isinstance(mitigation, dict) and "debiasing" in mitigation:
            view.debias = mitigation["debiasing"]
            view.debias_pointer = "/settings/error_mitigation/debiasing"
    else:
        view.backend = data.get("target", "simulator")
        view.backend_pointer = "/target"
        mitigation = data.get("error_mitigation")
        for key in ("debias", "debiasing"):
            if isinstance(mitigation, dict) and key in mitigation:
                view.debias = mitigation[key]
                view.debias_pointer = f"/error_mitigation/{key}"
    view.noise = data.get("noise")
    if "input" not in data and "body" in data:
        view.input, view.input_pointer = data.get("body"), "/body"
    else:
        view.input = data.get("input")
    view.circuits = _circuits(view, ctx)
    return view


def _circuits(view: JobView, ctx: Context) -> list[CircuitView]:
    inp = view.input
    if not isinstance(inp, dict):
        return []
    base = view.input_pointer
    gatesets = ctx.facts.gatesets
    # v0.3 and legacy default to qis; v0.4 requires the field (IQ101 reports it): read the gate list
    # as the spec's first gateset then.
    parent_name = inp.get("gateset", ctx.facts.default_gateset)
    parent = gatesets.get(parent_name) if isinstance(parent_name, str) else None
    qubits = inp.get("qubits")
    declared = qubits if type(qubits) is int else None
    found: list[CircuitView] = []
    if "circuit" in inp:
        found.append(CircuitView(base, None, inp["circuit"], parent, declared))
    circuits = inp.get("circuits")
    if isinstance(circuits, list):
        holder = f"{base}/circuits"
        if _plain_circuits(circuits):
            # The common case, without a Python-level step per circuit: every entry is an object
            # with its gate list and nothing that overrides the input's gateset or qubits.
            gate_lists = map(_CIRCUIT, circuits)
            inherited = repeat(holder), count(), gate_lists, repeat(parent), repeat(declared)
            found.extend(map(CircuitView, *inherited))
            return found
        for index, item in enumerate(circuits):
            if not isinstance(item, dict) or "circuit" not in item:
                continue
            own = item.get("gateset", parent_name)
            gateset = gatesets.get(own) if isinstance(own, str) else None
            own_qubits = item.get("qubits")
            if type(own_qubits) is int:
                found.append(CircuitView(holder, index, item["circuit"], gateset, own_qubits, True))
            else:
                found.append(CircuitView(holder, index, item["circuit"], gateset, declared))
    return found


_CIRCUIT = itemgetter("circuit")


def _plain_circuits(circuits: list[Any]) -> bool:
    """Every entry is an object with `circuit` and without its own `gateset` or `qubits`."""
    if set(map(type, circuits)) != {dict}:
        return False
    return (
        all(map(contains, circuits, repeat("circuit")))
        and not any(map(contains, circuits, repeat("gateset")))
        and not any(map(contains, circuits, repeat("qubits")))
    )
