"""The one severity scale of every finding ionqkit reports, lint's and the differ's alike."""

from __future__ import annotations

import enum


class Severity(enum.StrEnum):
    """How bad a finding is; ordered by rank, so `max()` over findings gives a report's worst.

    The value is the word lint prints ("error"), and a Severity equals it (`Severity.ERROR ==
    "error"`, as lint's findings always did); `label` is the differ's short column ("ERR");
    `github` and `sarif` are the levels those formats define. Comparisons are by rank, never
    alphabetical.
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

    def __lt__(self, other: str) -> bool:
        return self.rank < _rank_of(other)

    def __le__(self, other: str) -> bool:
        return self.rank <= _rank_of(other)

    def __gt__(self, other: str) -> bool:
        return self.rank > _rank_of(other)

    def __ge__(self, other: str) -> bool:
        return self.rank >= _rank_of(other)


def _rank_of(other: str) -> int:
    if not isinstance(other, Severity):
        raise TypeError(f"a Severity compares only with a Severity, not {type(other).__name__}")
    return other.rank


_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}
_LABEL = {Severity.INFO: "INFO", Severity.WARNING: "WARN", Severity.ERROR: "ERR"}
