"""The job payload as JSON Schema: dispatch on `type`, then on the input's shape and `gateset`.

Each step follows the linter's own (rules/structure.py), so the schema rejects what `lint` reports
as an error, where `lint` reports it:
- `type` picks the job type's payload (if/then per type); an unknown type is reported at `/type`
  only, as lint stops there;
- the input's fields pick among that type's input shapes as lint's selection does; an input of
  another type's shape is rejected at the field that gives it away (`input.circuit` in an OpenQASM 3
  job), and nothing else of it is checked, as with IQ114;
- `input.gateset` (absent: the spec's first gateset), or a multi-circuit entry's own `gateset`,
  picks the gate list's schema (gates.py);
- fields lint's dedicated rules own (backend, noise model and seed, shots, metadata) get their
  rules from the catalog and the limits instead of the spec's plain types; backend, noise and
  metadata are checked at the root, for any job type, as lint checks them;
- checks that tie one field to another and that JSON Schema can still express are if/then rules
  at the root: the native two-qubit gate of the target's hardware family (IQ303), the declared qubit
  counts against what the target holds (IQ401).
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Mapping, Sequence
from typing import Any

from ionqkit.validators.catalog import Catalog
from ionqkit.validators.jsonschema_export import patterns, text
from ionqkit.validators.jsonschema_export.gates import GateSchemas, gate_schemas, reject
from ionqkit.validators.jsonschema_export.translate import Definitions, Json, Translator
from ionqkit.validators.rules.shots import DEFAULT_SHOTS, shot_bounds
from ionqkit.validators.rules.structure import wrong_shapes
from ionqkit.validators.specdata import InputVariant, SpecFacts

# Fields lint's own rules check instead of the schema walk (rules/structure.py `_OWNED`).
_AT_ROOT = ("backend", "metadata", "noise", "type")


def build(facts: SpecFacts, catalog: Catalog) -> tuple[Json, dict[str, Any]]:
    """The root schema (without `$defs`) and its `$defs`."""
    defs = Definitions()
    tr = Translator(facts, defs)
    return _Payload(facts, catalog, tr, defs, gate_schemas(facts, catalog, tr, defs)).root(), defs.entries


class _Payload:
    def __init__(
        self, facts: SpecFacts, catalog: Catalog, tr: Translator, defs: Definitions, gates: GateSchemas
    ) -> None:
        self.facts = facts
        self.catalog = catalog
        self.tr = tr
        self.defs = defs
        self.gates = gates
        self.limits = catalog.limits
        self.max_circuits = facts.max_circuits or int(self.limits["max_circuits"])
        self.words = text.words(text.FIELDS, {**self.limits, "max_circuits": self.max_circuits})

    # --- the root -------------------------------------------------------------------------------

    def root(self) -> Json:
        types = sorted(self.facts.payloads)
        dispatch = [
            {
                "if": {"properties": {"type": {"const": job_type}}, "required": ["type"]},
                "then": self.defs.add(f"job.{job_type}", self.job(job_type)),
            }
            for job_type in types
        ]
        return {
            "type": "object",
            "required": ["type"],
            "properties": {
                "type": {
                    "description": self.words["type"],
                    "enum": types,
                    "errorMessage": f"unknown job type; one of {', '.join(types)}",
                },
                "backend": self.defs.add("backend", self.backend()),
                "metadata": self.defs.add("metadata", self.metadata()),
                "noise": self.noise_values(),
            },
            "allOf": [*dispatch, *self.family_rules(), *self.qubit_count_rules()],
        }

    def backend(self) -> Json:
        """Listed systems that are not retired, and those the spec names. An unlisted system of a
        known family is an error in lint (IQ403): a new system is configuration, and the schema
        exported under that configuration lists it."""
        catalog = self.catalog
        listed = sorted(
            {name for name, b in catalog.backends.items() if not b.retired}
            | (self.facts.spec_backends - set(catalog.backends))
        )
        retired = sorted(name for name, b in catalog.backends.items() if b.retired)
        gone = f" ({', '.join(retired)} retired)" if retired else ""
        return {
            "title": "Backend",
            "description": self.words["backend"],
            "type": "string",
            "enum": listed,
            "errorMessage": f"unknown backend{gone}; one of {', '.join(listed)}",
        }

    def metadata(self) -> Json:
        limits = self.limits
        value_length = int(limits["metadata_max_value_length"])
        return {
            "title": "Metadata",
            "description": self.words["metadata"],
            "type": "object",
            "maxProperties": int(limits["metadata_max_keys"]),
            "propertyNames": {"maxLength": int(limits["metadata_max_key_length"])},
            "additionalProperties": {
                "description": self.words["metadata.*"],
                "type": "string",
                "maxLength": value_length,
            },
        }

    def noise_values(self) -> Json:
        """The noise model and seed, for any job type (lint's IQ406/IQ407); the noise object's own
        shape is the job type's."""
        models = sorted(self.facts.noise_models | set(self.catalog.noise_models))
        low, high = int(self.limits["noise_seed_min"]), int(self.limits["noise_seed_max"])
        seed: Json = {
            "description": self.words["noise.seed"],
            "type": ["integer", "null"] if self.catalog.nullable_noise_seed else "integer",
            "minimum": low,
            "maximum": high,
        }
        return {
            "description": self.words["noise"],
            "properties": {
                "model": {
                    "description": self.words["noise.model"],
                    "enum": models,
                    "errorMessage": f"unknown noise model; one of {', '.join(models)}",
                },
                "seed": seed,
            },
        }

    # --- one job type ----------------------------------------------------------------------------

    def job(self, job_type: str) -> Json:
        facts = self.facts
        payload = facts.resolve(facts.payloads[job_type])
        defined: Mapping[str, Any] = payload.get("properties", {})
        props: dict[str, Any] = {}
        for key, sub in defined.items():
            if key in _AT_ROOT and key != "noise":
                props[key] = True  # checked at the root
            elif key == "noise":
                props[key] = self.noise_shape(sub)
            elif key == "shots":
                props[key] = self.shots(job_type)
            elif key == "input":
                props[key] = self.input(job_type)
            else:
                props[key] = self.described(self.tr.schema(sub), key)
        for key in sorted(self.catalog.top_level_extensions - defined.keys()):
            props[key] = {"description": self.words.get(key, "Sent by IonQ's clients; IonQ ignores it.")}
        out: Json = {
            "title": f"{job_type} job",
            "description": text.JOB_TYPES.get(job_type, f"A `{job_type}` job."),
            "type": "object",
            "properties": props,
        }
        if payload.get("required"):
            out["required"] = [str(name) for name in payload["required"]]
        additional = payload.get("additionalProperties")
        if additional is False:
            out["additionalProperties"] = False
        elif isinstance(additional, Mapping):
            out["additionalProperties"] = self.tr.schema(additional)
        return out

    def noise_shape(self, sub: Any) -> Json:
        shape = self.tr.inline(sub)
        props = shape.get("properties")
        if isinstance(props, dict):
            for key in ("model", "seed"):
                if key in props:
                    props[key] = True  # checked at the root
        return shape

    def shot_bounds(self, job_type: str) -> tuple[int | None, int | None]:
        """The bounds lint's IQ501 reads (rules/shots.shot_bounds), as whole numbers."""
        low, high = shot_bounds(self.facts, job_type)
        return (
            int(low) if isinstance(low, (int, float)) else None,
            int(high) if isinstance(high, (int, float)) else None,
        )

    def shots(self, job_type: str) -> Json:
        low, high = self.shot_bounds(job_type)
        where = f"[{low if low is not None else '-'}, {high if high is not None else '-'}]"
        out: Json = {
            "title": "Shots",
            "description": self.words["shots"],
            "type": ["integer", "string"],
            "default": DEFAULT_SHOTS,
            "errorMessage": f"shots: a whole number in {where} (a string of digits is accepted too)",
        }
        if low is not None:
            out["minimum"] = low
        if high is not None:
            out["maximum"] = high
        out["pattern"] = _digits(low, high) or "[^\\s\\S]"  # no string fits an empty range
        return out

    # --- the input -------------------------------------------------------------------------------

    def input(self, job_type: str) -> Any:
        variants = self.facts.inputs.get(job_type, ())
        multi = [v for v in variants if v.kind == "circuits"]
        if multi:
            return self.multi(multi[0])
        if not variants:
            return True
        chosen = self.selected(variants)
        # lint reports the first such field and checks nothing else of the input (IQ114).
        body = chosen
        for field, message, _ in reversed(wrong_shapes(self.facts, job_type, variants)):
            body = {
                "if": {"required": [field]},
                "then": {"properties": {field: reject(message)}},
                "else": body,
            }
        return {"description": self.words["input"], "type": "object", "allOf": [body]}

    def selected(self, variants: Sequence[InputVariant]) -> Any:
        """lint's choice among a job type's input shapes (structure._check_input): those the input's
        own fields select, else all of them, as one if/then per combination of those fields."""
        selectors = sorted({_selector_key(v) for v in variants if v.kind in ("gates", "source")})
        if not selectors:
            return self.shapes(list(variants))
        cases: dict[str, tuple[Any, list[Json]]] = {}
        for truth in itertools.product((True, False), repeat=len(selectors)):
            holds = dict(zip(selectors, truth, strict=True))
            chosen = [v for v in variants if v.kind in ("gates", "source") and holds[_selector_key(v)]]
            schema = self.shapes(chosen or list(variants))
            condition = {
                "allOf": [_selector(key) if held else {"not": _selector(key)} for key, held in holds.items()]
            }
            cases.setdefault(json.dumps(schema, sort_keys=True), (schema, []))[1].append(condition)
        if len(cases) == 1:
            return next(iter(cases.values()))[0]
        return {
            "allOf": [
                {"if": conditions[0] if len(conditions) == 1 else {"anyOf": conditions}, "then": schema}
                for schema, conditions in cases.values()
            ]
        }

    def shapes(self, chosen: list[InputVariant]) -> Any:
        kinds = {v.kind for v in chosen}
        if kinds == {"gates"}:
            return self.gate_input(chosen)
        if len(chosen) == 1 and chosen[0].kind == "source":
            return self.source(chosen[0])
        if len(chosen) == 1:
            return self.described(self.tr.inline(chosen[0].schema), "input")
        return {"anyOf": [self.tr.schema(v.schema) for v in chosen]}

    def gate_input(self, variants: list[InputVariant]) -> Json:
        """One gate list, in the gateset `input.gateset` names (absent: lint reads the gates as the
        spec's first gateset and the input as the first shape)."""
        allowed = [name for v in variants for name in v.gatesets]
        first = variants[0]
        default = self.facts.default_gateset or (first.gatesets[0] if first.gatesets else None)
        branches: list[Json] = []
        if default is not None and default in self.gates.lists:
            branches.append(
                {"if": {"not": {"required": ["gateset"]}}, "then": self.circuit_input(first, default)}
            )
        for v in variants:
            for name in v.gatesets:
                if name in self.gates.lists:
                    picked = {"required": ["gateset"], "properties": {"gateset": {"const": name}}}
                    branches.append({"if": picked, "then": self.circuit_input(v, name)})
        return {
            "properties": {
                "gateset": {
                    "description": self.words["input.gateset"],
                    "enum": allowed,
                    "errorMessage": f"unknown gateset; one of {', '.join(allowed)}",
                }
            },
            "allOf": branches,
        }

    def circuit_input(self, variant: InputVariant, gateset: str) -> Json:
        shape: Json = self.described(self.tr.inline(variant.schema), "input")
        props = shape.setdefault("properties", {})
        props["circuit"] = self.gates.lists[gateset]
        props["gateset"] = True  # chosen by now; the dispatch reported a wrong one
        # lint: `circuits` beside `circuit` is IQ703; alone, an unknown field of this input.
        props.setdefault(
            "circuits",
            reject("a single-circuit input takes `circuit`; `circuits` is for multi-circuit jobs"),
        )
        return self.defs.unique(f"input.{gateset}", shape)

    def source(self, variant: InputVariant) -> Json:
        shape: Json = self.described(self.tr.inline(variant.schema), "input")
        props = shape.setdefault("properties", {})
        for key in sorted(self.catalog.qasm3_input_fields - props.keys()):
            props[key] = {"description": self.words.get(f"input.{key}@source", "")}
        return shape

    def multi(self, variant: InputVariant) -> Json:
        shape: Json = self.described(self.tr.inline(variant.schema), "input")
        props = shape.setdefault("properties", {})
        names = list(self.facts.gatesets)
        own = [
            {
                "if": {"required": ["gateset"], "properties": {"gateset": {"const": name}}},
                "then": self.circuit(name),
            }
            for name in names
            if self.facts.gatesets[name].circuit_schema is not None
        ]
        cap = self.max_circuits
        props["gateset"] = {
            "description": self.words["input.gateset"],
            "enum": names,
            "errorMessage": f"unknown gateset; one of {', '.join(names)}",
        }
        props["circuits"] = {
            "description": self.words["input.circuits"],
            "type": "array",
            "maxItems": cap,
            "items": {
                "type": "object",
                "properties": {
                    "gateset": {
                        "description": self.words["circuit.gateset"],
                        "enum": names,
                        "errorMessage": f"unknown gateset; one of {', '.join(names)}",
                    }
                },
                "allOf": own,
            },
        }
        inherited = [
            {
                "if": self.parent_selects(name),
                "then": {
                    "properties": {
                        "circuits": {
                            "items": {"if": {"not": {"required": ["gateset"]}}, "then": self.circuit(name)}
                        }
                    }
                },
            }
            for name in names
            if self.facts.gatesets[name].circuit_schema is not None
        ]
        mixed = {
            "if": {"required": ["circuit"]},
            "then": {
                "properties": {
                    "circuits": reject(
                        "`circuit` and `circuits` together: a multi-circuit input takes `circuits`"
                    )
                }
            },
        }
        shape["allOf"] = [*inherited, mixed]
        return shape

    def circuit(self, gateset: str) -> Json:
        """One entry of a multi-circuit input, in `gateset`."""

        def build() -> Json:
            entry = self.facts.gatesets[gateset].circuit_schema
            shape: Json = self.described(self.tr.inline(entry), "circuit")
            props = shape.setdefault("properties", {})
            props["circuit"] = self.gates.lists[gateset]
            props["gateset"] = True  # chosen by now
            return shape

        return self.defs.once(f"circuit.{gateset}", build)

    def parent_selects(self, gateset: str) -> Json:
        """`input.gateset` is `gateset`, or absent and `gateset` is the default."""
        picked: Json = {"properties": {"gateset": {"const": gateset}}}
        if gateset != self.facts.default_gateset:
            picked["required"] = ["gateset"]
        return picked

    def described(self, schema: Any, path: str) -> Any:
        """`schema` (the field at `path` in a payload, as "settings.compilation") with our hover help
        on it and on its inline properties, where text.FIELDS has some."""
        words = self.words.get(path)
        if words is not None:
            schema = {"description": words} if schema is True else {**schema, "description": words}
        if isinstance(schema, dict) and isinstance(schema.get("properties"), dict):
            schema["properties"] = {
                key: self.described(sub, f"{path}.{key}") for key, sub in schema["properties"].items()
            }
        return schema

    # --- rules between fields, at the root ---------------------------------------------------

    def family_rules(self) -> list[Json]:
        """IQ303: a native two-qubit gate the target's hardware family does not run (the backend's
        family; on the simulator, the noise model's)."""
        rules = []
        for gateset, two_qubit in sorted(self.gates.two_qubit.items()):
            for family, wanted in sorted(self.catalog.two_qubit_gates.items()):
                other = sorted(two_qubit - {wanted})
                condition = self.family_condition(family)
                if not other or condition is None:
                    continue
                gate = {
                    "properties": {
                        "gate": {
                            "not": {"enum": other},
                            "errorMessage": f"{family}-family systems run {wanted}, not "
                            f"{' or '.join(other)}: compile two-qubit gates to {wanted}",
                        }
                    }
                }
                rules.append(
                    {"if": condition, "then": {"properties": {"input": self.on_gates(gateset, gate)}}}
                )
        return rules

    def family_condition(self, family: str) -> Json | None:
        """The payload targets `family` (validators/rules/native.py: a listed QPU's family, an
        unlisted name's first matching pattern, or on a listed simulator the noise model's family)."""
        catalog = self.catalog
        known = sorted(catalog.backends)
        cases: list[Json] = []
        qpus = sorted(n for n, b in catalog.backends.items() if b.kind != "simulator" and b.family == family)
        if qpus:
            cases.append({"required": ["backend"], "properties": {"backend": {"enum": qpus}}})
        for index, (pattern, owner) in enumerate(catalog.family_patterns):
            if owner != family:
                continue
            earlier = [p for p, f in catalog.family_patterns[:index] if f != family]
            name: Json = {"type": "string", "pattern": _any_of_globs([pattern]), "not": {"enum": known}}
            if earlier:
                name = {"allOf": [name, {"not": {"pattern": _any_of_globs(earlier)}}]}
            cases.append({"required": ["backend"], "properties": {"backend": name}})
        simulators = sorted(n for n, b in catalog.backends.items() if b.kind == "simulator")
        models = sorted(m for m, model in catalog.noise_models.items() if model.family == family)
        if simulators and models:
            cases.append(
                {
                    "required": ["backend", "noise"],
                    "properties": {"backend": {"enum": simulators}, "noise": _noise_model_in(models)},
                }
            )
        if not cases:
            return None
        return cases[0] if len(cases) == 1 else {"anyOf": cases}

    def on_gates(self, gateset: str, rule: Json) -> Json:
        """`input`: every gate of every gate list written in `gateset` satisfies `rule` (the input's
        own list, and each entry of `circuits` by its own or the input's gateset)."""
        each = {"properties": {"circuit": {"items": rule}}}
        own = {"required": ["gateset"], "properties": {"gateset": {"const": gateset}}}
        return {
            "allOf": [
                {
                    "if": self.parent_selects(gateset),
                    "then": {
                        "properties": {
                            "circuit": {"items": rule},
                            "circuits": {"items": {"if": {"not": {"required": ["gateset"]}}, "then": each}},
                        }
                    },
                },
                {"properties": {"circuits": {"items": {"if": own, "then": each}}}},
            ]
        }

    def qubit_count_rules(self) -> list[Json]:
        """IQ401 for the declared counts, against what the target holds (rules/targets.qubit_cap):
        `input.qubits` of any job type (qiskit-ionq sends it with OpenQASM 3 jobs too) and each
        circuit's own `qubits`. What a circuit without a count or a program needs is lint's alone."""
        rules = []
        for count, cases in sorted(self.qubit_caps().items()):
            at_most = {"maximum": count}
            declared = {
                "properties": {
                    "qubits": at_most,
                    "circuits": {
                        "items": {
                            "if": {"required": ["circuit"]},
                            "then": {"properties": {"qubits": at_most}},
                        }
                    },
                }
            }
            condition = cases[0] if len(cases) == 1 else {"anyOf": cases}
            rules.append({"if": condition, "then": {"properties": {"input": declared}}})
        return rules

    def qubit_caps(self) -> dict[int, list[Json]]:
        """Qubit count -> the targets that hold that many: a backend with a count; on a simulator,
        with a noise model whose limit is lower than the simulator's (or without a count of the
        simulator's own), the model's. A model without a count leaves the simulator's own."""
        catalog = self.catalog
        by_count: dict[int, list[Json]] = {}
        for name, backend in sorted(catalog.backends.items()):
            picked: Json = {"required": ["backend"], "properties": {"backend": {"const": name}}}
            if backend.kind != "simulator":
                if backend.qubits is not None:
                    by_count.setdefault(backend.qubits, []).append(picked)
                continue
            caps = {m: _lower(backend.qubits, model.qubits) for m, model in catalog.noise_models.items()}
            changed = sorted(m for m, cap in caps.items() if cap != backend.qubits)
            if backend.qubits is not None:
                if changed:
                    picked = {
                        **picked,
                        "not": {"required": ["noise"], "properties": {"noise": _noise_model_in(changed)}},
                    }
                by_count.setdefault(backend.qubits, []).append(picked)
            by_model: dict[int, list[str]] = {}
            for model_name in changed:
                cap = caps[model_name]
                if cap is not None:
                    by_model.setdefault(cap, []).append(model_name)
            for cap, models in sorted(by_model.items()):
                with_model = {
                    "required": ["backend", "noise"],
                    "properties": {"backend": {"const": name}, "noise": _noise_model_in(models)},
                }
                by_count.setdefault(cap, []).append(with_model)
        return by_count


def _lower(own: int | None, model: int | None) -> int | None:
    """The simulator's cap with a noise model: the lower of the two counts; a missing one leaves the other."""
    if own is None or model is None:
        return model if own is None else own
    return min(own, model)


def _selector_key(variant: InputVariant) -> str:
    return f"source:{variant.field}" if variant.kind == "source" else variant.kind


def _selector(key: str) -> Json:
    """When lint's selection (structure._selects) picks the input shapes of this kind."""
    if key.startswith("source:"):
        return {"required": [key.removeprefix("source:")]}
    return {
        "anyOf": [{"required": ["circuit"]}, {"required": ["gateset"], "not": {"required": ["circuits"]}}]
    }


def _noise_model_in(models: Sequence[str]) -> Json:
    model: Json = {"const": models[0]} if len(models) == 1 else {"enum": list(models)}
    return {"type": "object", "required": ["model"], "properties": {"model": model}}


def _any_of_globs(globs: Any) -> str:
    bodies = [patterns.glob(g)[1:-1] for g in globs]
    return "^(?:" + "|".join(bodies) + ")$"


def _digits(low: int | None, high: int | None) -> str | None:
    """The pattern of a numeric string within [low, high] as lint reads one, or None if none fits."""
    start = max(low or 0, 0)
    if high is not None and high < start:
        return None
    return patterns.decimal_string(start, high)
