"""Backends, noise-model limits, numeric limits and client extensions: specs/backends.yaml + overrides.

The catalog's data reaches the linter inside the compiled lint facts (`make generate` copies
specs/backends.yaml into them), so linting reads no YAML. Precedence (later wins): the catalog,
then a saved `GET /backends` response (its `qubits` are the live truth), then `backends`/`limits`
from the lint config.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Mapping

from ionqkit.errors import InputError
from ionqkit.records import record, replace

TYPE_CHECKING = False  # typing is not imported at run time: see ionqkit/__init__.py
if TYPE_CHECKING:
    from pathlib import Path
    from typing import Any


@record(frozen=True)
class Backend:
    name: str
    kind: str  # "qpu" or "simulator"
    family: str | None = None
    qubits: int | None = None
    retired: bool = False


@record(frozen=True)
class NoiseModel:
    name: str
    qubits: int | None
    family: str | None


@record(frozen=True)
class Catalog:
    backends: Mapping[str, Backend]
    family_patterns: tuple[tuple[str, str], ...]
    two_qubit_gates: Mapping[str, str]  # family -> ms | zz
    noise_models: Mapping[str, NoiseModel]
    limits: Mapping[str, float]
    top_level_extensions: frozenset[str]
    gate_extensions: Mapping[str, frozenset[str]]
    field_aliases: Mapping[str, Mapping[str, Mapping[str, str]]]  # gateset -> gate -> field -> as written
    nullable_noise_seed: bool
    qasm3_input_fields: frozenset[str]
    open_object_fields: Mapping[str, frozenset[str]]  # object (as `settings.compilation`) -> keys clients add
    v03: Mapping[str, Any]
    operands: Mapping[str, Mapping[str, Mapping[str, Any]]]  # gateset -> gate -> requirements

    def backend(self, name: str) -> Backend | None:
        return self.backends.get(name)

    def family_of_pattern(self, name: str) -> str | None:
        for pattern, family in self.family_patterns:
            if fnmatch.fnmatchcase(name, pattern):
                return family
        return None

    def with_overrides(
        self,
        *,
        backends: Mapping[str, Mapping[str, Any]] | None = None,
        limits: Mapping[str, float] | None = None,
        backends_response: Path | None = None,
    ) -> Catalog:
        merged = dict(self.backends)
        if backends_response is not None:
            for name, qubits in _read_backends_response(backends_response).items():
                known = merged.get(name) or Backend(
                    name=name,
                    kind="simulator" if name == "simulator" else "qpu",
                    family=self.family_of_pattern(name),
                )
                merged[name] = replace(known, qubits=qubits)
        for name, spec in (backends or {}).items():
            merged[name] = _backend(name, spec, merged.get(name))
        new_limits = dict(self.limits)
        for key, value in (limits or {}).items():
            if key not in new_limits:
                raise InputError(f"unknown limit {key!r}; known: {', '.join(sorted(new_limits))}")
            new_limits[key] = value
        return replace(self, backends=merged, limits=new_limits)


def from_data(data: Mapping[str, Any]) -> Catalog:
    """A Catalog from backends.yaml's data (as compiled into the lint facts)."""
    families = {name: str(spec["two_qubit_gate"]) for name, spec in data["families"].items()}
    ext = data["client_extensions"]
    return Catalog(
        backends={name: _backend(name, spec, None) for name, spec in data["backends"].items()},
        family_patterns=tuple((p["pattern"], p["family"]) for p in data["family_patterns"]),
        two_qubit_gates=families,
        noise_models={
            name: NoiseModel(name=name, qubits=spec.get("qubits"), family=spec.get("family"))
            for name, spec in data["noise_models"].items()
        },
        limits={name: value for name, value in data["limits"].items()},
        top_level_extensions=frozenset(ext["top_level_fields"]),
        gate_extensions={gate: frozenset(names) for gate, names in ext["gate_fields"].items()},
        field_aliases=ext["field_aliases"],
        nullable_noise_seed=bool(ext["nullable_noise_seed"]),
        qasm3_input_fields=frozenset(ext["qasm3_input_fields"]),
        open_object_fields={
            where: frozenset(keys) for where, keys in ext.get("open_object_fields", {}).items()
        },
        v03=data["v0.3"],
        operands={gs: dict(gates) for gs, gates in data["operands"].items()},
    )


def default_catalog() -> Catalog:
    """The catalog compiled into the installed package's lint facts."""
    from ionqkit.validators.specdata import spec_facts

    return spec_facts("v0.4").catalog


def _backend(name: str, spec: Mapping[str, Any], base: Backend | None) -> Backend:
    if not isinstance(spec, Mapping):
        raise InputError(f"backend {name!r}: expected a table with kind/family/qubits")
    base = base or Backend(name=name, kind="simulator" if name == "simulator" else "qpu")
    qubits = spec.get("qubits", base.qubits)
    if qubits is not None and (isinstance(qubits, bool) or not isinstance(qubits, int) or qubits < 1):
        raise InputError(f"backend {name!r}: qubits must be a positive integer, not {qubits!r}")
    return Backend(
        name=name,
        kind=str(spec.get("kind", base.kind)),
        family=spec.get("family", base.family),
        qubits=qubits,
        retired=bool(spec.get("retired", base.retired)),
    )


def _read_backends_response(path: Path) -> dict[str, int | None]:
    """`GET /v0.4/backends` saved to a file: a list of {backend, qubits, ...} objects."""
    from ionqkit.spec.loader import load_path

    doc = load_path(path)
    items = doc.data
    if not isinstance(items, list):
        raise doc.error("a GET /backends response is a JSON array of backend objects", "")
    found: dict[str, int | None] = {}
    for index, item in enumerate(items):
        if not isinstance(item, dict) or not isinstance(item.get("backend"), str):
            raise doc.error("each backend needs a string `backend` field", f"/{index}")
        qubits = item.get("qubits")
        if qubits is not None and (isinstance(qubits, bool) or not isinstance(qubits, int)):
            raise doc.error(f"`qubits` must be an integer, not {qubits!r}", f"/{index}/qubits")
        found[item["backend"]] = qubits
    return found
