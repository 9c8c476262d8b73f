"""The registry type: what one finding code means, for lint rules and differ checks alike.

A rule is a constant (`IQ207`, `API_PATH_REMOVED`); code that reports a finding names the constant,
so a mistyped code is a NameError (and a mypy error), never a finding nobody documented.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from enum import StrEnum

from ionqkit.findings.severity import Severity
from ionqkit.records import record

TYPE_CHECKING = False  # typing is not imported at run time: see ionqkit/__init__.py
if TYPE_CHECKING:
    from typing import Any


class Safety(StrEnum):
    """Ruff's fix safety: a safe fix keeps the payload's meaning (what IonQ runs does not change); an
    unsafe one may change it (or the API version), so it is applied only on request. The members are
    the strings "safe" and "unsafe" (a StrEnum), so they compare, print and serialise as those."""

    SAFE = "safe"
    UNSAFE = "unsafe"


@record(frozen=True, slots=True)
class Fixable:
    """That a rule's findings can be fixed, declared with the rule: how safe the fix is, what it
    does (`title`), and whether every finding of the rule has one (`always`) or only those the
    rule's doc names (`sometimes`: e.g. a top-level client extension, not one inside `input`)."""

    safety: Safety
    title: str
    always: bool = True

    @property
    def availability(self) -> str:
        return "always" if self.always else "sometimes"


@record(frozen=True, slots=True)
class Rule:
    """One code: stable once published (a retired code stays reserved).

    `message` and `hint` are `str.format` templates (`"qubit {index} is outside ..."`) for rules
    whose wording is fixed; rules whose message depends on the case build it where they find it.
    `sources`, `decision` and `limits` document where the rule comes from, the choice taken where
    sources disagree, and the settings that tune it; `fix` says whether and how its findings can be
    fixed (`ionqkit lint --fix`).
    """

    code: str
    name: str
    severity: Severity
    summary: str
    doc: str = ""
    sources: tuple[str, ...] = ()
    decision: str | None = None
    limits: tuple[str, ...] = ()
    message: str | None = None
    hint: str | None = None
    fix: Fixable | None = None

    def format(self, **fields: Any) -> tuple[str, str | None]:
        """(message, hint) from the templates; a rule without a message template has none to fill."""
        if self.message is None:
            raise ValueError(f"{self.code} has no message template")
        hint = self.hint.format(**fields) if self.hint is not None else None
        return self.message.format(**fields), hint


class Registry(Mapping[str, Rule]):
    """Rules by code, in the order they were added (the order of docs and of SARIF's rule list)."""

    def __init__(self, rules: Iterable[Rule] = ()) -> None:
        self._rules: dict[str, Rule] = {}
        for rule in rules:
            self.add(rule)

    def add(self, rule: Rule) -> Rule:
        if rule.code in self._rules:
            raise ValueError(f"duplicate finding code {rule.code}")
        self._rules[rule.code] = rule
        return rule

    def __getitem__(self, code: str) -> Rule:
        return self._rules[code]

    def __iter__(self) -> Iterator[str]:
        return iter(self._rules)

    def __len__(self) -> int:
        return len(self._rules)

    def find(self, wanted: str) -> Rule | None:
        """The rule whose code (any case) or name is `wanted`."""
        wanted = wanted.strip()
        return (
            self._rules.get(wanted)
            or self._rules.get(wanted.upper())
            or next((rule for rule in self._rules.values() if rule.name == wanted.lower()), None)
        )
