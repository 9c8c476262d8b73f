"""Compile what the linter needs from a v0.4-shaped spec into one JSON document ("lint facts").

`make generate` writes it as `generated/<package>/lint_facts.json`; `ionqkit lint --spec` compiles it
on the fly (and caches it by content hash). At lint time only that JSON is read: no YAML parser, no
overlay, no JSONPath, no spec walk, so a lint process starts in milliseconds and follows whatever
spec the facts were compiled from.

What is compiled, all from POST /jobs' JSON request body:
- every job type (each value of each payload branch's `type` enum) and its payload schema;
- each job type's input variants, classified by shape: a gate list (`circuit` plus a `gateset`
  enum), a list of circuits (`circuits`), or program source (a required string property such as
  `data`, with no gate list). The catalog's `job_type_inputs` narrows which kinds a type takes
  where the spec's union does not say it (IonQ's September 2026 spec gives `ionq.circuit.v1` and
  `ionq.qasm3.v1` one payload whose input is any of the three);
- gatesets: their gate names, the gate schema and the input/circuit schemas that hold them;
- noise-model names (an enum, or the names a description lists), the noise schema, the circuit
  cap (`maxItems`), backend names the spec gives;
- every component the above refers to (`definitions`, keyed by `$ref`), prose stripped;
- the catalog (specs/backends.yaml): facts about IonQ systems no spec carries.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ionqkit.errors import SpecError
from ionqkit.spec.factsformat import FORMAT

if TYPE_CHECKING:
    from ionqkit.spec.loader import Document

# Prose and samples: the linter never reads them, and they are most of a spec's bytes.
_DROPPED = frozenset({"description", "summary", "example", "examples", "externalDocs", "x-codeSamples"})
_BACKTICKED = re.compile(r"`([A-Za-z0-9_.\-]+)`")

Schema = Mapping[str, Any]


def compile_facts(doc: Document, catalog: Mapping[str, Any], *, api_version: str = "v0.4") -> dict[str, Any]:
    """The lint facts of `doc` (a loaded, overlaid spec) with `catalog` (backends.yaml's data)."""
    compiler = _Compiler(doc)
    return compiler.run(catalog, api_version)


def dumps(facts: Mapping[str, Any]) -> str:
    """The one serialisation: sorted keys, one item per line, so a spec change gives a readable diff."""
    import json  # here and below: `lint --spec` with a cached compile imports this module for cache_key

    return json.dumps(facts, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def compile_v04(doc: Document, catalog: Mapping[str, Any]) -> dict[str, Any] | None:
    """The lint facts of a v0.4-shaped spec; None for any other, which the v0.4 linter cannot check
    against: no POST /jobs JSON body, or one without job `type`s (the v0.3 API)."""
    if not has_job_payloads(doc):
        return None
    facts = compile_facts(doc, catalog)
    return facts if facts["payloads"] else None


def has_job_payloads(doc: Document) -> bool:
    """True when the spec describes POST /jobs with a JSON body (the v0.3 fragment does not)."""
    try:
        doc.data["paths"]["/jobs"]["post"]["requestBody"]
    except (KeyError, TypeError):
        return False
    return True


def cache_key(spec: bytes, overlay: bytes | None, catalog: bytes) -> str:
    """What an on-the-fly compile is cached under: the inputs' bytes and this format."""
    import hashlib

    digest = hashlib.sha256(f"ionqkit-lint-facts-{FORMAT}\0".encode())
    for part in (spec, overlay or b"", catalog):
        digest.update(len(part).to_bytes(8, "big"))
        digest.update(part)
    return digest.hexdigest()


class _Compiler:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.definitions: dict[str, Any] = {}

    def r(self, node: Any, where: str = "") -> Any:
        from ionqkit.spec import refs

        return refs.deref(self.doc, node, where)

    def keep(self, node: Any) -> Any:
        """`node` with prose dropped; every component it refers to joins `definitions`."""
        from ionqkit.spec import refs  # here, not at the top: see dumps()

        pending = [node]
        while pending:
            for where, ref in refs.iter_refs(pending.pop()):
                if ref not in self.definitions:
                    self.definitions[ref] = None  # claimed: a recursive schema stops here
                    target = self.doc.resolve(refs.target_pointer(self.doc, ref, where))
                    self.definitions[ref] = _plain(target)
                    pending.append(target)
        return _plain(node)

    def run(self, catalog: Mapping[str, Any], api_version: str) -> dict[str, Any]:
        doc, r = self.doc, self.r
        try:
            body = doc.data["paths"]["/jobs"]["post"]["requestBody"]
            root = r(r(body)["content"]["application/json"]["schema"])
        except (KeyError, TypeError) as exc:
            raise SpecError(f"spec has no POST /jobs JSON request body ({exc})", file=doc.name) from None
        payloads: dict[str, Any] = {}
        inputs: dict[str, list[dict[str, Any]]] = {}
        gatesets: dict[str, dict[str, Any]] = {}
        noise_schema: Any = None
        backends: set[str] = set()
        max_circuits: int | None = None
        for branch in root.get("anyOf", root.get("oneOf", [root])):
            payload = r(branch)
            props = payload.get("properties", {})
            types = [t for t in r(props.get("type", {})).get("enum", []) if isinstance(t, str)]
            if noise_schema is None and "noise" in props:
                noise_schema = props["noise"]
            backends |= _names(r(props.get("backend", {})))
            variants, cap = self.variants(props.get("input", {}), gatesets)
            if cap is not None:
                max_circuits = cap
            for job_type in types:
                payloads[job_type] = self.keep(branch)
                inputs[job_type] = variants
        narrowed = catalog.get("job_type_inputs", {})
        for job_type, kinds in narrowed.items():
            if job_type in inputs:
                inputs[job_type] = [v for v in inputs[job_type] if v["kind"] in kinds]
        noise_models: list[str] = []
        if noise_schema is not None:
            model = r(r(noise_schema).get("properties", {}).get("model", {}))
            noise_models = sorted(_names(model))
        return {
            "format": FORMAT,
            "api_version": api_version,
            "spec": {
                "title": str(doc.data.get("info", {}).get("title", "")),
                "version": str(doc.data.get("info", {}).get("version", "")),
                "sha256": doc.sha256,
            },
            "payloads": payloads,
            "inputs": inputs,
            "gatesets": gatesets,
            "gateset_order": list(gatesets),  # spec order (keys are sorted): the first is the default
            "noise_models": noise_models,
            "noise_schema": self.keep(noise_schema) if noise_schema is not None else None,
            "spec_backends": sorted(backends),
            "max_circuits": max_circuits,
            "definitions": {ref: self.definitions[ref] for ref in sorted(self.definitions)},
            "catalog": _plain(catalog),
        }

    def variants(
        self, input_schema: Any, gatesets: dict[str, dict[str, Any]]
    ) -> tuple[list[dict[str, Any]], int | None]:
        """The input variants of one payload, and the circuit cap if it holds a circuit list."""
        r = self.r
        resolved = r(input_schema)
        branches = resolved.get("anyOf") or resolved.get("oneOf") or [input_schema]
        found: list[dict[str, Any]] = []
        cap: int | None = None
        for branch in branches:
            schema = r(branch)
            props = schema.get("properties", {})
            if "circuits" in props:
                circuits = r(props["circuits"])
                if isinstance(circuits.get("maxItems"), int):
                    cap = circuits["maxItems"]
                names: list[str] = []
                for item in r(circuits.get("items", {})).get("anyOf", []):
                    names += self.gateset(r(item), item, gatesets, circuit=True)
                names += [n for n in r(props.get("gateset", {})).get("enum", []) if n not in names]
                found.append({"kind": "circuits", "gatesets": names, "schema": self.keep(branch)})
            elif "circuit" in props:
                names = self.gateset(schema, branch, gatesets, circuit=False)
                found.append({"kind": "gates", "gatesets": names, "schema": self.keep(branch)})
            elif _is_source(schema, r):
                field = next(iter(props))
                found.append({"kind": "source", "field": field, "schema": self.keep(branch)})
            else:
                found.append({"kind": "other", "schema": self.keep(branch)})
        if not found and resolved:
            found.append({"kind": "other", "schema": self.keep(input_schema)})
        return found, cap

    def gateset(
        self, schema: Schema, branch: Any, into: dict[str, dict[str, Any]], *, circuit: bool
    ) -> list[str]:
        r = self.r
        props = schema.get("properties", {})
        names = [n for n in r(props.get("gateset", {})).get("enum", []) if isinstance(n, str)]
        gate_ref = r(props.get("circuit", {})).get("items", {})
        gates = [g for g in r(r(gate_ref).get("properties", {}).get("gate", {})).get("enum", [])]
        for name in names:
            entry = into.setdefault(
                name,
                {
                    "gates": gates,
                    "gate_schema": self.keep(gate_ref),
                    "input_schema": None,
                    "circuit_schema": None,
                },
            )
            entry["circuit_schema" if circuit else "input_schema"] = self.keep(branch)
        return names


def _is_source(schema: Schema, r: Any) -> bool:
    """Program text: an object whose one property, required, is a string (`{data: "OPENQASM 3..."}`)."""
    props = schema.get("properties", {})
    if len(props) != 1:
        return False
    ((name, prop),) = props.items()
    return name in schema.get("required", ()) and r(prop).get("type") == "string"


def _names(schema: Schema) -> set[str]:
    """An enum's string values, else the names a description lists in backticks (S09's noise
    models and backends are free strings whose only list is prose)."""
    if "enum" in schema:
        return {v for v in schema["enum"] if isinstance(v, str)}
    return set(_BACKTICKED.findall(str(schema.get("description", ""))))


def _plain(node: Any) -> Any:
    """A JSON copy without prose, iteratively (specs may nest deeply)."""
    if not isinstance(node, (dict, list)):
        return node
    top: Any = {} if isinstance(node, dict) else []
    # (source, copy, is a name table): a `properties` table's keys are field names, never prose.
    stack: list[tuple[Any, Any, bool]] = [(node, top, False)]
    while stack:
        source, target, names = stack.pop()
        items = source.items() if isinstance(source, dict) else enumerate(source)
        for key, value in items:
            if isinstance(source, dict) and not names and key in _DROPPED:
                continue
            copied: Any = value
            if isinstance(value, (dict, list)):
                copied = {} if isinstance(value, dict) else []
                stack.append((value, copied, isinstance(source, dict) and not names and key in _NAME_TABLES))
            if isinstance(target, dict):
                target[key] = copied
            else:
                target.append(copied)
    return top


_NAME_TABLES = frozenset({"properties", "patternProperties", "mapping"})
