"""GitHub Actions workflow commands: one `::error`/`::warning` annotation per finding."""

from __future__ import annotations

from collections.abc import Sequence

from ionqkit.escape import github_data as _data
from ionqkit.escape import github_property as _property
from ionqkit.validators.diagnostics import Diagnostic


def render(diagnostics: Sequence[Diagnostic], files: int) -> str:
    lines = []
    for d in diagnostics:
        props = [f"file={_property(d.file)}"]
        if d.line is not None:
            props += [f"line={d.line}", f"col={d.column or 1}"]
        props.append(f"title={_property(d.code)}")
        message = f"{d.message} (at {d.pointer or '/'})" + (f" hint: {d.hint}" if d.hint else "")
        lines.append(f"::{d.severity.value} {','.join(props)}::{_data(message)}")
    return "".join(line + "\n" for line in lines)
