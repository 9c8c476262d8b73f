"""Rewrite one v0.3 job-creation payload into its v0.4 form, saying what changed and what could not.

Pure function: `migrate_payload(payload) -> Migration(payload, changes, unmapped)`. The input is
never modified. Every rewrite rests on a documented fact (reference/facts/v03-facts.md and
validation-facts.md section 12) or on what IonQ's own clients send to v0.4:

- `target` -> `backend` (absent: v0.3's documented default, `simulator`);
- older cirq-ionq's `{"lang": "json", "body": {...}}` -> `input`;
- `input.format: ionq.circuit.v0` -> `type: ionq.circuit.v1`, or `ionq.multi-circuit.v1` when the
  input holds `circuits`; a missing `input.gateset` gets v0.3's default `qis` (v0.4 requires it);
- `error_mitigation.debias` (qiskit-ionq, v0.3 docs) and `error_mitigation.debiasing` (cirq-ionq)
  -> `settings.error_mitigation.debiasing`;
- `shots` as a string ("1000", older cirq-ionq) or an integral float -> integer;
- top-level `registers` (qiskit-ionq single-circuit jobs) is dropped: v0.4 single-circuit jobs have
  no registers and qiskit-ionq 1.x stops sending them; per-circuit registers are kept;
- `noise.seed: null` is dropped (v0.4's seed is a non-null integer; absent means random);
- scalar metadata values become strings (v0.4 metadata values are strings).

Anything else that v0.4 does not accept is left untouched and listed in `unmapped` with the reason:
the caller decides, nothing is guessed.
"""

from __future__ import annotations

import copy
import json
import math
from dataclasses import dataclass, field
from typing import Any

from ionqkit.numerals import ascii_digits
from ionqkit.spec.pointers import join_pointer

V03_FORMAT = "ionq.circuit.v0"
SINGLE, MULTI = "ionq.circuit.v1", "ionq.multi-circuit.v1"
DEFAULT_BACKEND = "simulator"  # v0.3 `target` default
DEFAULT_GATESET = "qis"  # v0.3 `input.gateset` default
# CircuitJobCreationPayload / MultiCircuitJobCreationPayload properties, in the order we write them.
V04_KEYS = (
    "type",
    "name",
    "backend",
    "shots",
    "metadata",
    "noise",
    "settings",
    "session_id",
    "dry_run",
    "input",
)
V04_INPUT_KEYS = ("gateset", "qubits", "circuit", "circuits")
V04_ERROR_MITIGATION_KEYS = ("debiasing",)


@dataclass(frozen=True)
class Note:
    """One change (old -> new pointer) or one unmapped element (pointer only)."""

    pointer: str
    message: str
    new_pointer: str | None = None

    def __str__(self) -> str:
        where = self.pointer or "/"
        if self.new_pointer is not None and self.new_pointer != self.pointer:
            where = f"{where} -> {self.new_pointer or '/'}"
        return f"{where}: {self.message}"


@dataclass
class Migration:
    payload: Any
    changes: list[Note] = field(default_factory=list)
    unmapped: list[Note] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return not self.unmapped

    def change(self, old: str, new: str, message: str) -> None:
        self.changes.append(Note(old, message, new))

    def cannot(self, pointer: str, message: str) -> None:
        self.unmapped.append(Note(pointer, message))


def is_v04(payload: Any) -> bool:
    return (
        isinstance(payload, dict) and "type" in payload and "target" not in payload and "lang" not in payload
    )


def migrate_payload(payload: Any) -> Migration:
    """The v0.4 form of a v0.3 job payload; a v0.4 payload comes back unchanged."""
    result = Migration(copy.deepcopy(payload))
    if not isinstance(payload, dict):
        result.cannot("", "a job payload must be a JSON object")
        return result
    if is_v04(payload):
        return result
    out: dict[str, Any] = {}
    rest = copy.deepcopy(payload)
    _backend(rest, out, result)
    _input(rest, out, result)
    _shots(rest, out, result)
    _settings(rest, out, result)
    if "registers" in rest:
        rest.pop("registers")
        result.change("/registers", "/registers", "removed: v0.4 single-circuit jobs have no registers")
    for key in ("name", "session_id", "dry_run"):
        if key in rest:
            out[key] = rest.pop(key)
    if "metadata" in rest:
        out["metadata"] = _metadata(rest.pop("metadata"), result)
    if "noise" in rest:
        out["noise"] = _noise(rest.pop("noise"), result)
    for key in sorted(rest):
        result.cannot(join_pointer("", key), f"{key!r} has no v0.4 equivalent; left as is")
        out[key] = rest[key]
    result.payload = {key: out[key] for key in (*V04_KEYS, *sorted(set(out) - set(V04_KEYS))) if key in out}
    return result


def _backend(rest: dict[str, Any], out: dict[str, Any], result: Migration) -> None:
    target, backend = rest.pop("target", None), rest.pop("backend", None)
    if target is not None and backend is not None and target != backend:
        result.cannot("/target", f"both target {target!r} and backend {backend!r} are set")
        out["backend"], out["target"] = backend, target
    elif target is not None:
        out["backend"] = target
        result.change("/target", "/backend", "target renamed to backend")
    elif backend is not None:
        out["backend"] = backend
    else:
        out["backend"] = DEFAULT_BACKEND
        result.change("", "/backend", f"backend set to {DEFAULT_BACKEND!r}, v0.3's default target")


