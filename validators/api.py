"""The Python entry points: lint() returns every finding, check() raises if any is an error,
fix() applies the fixes (`ionqkit lint --fix`)."""

from __future__ import annotations

import os
from collections.abc import Mapping

from ionqkit.findings import Severity
from ionqkit.gcpause import collector_paused
from ionqkit.records import replace
from ionqkit.validators.config import API_VERSIONS, LintConfig
from ionqkit.validators.diagnostics import Diagnostic, PayloadError
from ionqkit.validators.engine import run
from ionqkit.validators.parse import Parsed, parse
from ionqkit.validators.registry import IQ006

TYPE_CHECKING = False  # typing is not imported at run time: see ionqkit/__init__.py
if TYPE_CHECKING:  # the fix machinery loads only when fix() is called: lint() does not need it
    from typing import Any, TypeAlias

    from ionqkit.validators.fixer import Fixed

Payload: TypeAlias = "bytes | bytearray | memoryview | str | Mapping[str, Any]"


def lint(
    payload: Payload,
    *,
    api_version: str = "auto",
    config: LintConfig | None = None,
    name: str = "<payload>",
    spec: str | os.PathLike[str] | None = None,
    overlay: str | os.PathLike[str] | None = None,
    fixes: bool = False,
) -> list[Diagnostic]:
    """Every finding for one job payload, in document order.

    `payload` is the request body (bytes or str, JSON or YAML) or the dict you would serialise.
    `api_version` "auto" takes the version from the payload's shape; "v0.3"/"v0.4" insist on one.
    `spec` (and `overlay`) lint against that v0.4-shaped OpenAPI spec instead of the facts compiled
    into the installed package; its facts are compiled once and cached by content hash.
    With `fixes`, each finding that can be fixed carries `fix`: the text edits (offsets into the
    payload as a str) and whether they are safe (validators/fixes.py). Fixes need text: a
    Mapping's findings carry none.
    """
    if api_version not in API_VERSIONS:
        raise ValueError(f"api_version must be one of {', '.join(API_VERSIONS)}, not {api_version!r}")
    config = config or LintConfig()
    if spec is not None or overlay is not None:
        from pathlib import Path  # only with a spec given: a plain lint never imports pathlib

        config = replace(
            config,
            spec=Path(spec) if spec is not None else config.spec,
            overlay=Path(overlay) if overlay is not None else config.overlay,
        )
    if api_version != "auto" or config.api_version == "auto":
        config = _with_version(config, api_version)
    # The collector is held off while the payload is parsed and checked (ionqkit.gcpause).
    with collector_paused():
        try:
            parsed = parse(payload if isinstance(payload, (str, Mapping)) else bytes(payload), name)
        except RecursionError:
            parsed = Parsed(name=name, findings=[(IQ006.code, "nesting is too deep to check", None, None)])
        diagnostics = run(parsed, config, fixes=fixes)
    if config.warnings_as_errors:
        diagnostics = [_as_error(d) for d in diagnostics]
    return diagnostics


def fix(
    payload: bytes | bytearray | memoryview | str,
    *,
    unsafe_fixes: bool = False,
    api_version: str = "auto",
    config: LintConfig | None = None,
    name: str = "<payload>",
    spec: str | os.PathLike[str] | None = None,
    overlay: str | os.PathLike[str] | None = None,
) -> Fixed:
    """Apply every safe fix (and the unsafe ones too with `unsafe_fixes`) to a payload's text.

    `Fixed.after` is the fixed text (bytes are read as UTF-8: encode it back to write it),
    `Fixed.applied` the findings fixed and `Fixed.diagnostics` what is left. Only the fixed spans
    change; a payload that does not parse is returned as it was, with its findings.
    """
    from ionqkit.validators.fixer import fix_text

    if not isinstance(payload, (str, bytes, bytearray, memoryview)):
        raise TypeError("fix() edits a payload's text: pass its bytes or str, not the parsed data")
    text = payload if isinstance(payload, str) else bytes(payload).decode("utf-8", errors="surrogateescape")

    def linter(current: str) -> list[Diagnostic]:
        return lint(
            _exact_bytes(current),
            api_version=api_version,
            config=config,
            name=name,
            spec=spec,
            overlay=overlay,
            fixes=True,
        )

    return fix_text(text, name, linter, unsafe=unsafe_fixes)


def _exact_bytes(text: str) -> bytes | str:
    """The bytes `text` was read from (undecodable ones were kept as surrogate escapes), so a
    finding about them names the byte the file has; a str given with other lone surrogates is
    linted as given."""
    try:
        return text.encode("utf-8", errors="surrogateescape")
    except UnicodeEncodeError:
        return text


def check(
    payload: Payload,
    *,
    api_version: str = "auto",
    config: LintConfig | None = None,
    spec: str | os.PathLike[str] | None = None,
    overlay: str | os.PathLike[str] | None = None,
) -> None:
    """Raise PayloadError listing every error (warnings do not raise)."""
    diagnostics = lint(payload, api_version=api_version, config=config, spec=spec, overlay=overlay)
    if any(d.is_error for d in diagnostics):
        raise PayloadError(diagnostics)


def _with_version(config: LintConfig, api_version: str) -> LintConfig:
    return config if config.api_version == api_version else replace(config, api_version=api_version)


def _as_error(diagnostic: Diagnostic) -> Diagnostic:
    return diagnostic if diagnostic.is_error else replace(diagnostic, severity=Severity.ERROR)
