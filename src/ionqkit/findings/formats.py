"""Which output formats each command offers, and the registry type that maps a format to its renderer.

The names live here, in a module that imports nothing, so the CLI can offer them as choices
without importing a renderer. The shared renderers are `github` and `sarif` (built on `Located`);
`text` and `json` are each report's own versioned shape, and `markdown` is the differ's alone.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Generic, TypeVar

LINT_FORMATS = ("text", "json", "sarif", "github")
DIFF_FORMATS = ("text", "json", "markdown", "github", "sarif")

R = TypeVar("R")


class Renderers(Generic[R]):
    """format name -> renderer of one kind of report; renderers are pure, so the same report
    always gives the same bytes."""

    def __init__(self, formats: tuple[str, ...], renderers: Mapping[str, Callable[[R], str]]) -> None:
        if tuple(renderers) != formats:
            raise ValueError(f"renderers {tuple(renderers)} do not match the formats {formats}")
        self._renderers = dict(renderers)

    def render(self, report: R, fmt: str) -> str:
        return self._renderers[fmt](report)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(self._renderers)
