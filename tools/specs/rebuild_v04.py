"""Rebuild specs/ionq-v0.4.openapi.yaml from seed 003 and the full upstream spec.

Provenance tool, rerun only when the upstream spec is replaced:

    .venv/bin/python tools/specs/rebuild_v04.py [--shared ../shared] [--out specs/ionq-v0.4.openapi.yaml]

Seed 003 is the first 32 KB of the May 2026 v0.4 spec with every line's leading whitespace (and
blank lines, and runs of inner spaces) lost, so its YAML nesting is gone. We restore it by aligning
each seed line with the next matching line of the full spec, which gives back its indentation,
then check that the restored seed parses to a prefix of the full spec: every value it holds must
be the full spec's value at the same place. The only differences allowed are the e-mail addresses
a web page obfuscated ("[email protected]"). Past the 32 KB cut the full spec is the source.

The result keeps every structural fact (paths, operations, parameters, schemas, enums, limits,
defaults, formats, examples) and drops upstream prose: descriptions, summaries and code samples.
Response objects must have a description in OpenAPI 3.0, so they get the HTTP reason phrase.
Facts that upstream states only in prose are carried by our own short descriptions (OUR_WORDS).
"""

from __future__ import annotations

import argparse
import io
import re
import sys
from collections.abc import Iterator
from http import HTTPStatus
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from ionqkit.spec.atomic import write_file_atomically
from ionqkit.spec.loader import join_pointer, load_bytes, load_path, split_pointer

REPO = Path(__file__).resolve().parents[2]
SEED_NAME = "seeds/003_4cb836928e8a9b69.txt"
FULL_NAME = "reference/ionq-v0.4-2026-05.openapi.yml"
OBFUSCATED = "[email protected]"
LOOKAHEAD = 8

HEADER = """\
# IonQ Quantum Cloud API v0.4 (upstream "Last updated: May 15, 2026"), normalized for ionqkit.
# Rebuilt by tools/specs/rebuild_v04.py from seed 003 and the full upstream spec: structure, names,
# enums, limits and examples are upstream's; upstream prose is left out; descriptions are ours.
# Upstream defects are not fixed here but in overlays/ionq-v0.4.overlay.yaml. See specs/README.md.
"""

# Facts upstream gives only in prose, restated in our words (pointer -> description).
OUR_WORDS: dict[str, str] = {
    "/components/schemas/JobBackends": (
        "Backend identifier. A free string since May 2026 (no enum); known values: simulator, "
        "qpu.aria-1, qpu.aria-2, qpu.forte-1, qpu.forte-enterprise-1."
    ),
    "/components/schemas/Backend/properties/backend": (
        "Backend identifier, e.g. simulator, qpu.aria-1, qpu.aria-2, qpu.forte-1, "
        "qpu.forte-enterprise-1, qpu.forte-enterprise-2, qpu.forte-enterprise-3."
    ),
    "/components/schemas/Backend/properties/status": (
        "Backend status; known values: available, unavailable, retired."
    ),
    "/paths/~1jobs/post": (
        "Create a job. Limits enforced server-side: request body at most 10 MB; multi-circuit jobs "
        "at most 150,000 gates in total; circuits inherit input.gateset unless they set their own."
    ),
    "/components/schemas/CircuitJobCreationPayload/properties/settings/properties/error_mitigation": (
        "Debiasing needs at least 500 shots."
    ),
    "/components/schemas/MultiCircuitJobCreationPayload/properties/settings/properties/error_mitigation": (
        "Debiasing needs at least 500 shots."
    ),
}

# OpenAPI 3.0 objects and, for each, which members hold what (None = data to keep as is).
_NAMED_MAPS = {
    "schemas": "schema",
    "responses": "response",
    "parameters": "parameter",
    "examples": "example",
    "requestBodies": "request_body",
    "headers": "header",
    "securitySchemes": "security_scheme",
    "links": "drop_prose",
    "callbacks": "drop_prose",
}
_OPERATIONS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
_PROSE = frozenset({"description", "summary", "x-codeSamples"})


