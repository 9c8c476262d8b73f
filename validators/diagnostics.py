"""What a finding is: one Diagnostic per fault, located in the original text when there is one."""

from __future__ import annotations

from collections.abc import Sequence

from ionqkit.errors import IonqkitError
from ionqkit.escape import printable
from ionqkit.findings import Severity
from ionqkit.records import record
from ionqkit.validators.fixes import Fix


@record(frozen=True, slots=True)
class Diagnostic:
    """One finding. `line`/`column` are 1-based and None when the payload had no text (a Mapping).

    `fix` is set when fixes were asked for (`lint(..., fixes=True)`) and the finding has one: the
    edits to the payload's text that fix it, and whether that is safe (validators/fixes.py).
    """

    file: str
    code: str
    severity: Severity
    pointer: str
    line: int | None
    column: int | None
    message: str
    hint: str | None = None
    fix: Fix | None = None

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def where(self) -> str:
        if self.line is None:
            return self.file
        return f"{self.file}:{self.line}:{self.column}"

    def __str__(self) -> str:
        at = f" (at {self.pointer or '/'})"
        return printable(f"{self.where()}: {self.code} {self.message}{at}")


class PayloadError(IonqkitError):
    """Raised by `check()`: the payload has errors; `diagnostics` lists every one of them."""

    def __init__(self, diagnostics: Sequence[Diagnostic]) -> None:
        errors = [d for d in diagnostics if d.is_error]
        first = errors[0] if errors else None
        lines = "\n".join(f"  {d}" for d in errors)
        super().__init__(
            f"{len(errors)} error(s) in job payload:\n{lines}",
            file=first.file if first else None,
            line=first.line if first else None,
            column=first.column if first else None,
            pointer=first.pointer if first else None,
        )
        self.diagnostics = list(diagnostics)

    def __str__(self) -> str:
        return self.message
