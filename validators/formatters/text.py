"""`path:line:col: CODE message` per finding (like ruff), hints indented, then a summary line."""

from __future__ import annotations

from collections.abc import Sequence

from ionqkit.validators.diagnostics import Diagnostic


def render(diagnostics: Sequence[Diagnostic], files: int) -> str:
    lines: list[str] = []
    for d in diagnostics:
        level = "" if d.is_error else "warning: "
        lines.append(f"{d.where()}: {d.code} {level}{d.message} (at {d.pointer or '/'})")
        if d.hint:
            lines.append(f"    hint: {d.hint}")
    errors = sum(d.is_error for d in diagnostics)
    warnings = len(diagnostics) - errors
    noun = "file" if files == 1 else "files"
    if diagnostics:
        lines.append(f"Found {errors} error(s) and {warnings} warning(s) in {files} {noun}.")
    else:
        lines.append(f"All checks passed ({files} {noun}).")
    return "\n".join(lines) + "\n"
