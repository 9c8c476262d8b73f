"""The one severity scale of every finding ionqkit reports, lint's and the differ's alike."""

from __future__ import annotations

import enum
import functools


@functools.total_ordering
class Severity(enum.Enum):
    """How bad a finding is; ordered, so `max()` over findings gives a report's worst.

    The value is the word lint prints ("error"); `label` is the differ's short column ("ERR");
    `github` and `sarif` are the levels those formats define.
    """

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return _RANK[self]

    @property
    def label(self) -> str:
        return _LABEL[self]

    @property
    def github(self) -> str:
        """A workflow command: ::error, ::warning or ::notice."""
        return "notice" if self is Severity.INFO else self.value

    @property
    def sarif(self) -> str:
        """A SARIF 2.1.0 result level: error, warning or note."""
        return "note" if self is Severity.INFO else self.value

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank < other.rank

    def __str__(self) -> str:
        return self.value


_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}
_LABEL = {Severity.INFO: "INFO", Severity.WARNING: "WARN", Severity.ERROR: "ERR"}
