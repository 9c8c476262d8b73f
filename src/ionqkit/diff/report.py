"""Render a DiffReport as text, JSON (versioned, see docs/diff-json-schema.md), Markdown or GitHub
workflow annotations. Every renderer is a pure function of the report, so the same inputs give
byte-identical output."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from ionqkit.diff.model import Change, DiffReport, Level, Side
from ionqkit.escape import github_data as _escape_data
from ionqkit.escape import github_property as _escape_property
from ionqkit.escape import printable

JSON_SCHEMA_VERSION = 1
FORMATS = ("text", "json", "markdown", "github")


def render(report: DiffReport, fmt: str) -> str:
    renderers: dict[str, Callable[[DiffReport], str]] = {
        "text": render_text,
        "json": render_json,
        "markdown": render_markdown,
        "github": render_github,
    }
    return renderers[fmt](report)


def _summary(report: DiffReport) -> str:
    return ", ".join(f"{report.count(level)} {level.name}" for level in (Level.ERR, Level.WARN, Level.INFO))


def render_text(report: DiffReport) -> str:
    lines = [f"ionqkit diff {report.old.source} -> {report.new.source}"]
    lines += [f"input warning: {warning}" for warning in report.input_warnings]
    for change in report.changes:
        lines.append(f"{change.level.name:<4} {change.check_id}  {change.where}: {change.message}")
        lines.append(
            f"     old {change.old.where(report.old.source)}  new {change.new.where(report.new.source)}"
        )
        if len(change.operations) > 1:
            lines.append(f"     affects {', '.join(change.operations)}")
    lines.append(f"summary: {_summary(report)}" if report.changes else "summary: no changes")
    return "\n".join(map(printable, lines)) + "\n"


def _side_json(side: Side) -> dict[str, Any]:
    line, column = side.position or (None, None)
    return {"pointer": side.pointer, "line": line, "column": column}


def to_json_data(report: DiffReport) -> dict[str, Any]:
    return {
        "schema_version": JSON_SCHEMA_VERSION,
        "old": {"source": report.old.source, "sha256": report.old.sha256},
        "new": {"source": report.new.source, "sha256": report.new.sha256},
        "max_level": report.max_level.name if report.max_level is not None else None,
        "summary": {level.name: report.count(level) for level in (Level.ERR, Level.WARN, Level.INFO)},
        "input_warnings": list(report.input_warnings),
        "changes": [
            {
                "id": change.check_id,
                "level": change.level.name,
                "where": change.where,
                "message": change.message,
                "operations": list(change.operations),
                "old": _side_json(change.old),
                "new": _side_json(change.new),
            }
            for change in report.changes
        ],
    }


def render_json(report: DiffReport) -> str:
    return json.dumps(to_json_data(report), indent=2, ensure_ascii=False) + "\n"


def _cell(text: str) -> str:
    return printable(text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " "))


def render_markdown(report: DiffReport) -> str:
    """A Markdown section (also what regeneration appends to a package's CHANGES.md)."""
    lines = [
        f"### `{_cell(report.old.source)}` -> `{_cell(report.new.source)}`",
        "",
        f"{_summary(report)}.",
        "",
    ]
    for warning in report.input_warnings:
        lines.append(f"- input warning: {_cell(warning)}")
    if report.input_warnings:
        lines.append("")
    titles = {Level.ERR: "Breaking changes", Level.WARN: "Warnings", Level.INFO: "Other changes"}
    for level in (Level.ERR, Level.WARN, Level.INFO):
        changes = [c for c in report.changes if c.level == level]
        if not changes:
            continue
        lines += [
            f"#### {titles[level]}",
            "",
            "| check | where | change | old | new |",
            "| --- | --- | --- | --- | --- |",
        ]
        for c in changes:
            lines.append(
                f"| `{c.check_id}` | {_cell(c.where)} | {_cell(c.message)} "
                f"| {_cell(_location(c.old))} | {_cell(_location(c.new))} |"
            )
        lines.append("")
    return "\n".join(lines)


def _location(side: Side) -> str:
    return f"{side.position[0]}:{side.position[1]}" if side.position else "-"


_GITHUB_COMMAND = {Level.ERR: "error", Level.WARN: "warning", Level.INFO: "notice"}


def _annotated_file(source: str) -> str:
    # git:REV:PATH -> PATH: annotations must name a file in the checked-out tree
    return source.split(":", 2)[2] if source.startswith("git:") and source.count(":") >= 2 else source


def render_github(report: DiffReport) -> str:
    lines = []
    for change in report.changes:
        source, side = _annotation_anchor(report, change)
        props = [f"file={_escape_property(_annotated_file(source))}"]
        if side.position:
            props += [f"line={side.position[0]}", f"col={side.position[1]}"]
        props.append(f"title={_escape_property(change.check_id)}")
        message = _escape_data(f"{change.where}: {change.message}")
        lines.append(f"::{_GITHUB_COMMAND[change.level]} {','.join(props)}::{message}")
    return "\n".join(lines) + ("\n" if lines else "")


def _annotation_anchor(report: DiffReport, change: Change) -> tuple[str, Side]:
    """Annotate the new spec, except for elements that only exist in the old one."""
    removed = change.check_id.endswith("-removed") or change.check_id.startswith("api-removed")
    return (report.old.source, change.old) if removed else (report.new.source, change.new)
