"""The facts the rules check against: the compiled `lint_facts.json` of a generated package.

`make generate` compiles them from the spec (ionqkit.spec.jobfacts) into
`generated/<package>/lint_facts.json`; this module only reads that JSON. Job types, input variants,
gate names, noise models and the schemas the structure rule walks therefore follow the spec the
package was generated from, and a lint process parses no YAML and walks no spec.

`facts_for_spec(spec, overlay)` lints against any v0.4-shaped spec instead (`ionqkit lint --spec`):
it compiles that spec's facts once and caches them under the user's cache folder by content hash.
"""

from __future__ import annotations

import functools
import json
import os
from collections.abc import Mapping

from ionqkit.errors import InputError, IonqkitError, SpecError
from ionqkit.paths import package_file
from ionqkit.records import field, record
from ionqkit.spec.factsformat import CATALOG_PARTS, FACTS_FILE, FORMAT
from ionqkit.spec.inputs import MAX_REF_CHAIN, read_file
from ionqkit.validators.catalog import Catalog, from_data

TYPE_CHECKING = False  # typing is not imported at run time: see ionqkit/__init__.py
if TYPE_CHECKING:
    from pathlib import Path
    from typing import Any, TypeAlias

# Which generated package holds the facts of each API version the linter checks against.
PACKAGES = {"v0.4": "ionq_v0_4"}
CATALOG_FILE = package_file(*CATALOG_PARTS)

Schema: TypeAlias = "Mapping[str, Any]"


@record(frozen=True)
class Gateset:
    """One gateset (`qis`, `native`): its gate names and the fields a gate object may carry."""

    name: str
    gates: frozenset[str]
    gate_schema: Schema
    gate_fields: frozenset[str]
    circuit_schema: Schema | None  # the per-circuit schema of multi-circuit jobs


@record(frozen=True)
class InputVariant:
    """One shape a job type's `input` may take (one branch of the spec's input union)."""

    kind: str  # "gates" (a gate list), "circuits" (a list of them), "source" (program text), "other"
    schema: Schema
    gatesets: tuple[str, ...] = ()
    field: str | None = None  # the program text's property, for "source"


@record(frozen=True)
class SpecFacts:
    api_version: str
    source: str  # where the facts came from, for messages
    payloads: Mapping[str, Schema]  # job type -> creation payload schema
    inputs: Mapping[str, tuple[InputVariant, ...]]  # job type -> the input shapes it takes
    gatesets: Mapping[str, Gateset]
    noise_models: frozenset[str]
    spec_backends: frozenset[str]  # backend names the spec itself lists (enum or description)
    max_circuits: int | None
    catalog: Catalog = field(repr=False)  # specs/backends.yaml as compiled with these facts
    definitions: Mapping[str, Any] = field(repr=False)
    spec: Mapping[str, str] = field(default_factory=dict, repr=False)  # the spec's title, version, sha256

    @property
    def default_gateset(self) -> str | None:
        """The gateset a gate list without one is read as: the spec's first."""
        return next(iter(self.gatesets), None)

    def resolve(self, schema: Schema) -> Schema:
        """`schema`, or what its `$ref` chain ends at (references into `definitions` only)."""
        return _resolve(self.definitions, schema, self.source)


def _resolve(definitions: Mapping[str, Any], schema: Schema, source: str) -> Schema:
    if not isinstance(schema, Mapping) or "$ref" not in schema:
        return schema  # the common case, on every step of the schema walk
    for _ in range(MAX_REF_CHAIN + 1):
        ref = schema.get("$ref") if isinstance(schema, Mapping) else None
        if not isinstance(ref, str):
            return schema
        target = definitions.get(ref)
        if not isinstance(target, Mapping):
            raise SpecError(f"lint facts: $ref {ref!r} does not resolve", file=source)
        schema = target
    raise SpecError(f"lint facts: $ref chain longer than {MAX_REF_CHAIN} references", file=source)


def from_json(data: Mapping[str, Any], source: str) -> SpecFacts:
    """SpecFacts from compiled lint facts (ionqkit.spec.jobfacts' output)."""
    if not isinstance(data, Mapping) or data.get("format") != FORMAT:
        found = data.get("format") if isinstance(data, Mapping) else None
        raise SpecError(
            f"lint facts of format {found!r}, expected {FORMAT}: regenerate them (`ionqkit generate`)",
            file=source,
        )
    definitions = data["definitions"]
    order = [name for name in data.get("gateset_order", ()) if name in data["gatesets"]]
    order += [name for name in data["gatesets"] if name not in order]
    gatesets = {}
    for name in order:
        entry = data["gatesets"][name]
        gate_schema = _resolve(definitions, entry["gate_schema"], source)
        gatesets[name] = Gateset(
            name=name,
            gates=frozenset(entry["gates"]),
            gate_schema=gate_schema,
            gate_fields=frozenset(gate_schema.get("properties", {})),  # the fields a gate object may carry
            circuit_schema=entry["circuit_schema"],
        )
    return SpecFacts(
        api_version=str(data["api_version"]),
        source=source,
        payloads=data["payloads"],
        inputs={
            job_type: tuple(
                InputVariant(
                    kind=v["kind"],
                    schema=v["schema"],
                    gatesets=tuple(v.get("gatesets", ())),
                    field=v.get("field"),
                )
                for v in variants
            )
            for job_type, variants in data["inputs"].items()
        },
        gatesets=gatesets,
        noise_models=frozenset(data["noise_models"]),
        spec_backends=frozenset(data["spec_backends"]),
        max_circuits=data["max_circuits"],
        catalog=from_data(data["catalog"]),
        definitions=definitions,
        spec={str(k): str(v) for k, v in data.get("spec", {}).items()},
    )


