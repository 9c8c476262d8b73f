"""A finding reduced to what every annotation format needs: which rule, how bad, where, what."""

from __future__ import annotations

from ionqkit.findings.severity import Severity
from ionqkit.records import record


@record(frozen=True, slots=True)
class Located:
    """One finding at one place. `line`/`column` are 1-based, None when the input had no text;
    `pointer` is the RFC 6901 pointer ("" = the whole document)."""

    code: str
    severity: Severity
    file: str
    line: int | None
    column: int | None
    pointer: str
    message: str
