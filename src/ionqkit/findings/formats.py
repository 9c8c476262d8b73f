"""Which output formats each command offers, and the table that maps a format to its renderer.

The names live here, in a module that imports nothing, so the CLI can offer them as choices
without importing a renderer. The shared renderers are `github` and `sarif` (built on `Located`);
`text` and `json` are each report's own versioned shape, and `markdown` is the differ's alone.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing is not imported at run time: see ionqkit/__init__.py
if TYPE_CHECKING:
    from collections.abc import Callable, Mapping
    from typing import TypeVar

    R = TypeVar("R")

LINT_FORMATS = ("text", "json", "sarif", "github")
DIFF_FORMATS = ("text", "json", "markdown", "github", "sarif")


def renderers(
    formats: tuple[str, ...], table: Mapping[str, Callable[[R], str]]
) -> dict[str, Callable[[R], str]]:
    """format name -> renderer of one kind of report, checked to offer exactly `formats` (what the
    CLI lists as choices); renderers are pure, so the same report always gives the same bytes."""
    if tuple(table) != formats:
        raise ValueError(f"renderers {tuple(table)} do not match the formats {formats}")
    return dict(table)