def restore_seed(seed_text: str, full_text: str) -> tuple[str, list[str]]:
    """Give each seed line the indentation of its match in the full spec.

    Returns the restored text and the list of seed lines that differ from their match (only
    obfuscated e-mail addresses are expected).
    """

    def norm(line: str) -> str:
        return re.sub(r"\s+", " ", line.strip())

    full = [line for line in full_text.splitlines() if line.strip()]
    restored: list[str] = []
    differences: list[str] = []
    j = 0
    for raw in seed_text.splitlines():
        line = norm(raw)
        if not line or line.startswith("# --- truncated") or line.startswith("# Full source"):
            continue
        window = range(j, min(j + LOOKAHEAD, len(full)))
        match = next((k for k in window if norm(full[k]) == line), None)
        if match is None:
            if OBFUSCATED not in line:
                raise SystemExit(f"seed line does not match the full spec near line {j + 1}: {line!r}")
            differences.append(line)
            match = j
        indent = full[match][: len(full[match]) - len(full[match].lstrip())]
        restored.append(
            indent + (raw.strip() if match != j or OBFUSCATED not in line else full[match].strip())
        )
        j = match + 1
    return "\n".join(restored) + "\n", differences


def leaves(node: Any, pointer: str = "") -> Iterator[tuple[str, Any]]:
    if isinstance(node, dict):
        for key, value in node.items():
            yield from leaves(value, join_pointer(pointer, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from leaves(value, join_pointer(pointer, index))
    else:
        yield pointer, node


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def check_prefix(seed_data: Any, full_data: Any) -> int:
    """Every leaf of the restored seed equals the full spec's leaf at the same pointer."""
    checked = 0
    for pointer, value in leaves(seed_data):
        node = full_data
        for token in split_pointer(pointer):
            node = node[int(token)] if isinstance(node, list) else node[token]
        if isinstance(value, str) and isinstance(node, str):
            # The seed lost blank lines and runs of spaces, which YAML folds into string values.
            same = _squash(value) == _squash(node) or OBFUSCATED in value
        else:
            same = value == node
        if not same:
            raise SystemExit(
                f"restored seed disagrees with the full spec at {pointer}: {value!r} != {node!r}"
            )
        checked += 1
    return checked


class _Stripper:
    """Walks an OpenAPI 3.0 document by object type, dropping prose and keeping data."""

    def document(self, doc: dict[str, Any]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, value in doc.items():
            if key == "info":
                out[key] = {k: v for k, v in value.items() if k not in _PROSE}
            elif key == "servers":
                out[key] = [{k: v for k, v in s.items() if k not in _PROSE} for s in value]
            elif key == "paths":
                out[key] = {p: self.path_item(item, join_pointer("/paths", p)) for p, item in value.items()}
            elif key == "components":
                out[key] = {
                    kind: {
                        name: self.by_kind(_NAMED_MAPS.get(kind, "keep"), obj, f"/components/{kind}/{name}")
                        for name, obj in members.items()
                    }
                    for kind, members in value.items()
                }
            elif key == "tags":
                out[key] = [{k: v for k, v in tag.items() if k not in _PROSE} for tag in value]
            else:
                out[key] = value
        return out

    def by_kind(self, kind: str, node: Any, pointer: str) -> Any:
        handler = getattr(self, kind, None)
        return handler(node, pointer) if handler else node

    def keep(self, node: Any, pointer: str) -> Any:
        return node

    def drop_prose(self, node: Any, pointer: str) -> Any:
        if isinstance(node, dict):
            return {k: v for k, v in node.items() if k not in _PROSE}
        return node

    def _with_ours(self, out: dict[str, Any], pointer: str) -> dict[str, Any]:
        if pointer in OUR_WORDS:
            out["description"] = OUR_WORDS[pointer]
        return out

    def path_item(self, node: dict[str, Any], pointer: str) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, value in node.items():
            if key in _PROSE:
                continue
            here = join_pointer(pointer, key)
            if key in _OPERATIONS:
                out[key] = self.operation(value, here)
            elif key == "parameters":
                out[key] = [self.parameter(p, join_pointer(here, i)) for i, p in enumerate(value)]
            else:
                out[key] = value
        return out

    def operation(self, node: dict[str, Any], pointer: str) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, value in node.items():
            if key in _PROSE:
                continue
            here = join_pointer(pointer, key)
            if key == "parameters":
                out[key] = [self.parameter(p, join_pointer(here, i)) for i, p in enumerate(value)]
            elif key == "requestBody":
                out[key] = self.request_body(value, here)
            elif key == "responses":
                out[key] = {code: self.response(r, join_pointer(here, code)) for code, r in value.items()}
            else:
                out[key] = value
        return self._with_ours(out, pointer)

    def parameter(self, node: dict[str, Any], pointer: str) -> dict[str, Any]:
        if "$ref" in node:
            return node
        out: dict[str, Any] = {}
        for key, value in node.items():
            if key in _PROSE:
                continue
            here = join_pointer(pointer, key)
            if key == "schema":
                out[key] = self.schema(value, here)
            elif key == "content":
                out[key] = {m: self.media_type(v, join_pointer(here, m)) for m, v in value.items()}
            elif key == "examples":
                out[key] = {n: self.example(v, join_pointer(here, n)) for n, v in value.items()}
            else:
                out[key] = value
        return self._with_ours(out, pointer)

    header = parameter

    def request_body(self, node: dict[str, Any], pointer: str) -> dict[str, Any]:
        if "$ref" in node:
            return node
        out = {k: v for k, v in node.items() if k not in _PROSE}
        if "content" in out:
            content = out["content"]
            out["content"] = {
                m: self.media_type(v, join_pointer(pointer, f"content/{m}")) for m, v in content.items()
            }
        return self._with_ours(out, pointer)

    def response(self, node: dict[str, Any], pointer: str) -> dict[str, Any]:
        if "$ref" in node:
            return node
        out: dict[str, Any] = {}
        status = pointer.rsplit("/", 1)[-1]
        for key, value in node.items():
            here = join_pointer(pointer, key)
            if key == "description":
                out[key] = _reason(status)
            elif key in _PROSE:
                continue
            elif key == "content":
                out[key] = {m: self.media_type(v, join_pointer(here, m)) for m, v in value.items()}
            elif key == "headers":
                out[key] = {h: self.header(v, join_pointer(here, h)) for h, v in value.items()}
            else:
                out[key] = value
        return out

    def media_type(self, node: dict[str, Any], pointer: str) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, value in node.items():
            here = join_pointer(pointer, key)
            if key == "schema":
                out[key] = self.schema(value, here)
            elif key == "examples":
                out[key] = {n: self.example(v, join_pointer(here, n)) for n, v in value.items()}
            else:
                out[key] = value
        return out

    def example(self, node: dict[str, Any], pointer: str) -> dict[str, Any]:
        return {k: v for k, v in node.items() if k not in _PROSE}

    def security_scheme(self, node: dict[str, Any], pointer: str) -> dict[str, Any]:
        return {k: v for k, v in node.items() if k not in _PROSE}

    def schema(self, node: Any, pointer: str) -> Any:
        if not isinstance(node, dict):
            return node
        out: dict[str, Any] = {}
        for key, value in node.items():
            here = join_pointer(pointer, key)
            if key in ("description", "x-codeSamples"):
                continue
            if key == "properties":
                out[key] = {name: self.schema(s, join_pointer(here, name)) for name, s in value.items()}
            elif key in ("items", "not") or (key == "additionalProperties" and isinstance(value, dict)):
                out[key] = self.schema(value, here)
            elif key in ("allOf", "anyOf", "oneOf"):
                out[key] = [self.schema(s, join_pointer(here, i)) for i, s in enumerate(value)]
            else:
                out[key] = value
        return self._with_ours(out, pointer)


def _reason(status: str) -> str:
    if status.isdigit():
        try:
            return HTTPStatus(int(status)).phrase
        except ValueError:
            pass
    return "Response" if status != "default" else "Any other response"


def dump(data: Any) -> str:
    yaml = YAML(typ="rt", pure=True)
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=2, offset=0)
    buffer = io.StringIO()
    yaml.dump(data, buffer)
    return HEADER + buffer.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--out", type=Path, default=REPO / "specs" / "ionq-v0.4.openapi.yaml")
    args = parser.parse_args(argv)
    seed_text = (args.shared / SEED_NAME).read_text(encoding="utf-8")
    full = load_path(args.shared / FULL_NAME)
    restored, differences = restore_seed(seed_text, full.text)
    seed = load_bytes(restored, name="restored seed 003")
    checked = check_prefix(seed.data, full.data)
    print(f"seed 003: {checked} values restored and checked against the full spec", file=sys.stderr)
    print(f"seed 003: {len(differences)} lines differ only by an obfuscated e-mail address", file=sys.stderr)
    text = dump(_Stripper().document(full.data))
    write_file_atomically(args.out, text.encode("utf-8"))
    print(f"wrote {args.out} ({len(text):,} bytes)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
