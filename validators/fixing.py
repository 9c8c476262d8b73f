"""Located findings + the changes their rules ask for -> Diagnostics that carry a Fix.

Runs only when fixes are asked for (`lint(..., fixes=True)`, `ionqkit lint --fix`/`--diff`), after
the rules: it computes the spans of the pointers the changes name (validators/spans.py) and the
edits that make them (validators/textedits.py). A payload whose text has a fault of its own
(IQ001-IQ007 but a byte order mark) gets no fixes at all: with duplicate keys, say, a pointer
names two places, and a text that does not parse is never rewritten.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ionqkit.records import replace
from ionqkit.validators.diagnostics import Diagnostic
from ionqkit.validators.engine import duplicate_findings
from ionqkit.validators.fixes import Change, Fix, MigrateToV04, Request
from ionqkit.validators.parse import Parsed, TextFinding, parse
from ionqkit.validators.registry import IQ003, RULES
from ionqkit.validators.spans import json_spans, yaml_spans
from ionqkit.validators.textedits import TextDoc, edits_for, wanted_pointers


def attach_fixes(
    parsed: Parsed,
    data: Any,
    found: list[tuple[Diagnostic, tuple[Request, ...]]],
    text_findings: list[TextFinding],
) -> list[Diagnostic]:
    plain = [diagnostic for diagnostic, _ in found]
    if parsed.raw is None or not parsed.ok or not any(requests for _, requests in found):
        return plain
    if text_fault(text_findings) is not None:
        return plain
    resolved = [(diagnostic, _resolve(requests, data)) for diagnostic, requests in found]
    wanted: set[str] = set()
    for _, changes in resolved:
        wanted |= wanted_pointers(changes)
    text = parsed.raw.decode("utf-8")
    spans = (yaml_spans if parsed.is_yaml else json_spans)(text, wanted) if wanted else {}
    bom = any(code == IQ003.code for code, *_ in parsed.findings)
    doc = TextDoc(text, parsed.is_yaml, spans, base=1 if bom else 0)
    out: list[Diagnostic] = []
    for diagnostic, changes in resolved:
        rule = RULES[diagnostic.code].fix
        edits = edits_for(changes, doc) if changes and rule is not None else None
        if edits and rule is not None:
            out.append(replace(diagnostic, fix=Fix(edits, rule.safety, changes)))
        else:
            out.append(diagnostic)
    return out


def text_fault(findings: Iterable[TextFinding]) -> TextFinding | None:
    """The fault of the text itself that keeps it from being fixed, if any: every text finding
    (IQ001-IQ007) but a byte order mark, which a fix removes. The one place that decides it."""
    return next((finding for finding in findings if finding[0] != IQ003.code), None)


def blocking_fault(text: str, name: str) -> Diagnostic | None:
    """The finding that kept `text` from getting any fix (`text_fault`), found again when the
    linter's config does not report it (`--ignore IQ005`): fix_text names it on `Fixed.blocked`."""
    try:
        parsed = parse(text, name)
    except RecursionError:  # lint reports that text as IQ006
        return None
    findings = list(parsed.findings)
    if parsed.ok and text_fault(findings) is None:
        findings += duplicate_findings(parsed, key_count=0)  # 0: scan for them whatever the count
    fault = text_fault(findings)
    if fault is None:
        return None
    code, message, line, column = fault
    return Diagnostic(name, code, RULES[code].severity, "", line, column, message)


def _resolve(requests: tuple[Request, ...], data: Any) -> tuple[Change, ...]:
    """The changes, with the v0.3 -> v0.4 migration spelt out (or none, if it maps not everything)."""
    out: list[Change] = []
    for request in requests:
        if isinstance(request, MigrateToV04):
            from ionqkit.validators.migrationfix import migration_changes

            changes = migration_changes(data)
            if changes is None:
                return ()
            out.extend(changes)
        else:
            out.append(request)
    return tuple(out)
