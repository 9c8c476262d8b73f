"""The facts the rules check against, read from the specs (never copied into code), cached.

`spec_facts(api_version)` walks the spec's job-creation payloads once and returns the job types,
gate names and gate fields of each gateset, noise-model names, and the payload schemas the
structure rule walks. Gate names, job types and noise models therefore follow the spec: dropping a
newer spec into specs/ updates the linter.

Backend strings are only a description in the v0.4 spec (`JobBackends`), so they come from
specs/backends.yaml (see `catalog.py`); the description is parsed only as a documented fallback.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ionqkit.errors import SpecError
from ionqkit.paths import SPECS_DIR
from ionqkit.spec import refs
from ionqkit.spec.loader import Document
from ionqkit.spec.specload import load_spec_cached

V04_SPEC = SPECS_DIR / "ionq-v0.4.openapi.yaml"
V04_OVERLAY = SPECS_DIR / "overlays" / "ionq-v0.4.overlay.yaml"

Schema = Mapping[str, Any]


@dataclass(frozen=True)
class Gateset:
    """One gateset (`qis`, `native`): its gate names and the fields a gate object may carry."""

    name: str
    gates: frozenset[str]
    gate_schema: Schema
    gate_fields: frozenset[str]
    input_schema: Schema
    circuit_schema: Schema | None  # the per-circuit schema of multi-circuit jobs


@dataclass(frozen=True)
class SpecFacts:
    api_version: str
    source: str
    payloads: Mapping[str, Schema]  # job type -> creation payload schema
    circuit_types: frozenset[str]  # job types whose input is one circuit
    multi_circuit_types: frozenset[str]
    gatesets: Mapping[str, Gateset]
    noise_models: frozenset[str]
    noise_schema: Schema | None
    spec_backends: frozenset[str]  # parsed from the JobBackends description (fallback only)
    max_circuits: int | None
    document: Document = field(repr=False)

    def resolve(self, schema: Schema) -> Schema:
        """`schema`, or what its `$ref` chain ends at (ionqkit.spec.refs: local refs, bounded chain)."""
        resolved: Schema = refs.deref(self.document, schema)
        return resolved


def spec_paths(api_version: str) -> tuple[Path, Path | None]:
    if api_version != "v0.4":
        raise SpecError(f"the linter reads job payload schemas from the v0.4 spec, not {api_version}")
    return V04_SPEC, V04_OVERLAY if V04_OVERLAY.exists() else None


@functools.cache
def spec_facts(api_version: str = "v0.4") -> SpecFacts:
    """Facts from specs/ (overlay applied); `make generate` has validated the spec, so skip that."""
    spec, overlay = spec_paths(api_version)
    loaded = load_spec_cached(str(spec), str(overlay) if overlay else None, check=False)
    return extract(loaded.document, api_version)


def extract(doc: Document, api_version: str) -> SpecFacts:
    """Walk the spec's POST /jobs body down to gate level and collect what the rules need."""
    facts = SpecFacts(
        api_version=api_version,
        source=doc.name,
        payloads={},
        circuit_types=frozenset(),
        multi_circuit_types=frozenset(),
        gatesets={},
        noise_models=frozenset(),
        noise_schema=None,
        spec_backends=frozenset(),
        max_circuits=None,
        document=doc,
    )
    r = facts.resolve
    try:
        body = doc.data["paths"]["/jobs"]["post"]["requestBody"]
        root = r(r(body)["content"]["application/json"]["schema"])
    except (KeyError, TypeError) as exc:
        raise SpecError(f"spec has no POST /jobs JSON request body ({exc})", file=doc.name) from None
    payloads: dict[str, Schema] = {}
    circuit_types: set[str] = set()
    multi_types: set[str] = set()
    gatesets: dict[str, dict[str, Any]] = {}
    noise_schema: Schema | None = None
    backends: set[str] = set()
    max_circuits: int | None = None
    for branch in root.get("anyOf", root.get("oneOf", [root])):
        payload = r(branch)
        props = payload.get("properties", {})
        types = r(props.get("type", {})).get("enum", [])
        for job_type in types:
            payloads[job_type] = payload
        if "noise" in props and noise_schema is None:
            noise_schema = r(props["noise"])
        backends |= _backends_from_description(r(props.get("backend", {})))
        input_schema = r(props.get("input", {}))
        if "circuits" in input_schema.get("properties", {}):
            multi_types.update(types)
            circuits = input_schema["properties"]["circuits"]
            max_circuits = circuits.get("maxItems", max_circuits)
            for circuit_branch in r(circuits.get("items", {})).get("anyOf", []):
                circuit = r(circuit_branch)
                _add_gateset(facts, gatesets, circuit, circuit=True)
        elif "anyOf" in input_schema:
            circuit_types.update(types)
            for input_branch in input_schema["anyOf"]:
                _add_gateset(facts, gatesets, r(input_branch), circuit=False)
    noise_models: frozenset[str] = frozenset()
    if noise_schema is not None:
        model = r(noise_schema.get("properties", {}).get("model", {}))
        noise_models = frozenset(model.get("enum", ())) or _names_from_description(model)
    return SpecFacts(
        api_version=api_version,
        source=doc.name,
        payloads=payloads,
        circuit_types=frozenset(circuit_types),
        multi_circuit_types=frozenset(multi_types),
        gatesets={
            name: Gateset(
                name=name,
                gates=parts["gates"],
                gate_schema=parts["gate_schema"],
                gate_fields=frozenset(parts["gate_schema"].get("properties", {})),
                input_schema=parts.get("input_schema", {}),
                circuit_schema=parts.get("circuit_schema"),
            )
            for name, parts in gatesets.items()
        },
        noise_models=noise_models,
        noise_schema=noise_schema,
        spec_backends=frozenset(backends),
        max_circuits=max_circuits,
        document=doc,
    )


def _add_gateset(facts: SpecFacts, into: dict[str, dict[str, Any]], schema: Schema, *, circuit: bool) -> None:
    r = facts.resolve
    props = schema.get("properties", {})
    names = r(props.get("gateset", {})).get("enum", [])
    gate_schema = r(r(props.get("circuit", {})).get("items", {}))
    gates = frozenset(r(gate_schema.get("properties", {}).get("gate", {})).get("enum", ()))
    for name in names:
        entry = into.setdefault(name, {"gates": gates, "gate_schema": gate_schema})
        entry["circuit_schema" if circuit else "input_schema"] = schema


_BACKTICKED = re.compile(r"`([A-Za-z0-9_.\-]+)`")


def _names_from_description(schema: Schema) -> frozenset[str]:
    """Names listed in backticks in a schema description: the S09 spec's only list of some enums."""
    return frozenset(_BACKTICKED.findall(str(schema.get("description", ""))))


def _backends_from_description(schema: Schema) -> set[str]:
    if "enum" in schema:
        return set(schema["enum"])
    return set(_names_from_description(schema))