def facts_path(api_version: str) -> str:
    package = PACKAGES.get(api_version)
    if package is None:
        raise SpecError(f"the linter checks v0.4 job payloads, not {api_version}")
    return package_file("generated", package, FACTS_FILE)


@functools.cache
def spec_facts(api_version: str = "v0.4") -> SpecFacts:
    """The facts `make generate` compiled into the installed package."""
    path = facts_path(api_version)
    if not os.path.exists(path):
        raise SpecError("no compiled lint facts: run `ionqkit generate`", file=str(path))
    return from_json(_parse_json(read_file(path), path), path)


def _parse_json(raw: bytes, name: str) -> Any:
    # The standard library's parser: the facts are 22 kB that ionqkit wrote itself, and importing
    # orjson (which imports dataclasses, uuid and datetime) would cost a small lint more than
    # json takes to read them.
    try:
        return json.loads(raw)
    except (ValueError, RecursionError) as exc:  # JSONDecodeError and UnicodeDecodeError are ValueErrors
        raise InputError(f"invalid JSON: {exc}", file=name) from None


def facts_for_spec(spec: str, overlay: str | None = None) -> SpecFacts:
    """The facts of a spec given on the command line (`lint --spec`), compiled once per content:
    cached as JSON under the user cache folder (see `cache_dir`), keyed by the inputs' sha256."""
    from ionqkit.spec.jobfacts import cache_key

    # Stat before reading: a file changed after its stat has a newer stat on the next call.
    stats = _stats((spec, overlay or None, CATALOG_FILE))
    known = _BY_KEY.get(_KEY_BY_STATS.get(stats, ""))
    if known is not None:
        return known  # no input changed since it was last read: no read, no hash
    spec_bytes = read_file(spec)
    overlay_bytes = read_file(overlay) if overlay else None
    catalog_bytes = read_file(CATALOG_FILE)
    key = cache_key(spec_bytes, overlay_bytes, catalog_bytes)
    _KEY_BY_STATS[stats] = key
    known = _BY_KEY.get(key)
    if known is not None:
        return known
    cached = cache_dir() / f"{key}.json"
    facts: SpecFacts | None = None
    if cached.is_file():
        try:
            facts = from_json(_parse_json(read_file(cached), str(cached)), spec)
        except (InputError, SpecError, KeyError, TypeError, AttributeError):
            facts = None  # a damaged cache entry is recompiled and replaced
    if facts is None:
        text, data = _compile(spec_bytes, spec, overlay_bytes, overlay, catalog_bytes)
        _store(cached, text)
        facts = from_json(data, spec)
    _BY_KEY[key] = facts
    return facts


# In-process memo by content key: a file that changes between calls is a new key.
_BY_KEY: dict[str, SpecFacts] = {}
# The content key last read for each input's (path, mtime, size): a `lint --spec` run lints many
# payloads, and each would otherwise read and hash the spec, overlay and catalog again.
_KEY_BY_STATS: dict[tuple[tuple[str, int, int] | None, ...], str] = {}


def _stats(paths: tuple[str | None, ...]) -> tuple[tuple[str, int, int] | None, ...]:
    """Each input's path, mtime and size; a missing one is left for read_file to report."""
    out: list[tuple[str, int, int] | None] = []
    for path in paths:
        if path is None:
            out.append(None)
            continue
        try:
            info = os.stat(path)
        except OSError:
            return ()  # never a memo key: the read that follows says what is wrong
        out.append((path, info.st_mtime_ns, info.st_size))
    return tuple(out)


def _compile(
    spec_bytes: bytes, spec: str, overlay_bytes: bytes | None, overlay: str | None, catalog_bytes: bytes
) -> tuple[str, dict[str, Any]]:
    """The facts as the cache stores them and as read back, compiled from the bytes the cache key
    was computed over (each input is read once)."""
    from ionqkit.spec import jobfacts
    from ionqkit.spec.loader import load_bytes
    from ionqkit.spec.specload import load_documents

    overlay_doc = None if overlay_bytes is None else load_bytes(overlay_bytes, name=str(overlay))
    loaded = load_documents(load_bytes(spec_bytes, name=spec), overlay_doc, check=True)
    if not jobfacts.has_job_payloads(loaded.document):
        raise SpecError("the spec has no POST /jobs JSON request body to lint payloads against", file=spec)
    catalog = load_bytes(catalog_bytes, name=str(CATALOG_FILE)).data
    # Through JSON, so the facts are the same whether compiled now or read from the cache.
    text = jobfacts.dumps(jobfacts.compile_facts(loaded.document, catalog))
    data: dict[str, Any] = json.loads(text)
    if not data["payloads"]:
        raise SpecError(
            "the spec's POST /jobs body defines no job `type` values: not a v0.4-shaped spec", file=spec
        )
    return text, data


def _store(path: Path, text: str) -> None:
    """Best effort: a read-only or full cache folder only costs the next run a recompile."""
    import contextlib

    from ionqkit.spec.atomic import write_file_atomically  # creates the cache folder as needed

    with contextlib.suppress(OSError, IonqkitError):
        write_file_atomically(path, text.encode())


def cache_dir() -> Path:
    """$IONQKIT_CACHE_DIR, else $XDG_CACHE_HOME/ionqkit, else ~/.cache/ionqkit (the XDG default)."""
    from pathlib import Path  # only for `lint --spec`: a plain lint never imports pathlib

    explicit = os.environ.get("IONQKIT_CACHE_DIR")
    if explicit:
        return Path(explicit) / "lint-facts"
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "ionqkit" / "lint-facts"
