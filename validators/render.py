"""Lint findings -> text for people and machines: text, json, sarif, github.

`text` and `json` are lint's own shapes (json is versioned, below); `github` and `sarif` are the
renderers every ionqkit report shares (ionqkit.findings).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from ionqkit.escape import printable
from ionqkit.findings import Located
from ionqkit.findings.formats import LINT_FORMATS, renderers
from ionqkit.records import record
from ionqkit.validators.diagnostics import Diagnostic
from ionqkit.validators.registry import RULES

INFO_URI = "https://github.com/ionqkit/ionqkit/blob/main/docs/rules.md"
JSON_SCHEMA_VERSION = 1


@record(frozen=True)
class LintReport:
    """The findings on `files` linted files; `unread` inputs could not be read (their errors go
    to stderr), so the text summary never says all checks passed when some input was not checked."""

    diagnostics: Sequence[Diagnostic]
    files: int
    unread: int = 0


def render_text(report: LintReport) -> str:
    """`path:line:col: CODE message` per finding (like ruff), hints indented, then a summary line."""
    diagnostics, files, unread = report.diagnostics, report.files, report.unread
    lines: list[str] = []
    for d in diagnostics:
        level = "" if d.is_error else "warning: "
        lines.append(f"{d.where()}: {d.code} {level}{d.message} (at {d.pointer or '/'})")
        if d.hint:
            lines.append(f"    hint: {d.hint}")
    errors = sum(d.is_error for d in diagnostics)
    warnings = len(diagnostics) - errors
    noun = "file" if files == 1 else "files"
    not_read = f"; {unread} could not be read" if unread else ""
    if diagnostics:
        lines.append(f"Found {errors} error(s) and {warnings} warning(s) in {files} {noun}{not_read}.")
    elif unread and files:
        lines.append(f"No findings in {files} {noun}{not_read}.")
    elif unread:
        lines.append(f"Nothing checked: {unread} could not be read.")
    else:
        lines.append(f"All checks passed ({files} {noun}).")
    # Names, keys and values come from the input: none may break a line or drive the terminal.
    return "\n".join(map(printable, lines)) + "\n"


def render_json(report: LintReport) -> str:
    """Schema (version 1; fields are only ever added):

    {"version": 1,
     "diagnostics": [{"file": str, "code": str, "severity": "error" | "warning",
                      "pointer": str (RFC 6901, "" = whole payload),
                      "line": int | null, "column": int | null (1-based),
                      "message": str, "hint": str | null}],
     "summary": {"files": int, "errors": int, "warnings": int, "by_code": {code: count}}}
    """
    diagnostics = report.diagnostics
    errors = sum(d.is_error for d in diagnostics)
    document = {
        "version": JSON_SCHEMA_VERSION,
        "diagnostics": [
            {
                "file": d.file,
                "code": d.code,
                "severity": d.severity.value,
                "pointer": d.pointer,
                "line": d.line,
                "column": d.column,
                "message": d.message,
                "hint": d.hint,
            }
            for d in diagnostics
        ],
        "summary": {
            "files": report.files,
            "errors": errors,
            "warnings": len(diagnostics) - errors,
            "by_code": dict(sorted(Counter(d.code for d in diagnostics).items())),
        },
    }
    import orjson  # only for --format json: a text report never loads it

    return orjson.dumps(document, option=orjson.OPT_INDENT_2).decode() + "\n"


# The shared renderers are imported by the formats that use them, not by every text report.


def render_sarif(report: LintReport) -> str:
    from ionqkit.findings import sarif

    located = [
        _located(d, d.message if not d.hint else f"{d.message} (hint: {d.hint})") for d in report.diagnostics
    ]
    return sarif.render(RULES, located, info_uri=INFO_URI)


def render_github(report: LintReport) -> str:
    from ionqkit.findings import github

    return github.render(
        _located(d, f"{d.message} (at {d.pointer or '/'})" + (f" hint: {d.hint}" if d.hint else ""))
        for d in report.diagnostics
    )


def _located(d: Diagnostic, message: str) -> Located:
    return Located(d.code, d.severity, d.file, d.line, d.column, d.pointer, message)


RENDERERS = renderers(
    LINT_FORMATS,
    {"text": render_text, "json": render_json, "sarif": render_sarif, "github": render_github},
)
