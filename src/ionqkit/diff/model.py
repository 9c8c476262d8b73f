"""The result types of a spec diff: one Change per classified difference, gathered in a DiffReport."""

from __future__ import annotations

from dataclasses import dataclass, field

from ionqkit.findings import Severity
from ionqkit.spec.loader import Position


@dataclass(frozen=True)
class Side:
    """Where a change's element sits in one of the two documents."""

    pointer: str
    position: Position | None

    def where(self, file: str) -> str:
        if self.position is None:
            return file
        return f"{file}:{self.position[0]}:{self.position[1]}"


@dataclass(frozen=True)
class Change:
    """One classified difference.

    `where` is the logical location a reader recognises: an operation ("POST /jobs") plus the
    place inside it ("request body application/json: input.format"), or a component
    ("components/schemas/Job"). `operations` lists every operation the change reaches (a schema
    shared by several operations is reported once). `old`/`new` locate the element in each
    document; for an added element `old` is its would-be parent, for a removed one `new` is.
    """

    check_id: str
    level: Severity  # the check's: ERROR breaks clients, WARNING may, INFO never does
    message: str
    where: str
    old: Side
    new: Side
    operations: tuple[str, ...] = ()

    def sort_key(self) -> tuple[int, str, str, str, str, str]:
        return (-self.level.rank, self.where, self.check_id, self.old.pointer, self.new.pointer, self.message)


@dataclass(frozen=True)
class SpecInfo:
    """Which document a side of the diff came from."""

    source: str
    sha256: str


@dataclass(frozen=True)
class DiffReport:
    """All changes between two specs, in a stable order, plus problems found in the inputs."""

    old: SpecInfo
    new: SpecInfo
    changes: tuple[Change, ...]
    # Problems with the inputs themselves (unresolvable $refs, invalid OpenAPI): the diff still
    # covers what could be read, and these say what could not.
    input_warnings: tuple[str, ...] = field(default=())

    @property
    def max_level(self) -> Severity | None:
        """The worst level present, or None when the specs are equivalent."""
        return max((change.level for change in self.changes), default=None)

    def count(self, level: Severity) -> int:
        return sum(1 for change in self.changes if change.level == level)

    @property
    def breaking(self) -> bool:
        return self.max_level is Severity.ERROR