def _input(rest: dict[str, Any], out: dict[str, Any], result: Migration) -> None:
    source = "/input"
    if "lang" in rest or "body" in rest:
        lang, body = rest.pop("lang", None), rest.pop("body", None)
        if lang != "json" or not isinstance(body, dict) or "input" in rest:
            result.cannot("/body", f"older cirq-ionq body with lang {lang!r} cannot be mapped")
            out["lang"], out["body"] = lang, body
            return
        rest["input"], source = body, "/body"
        result.change("/body", "/input", "older cirq-ionq {lang: json, body} form: body becomes input")
    if "input" not in rest:
        result.cannot("", "no input (v0.4 requires one)")
        return
    payload_input = rest.pop("input")
    if not isinstance(payload_input, dict):
        result.cannot(source, "input must be an object (the legacy list form has no v0.4 equivalent)")
        out["input"] = payload_input
        return
    new_input = dict(payload_input)
    fmt = new_input.pop("format", V03_FORMAT)
    if fmt != V03_FORMAT:
        result.cannot(join_pointer(source, "format"), f"input format {fmt!r} has no v0.4 job type")
        new_input["format"] = fmt
        out["input"] = new_input
        return
    job_type = MULTI if "circuits" in new_input else SINGLE
    out["type"] = job_type
    moved_from = join_pointer(source, "format") if "format" in payload_input else source
    default = "" if "format" in payload_input else " (v0.3's default)"
    result.change(moved_from, "/type", f"input format {fmt}{default} becomes type {job_type}")
    if "gateset" not in new_input:
        new_input["gateset"] = DEFAULT_GATESET
        result.change(source, "/input/gateset", f"gateset set to {DEFAULT_GATESET!r}, v0.3's default")
    for key in sorted(set(new_input) - set(V04_INPUT_KEYS)):
        result.cannot(join_pointer(source, key), f"input {key!r} has no v0.4 equivalent; left as is")
    if "circuit" in new_input and "circuits" in new_input:
        result.cannot(source, "input has both circuit and circuits; v0.4 rejects the mix")
    out["input"] = {
        k: new_input[k]
        for k in (*V04_INPUT_KEYS, *sorted(set(new_input) - set(V04_INPUT_KEYS)))
        if k in new_input
    }


def _shots(rest: dict[str, Any], out: dict[str, Any], result: Migration) -> None:
    if "shots" not in rest:
        return
    shots = rest.pop("shots")
    value = _integral(shots)
    if value is None:
        result.cannot("/shots", f"shots {shots!r} is not a whole number")
        out["shots"] = shots
        return
    out["shots"] = value
    if type(shots) is not int:
        result.change("/shots", "/shots", f"shots {json.dumps(shots)} becomes the integer {value}")


def _integral(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        return int(value)
    if isinstance(value, str) and ascii_digits(value.strip()):
        return int(value.strip())
    return None


def _settings(rest: dict[str, Any], out: dict[str, Any], result: Migration) -> None:
    settings = rest.pop("settings", None)
    if settings is not None and not isinstance(settings, dict):
        result.cannot("/settings", "settings must be an object")
        out["settings"] = settings
        return
    merged: dict[str, Any] = dict(settings or {})
    mitigation = rest.pop("error_mitigation", None)
    if mitigation is not None:
        if not isinstance(mitigation, dict):
            result.cannot("/error_mitigation", "error_mitigation must be an object")
            out["error_mitigation"] = mitigation
        else:
            target = dict(merged.get("error_mitigation") or {})
            for key, value in mitigation.items():
                if key in ("debias", "debiasing"):
                    target["debiasing"] = value
                    result.change(
                        f"/error_mitigation/{key}",
                        "/settings/error_mitigation/debiasing",
                        f"error_mitigation.{key} moved to settings.error_mitigation.debiasing",
                    )
                else:
                    result.cannot(
                        f"/error_mitigation/{key}", f"error mitigation {key!r} has no v0.4 equivalent"
                    )
                    out.setdefault("error_mitigation", {})[key] = value
            merged["error_mitigation"] = target
    if merged:
        out["settings"] = merged


def _metadata(metadata: Any, result: Migration) -> Any:
    if not isinstance(metadata, dict):
        result.cannot("/metadata", "metadata must be an object of strings")
        return metadata
    out: dict[str, Any] = {}
    for key, value in metadata.items():
        pointer = join_pointer("/metadata", key)
        if isinstance(value, str):
            out[key] = value
        elif value is None or isinstance(value, (bool, int, float)):
            out[key] = json.dumps(value)
            result.change(pointer, pointer, f"metadata value {json.dumps(value)} becomes a string")
        else:
            out[key] = value
            result.cannot(pointer, "metadata values must be strings in v0.4; nested values are not converted")
    return out


def _noise(noise: Any, result: Migration) -> Any:
    if isinstance(noise, dict) and "seed" in noise and noise["seed"] is None:
        result.change("/noise/seed", "/noise/seed", "null seed removed (absent means a random seed)")
        return {k: v for k, v in noise.items() if k != "seed"}
    return noise
