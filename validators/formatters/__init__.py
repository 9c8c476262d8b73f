"""Diagnostics -> text for people and machines: text, json, sarif, github."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ionqkit.validators.diagnostics import Diagnostic
from ionqkit.validators.formatters import github, json_format, sarif, text

Formatter = Callable[[Sequence[Diagnostic], int], str]

FORMATS: dict[str, Formatter] = {
    "text": text.render,
    "json": json_format.render,
    "sarif": sarif.render,
    "github": github.render,
}
