"""`path:line:col: CODE message` per finding (like ruff), hints indented, then a summary line."""

from __future__ import annotations

from collections.abc import Sequence

from ionqkit.escape import printable
from ionqkit.validators.diagnostics import Diagnostic


def render(diagnostics: Sequence[Diagnostic], files: int, *, unread: int = 0) -> str:
    """The report on `files` linted files; `unread` inputs could not be read (their errors go to
    stderr), so the summary never says all checks passed when some input was not checked."""
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
