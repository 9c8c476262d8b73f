"""Lint configuration: [tool.ionqkit.lint] in pyproject.toml, or a TOML file given with --config.

[tool.ionqkit.lint]
select = ["IQ"]                 # code prefixes; default: all rules
ignore = ["IQ605"]
warnings-as-errors = false
api-version = "auto"            # auto | v0.3 | v0.4
backends-file = "backends.json" # a saved GET /v0.4/backends response
spec = "vendor/ionq-v0.4.json"  # lint against this spec instead of the installed one
overlay = "vendor/fixes.overlay.yaml"
[tool.ionqkit.lint.per-file-ignores]
"legacy/*.json" = ["IQ110"]
[tool.ionqkit.lint.limits]
metadata_warn_value_length = 1000
[tool.ionqkit.lint.backends]
"qpu.tempo-1" = { kind = "qpu", family = "tempo", qubits = 64 }
"""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterable, Mapping

from ionqkit.errors import InputError
from ionqkit.records import field, record
from ionqkit.spec.inputs import read_text_file
from ionqkit.validators.catalog import Catalog, default_catalog
from ionqkit.validators.registry import RULES
from ionqkit.validators.specdata import SpecFacts, facts_for_spec, spec_facts

TYPE_CHECKING = False  # typing is not imported at run time: see ionqkit/__init__.py
if TYPE_CHECKING:
    from pathlib import Path
    from typing import Any

API_VERSIONS = ("auto", "v0.3", "v0.4")
_KEYS = {
    "select", "ignore", "per_file_ignores", "warnings_as_errors", "api_version", "backends_file",
    "limits", "backends", "spec", "overlay",
}  # fmt: skip


@record(frozen=True)
class LintConfig:
    select: tuple[str, ...] = ("IQ",)
    ignore: tuple[str, ...] = ()
    per_file_ignores: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    warnings_as_errors: bool = False
    api_version: str = "auto"
    backends_file: Path | None = None
    limits: Mapping[str, float] = field(default_factory=dict)
    backends: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    spec: Path | None = None  # a v0.4-shaped spec to lint against instead of the installed facts
    overlay: Path | None = None

    def enabled(self, code: str, file: str | None = None) -> bool:
        if not any(code.startswith(prefix) for prefix in self.select):
            return False
        ignored = list(self.ignore)
        if file is not None:
            for pattern, codes in self.per_file_ignores.items():
                if fnmatch.fnmatch(file, pattern) or fnmatch.fnmatch(os.path.basename(file), pattern):
                    ignored.extend(codes)
        return not any(code.startswith(prefix) for prefix in ignored)

    def facts(self) -> SpecFacts:
        """The installed package's compiled facts, or those of `spec` (compiled once, cached)."""
        if self.spec is None:
            if self.overlay is not None:
                raise InputError("an overlay needs the spec it applies to (`spec`)")
            return spec_facts("v0.4")
        return facts_for_spec(str(self.spec), str(self.overlay) if self.overlay else None)

    def catalog(self) -> Catalog:
        return _catalog(self)


_CACHE: dict[int, tuple[LintConfig, Catalog]] = {}


def _catalog(config: LintConfig) -> Catalog:
    base = config.facts().catalog
    if not config.limits and not config.backends and config.backends_file is None:
        return base
    hit = _CACHE.get(id(config))
    if hit is not None and hit[0] is config:
        return hit[1]
    catalog = base.with_overrides(
        backends=config.backends, limits=config.limits, backends_response=config.backends_file
    )
    _CACHE[id(config)] = (config, catalog)
    return catalog


def codes(values: Iterable[str], where: str) -> tuple[str, ...]:
    out = []
    for raw in values:
        for part in str(raw).split(","):
            code_prefix = part.strip().upper()
            if not code_prefix:
                continue
            if code_prefix == "ALL":
                code_prefix = "IQ"
            if not any(code.startswith(code_prefix) for code in RULES):
                raise InputError(f"{where}: {code_prefix!r} matches no rule code (see `ionqkit rules`)")
            out.append(code_prefix)
    return tuple(out)


def from_table(table: Mapping[str, Any], *, source: str, base_dir: Path) -> LintConfig:
    normalized = {str(k).replace("-", "_"): v for k, v in table.items()}
    unknown = set(normalized) - _KEYS
    if unknown:
        raise InputError(f"unknown lint setting(s): {', '.join(sorted(unknown))}", file=source)
    api_version = str(normalized.get("api_version", "auto"))
    if api_version not in API_VERSIONS:
        raise InputError(f"api-version must be one of {', '.join(API_VERSIONS)}", file=source)
    backends_file = normalized.get("backends_file")
    spec, overlay = normalized.get("spec"), normalized.get("overlay")
    if overlay and not spec:
        raise InputError("an overlay needs the spec it applies to (`spec`)", file=source)
    limits = normalized.get("limits", {})
    known_limits = default_catalog().limits
    for key, value in limits.items():
        if key not in known_limits:
            raise InputError(f"unknown limit {key!r}; known: {', '.join(sorted(known_limits))}", file=source)
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise InputError(f"limit {key!r} must be a number, not {value!r}", file=source)
    return LintConfig(
        select=codes(normalized.get("select", ["IQ"]), source) or ("IQ",),
        ignore=codes(normalized.get("ignore", []), source),
        per_file_ignores={
            str(pattern): codes(values, source)
            for pattern, values in normalized.get("per_file_ignores", {}).items()
        },
        warnings_as_errors=bool(normalized.get("warnings_as_errors", False)),
        api_version=api_version,
        backends_file=(base_dir / str(backends_file)) if backends_file else None,
        limits=dict(limits),
        backends=dict(normalized.get("backends", {})),
        spec=(base_dir / str(spec)) if spec else None,
        overlay=(base_dir / str(overlay)) if overlay else None,
    )


def load(path: Path | None = None, *, start: str | os.PathLike[str] | None = None) -> LintConfig:
    """From an explicit file, else the nearest pyproject.toml above `start` (default: cwd)."""
    if path is not None:
        table = _read(path)
        section = table.get("tool", {}).get("ionqkit", {}).get("lint", table) if "tool" in table else table
        return from_table(section, source=str(path), base_dir=path.parent)
    folder = os.path.realpath(os.getcwd() if start is None else start)
    while True:
        candidate = os.path.join(folder, "pyproject.toml")
        if os.path.isfile(candidate):
            section = _read(candidate).get("tool", {}).get("ionqkit", {}).get("lint")
            if section is not None:
                from pathlib import Path  # only with settings to read: a plain lint never imports it

                return from_table(section, source=candidate, base_dir=Path(folder))
            return LintConfig()
        parent = os.path.dirname(folder)
        if parent == folder:
            return LintConfig()
        folder = parent


def _read(path: str | os.PathLike[str]) -> dict[str, Any]:
    import tomllib  # only when there is a file to read: 5 ms, a tenth of a small lint

    if not os.path.exists(path):
        raise InputError("no such config file", file=str(path))
    try:
        return tomllib.loads(read_text_file(path))
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"invalid TOML: {exc}", file=str(path)) from None
