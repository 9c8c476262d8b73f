"""Fix one payload's text: apply the fixes, check each, re-lint, repeat (as ruff does).

A round lints the text with fixes, takes the applicable ones (safe, or unsafe too when asked)
that do not overlap, first in the text first, and applies them. Every round's edits are checked
before they are kept: the edited text must parse, with no fault of its own, to exactly the data
the fixes' changes describe (validators/fixapply.py apply_changes; types count, so `1.0` is not
`1`). A fix that fails that (an edit that would leave an alias pointing nowhere, say) is refused
and the others are tried without it. The next round re-lints the result, so fixes that overlapped
one applied now get their turn; rounds stop when nothing applicable is left.

Finally the result must not have gained an error: if any error code occurs more often than before
fixing (none should: the property tests check it), every fix is dropped and the text is kept as it
was (`Fixed.reverted`).
"""

from __future__ import annotations

import bisect
import sys
from collections import Counter
from collections.abc import Callable, Sequence

from ionqkit.records import record
from ionqkit.validators.diagnostics import Diagnostic
from ionqkit.validators.fixapply import FixConflictError, apply_changes, apply_edits, overlaps, same
from ionqkit.validators.fixes import Edit, Fix, RemoveBom
from ionqkit.validators.fixing import blocking_fault, text_fault
from ionqkit.validators.parse import Parsed, parse
from ionqkit.validators.registry import IQ003

MAX_ROUNDS = 10

Linter = Callable[[str], list[Diagnostic]]  # the text -> its findings, with fixes attached


@record(frozen=True)
class Fixed:
    """One payload after fixing: its text before and after, the findings whose fixes were applied
    (as found, in the round that applied them), the findings of the text after, and those of the
    text before."""

    before: str
    after: str
    applied: tuple[Diagnostic, ...]
    diagnostics: list[Diagnostic]
    found: list[Diagnostic]
    refused: tuple[Diagnostic, ...] = ()  # fixes whose edited text did not say what they meant
    blocked: Diagnostic | None = None  # the fault of the text itself that kept it from any fix
    reverted: bool = False  # fixing would have added an error, so nothing was changed

    @property
    def changed(self) -> bool:
        return self.after != self.before

    @property
    def unsafe_left(self) -> int:
        """Findings left whose fix is unsafe (applied only with --unsafe-fixes)."""
        return sum(1 for d in self.diagnostics if d.fix is not None and d.fix.safety == "unsafe")


def fix_text(text: str, name: str, linter: Linter, *, unsafe: bool = False) -> Fixed:
    """Apply every applicable fix to `text` (named `name`, which says JSON or YAML as for lint)."""
    first = linter(text)
    if first and not any(d.fix is not None for d in first):
        blocked = blocking_fault(text, name)  # reported or not: --ignore IQ005 does not fix the text
        if blocked is not None:
            return Fixed(text, text, (), first, first, blocked=blocked)
    diagnostics = first
    current = text
    applied: list[Diagnostic] = []
    refused: dict[tuple[str, str, str], Diagnostic] = {}
    for _ in range(MAX_ROUNDS):
        candidates = [
            d
            for d in diagnostics
            if d.fix is not None and (unsafe or d.fix.safety == "safe") and _key(d) not in refused
        ]
        if not candidates:
            break
        chosen = _non_overlapping(candidates)
        result, accepted = _apply(current, name, chosen)
        kept = {id(d) for d in accepted}  # by identity: record equality compares every field
        refused.update((_key(d), d) for d in chosen if id(d) not in kept)
        if accepted:
            current = result
            applied.extend(accepted)
            diagnostics = linter(current)
    if current != text and _gained_errors(first, diagnostics):
        return Fixed(text, text, (), first, first, reverted=True)
    left = {_key(d) for d in diagnostics}
    still = tuple(d for key, d in refused.items() if key in left)
    return Fixed(text, current, tuple(applied), diagnostics, first, still)


def _key(diagnostic: Diagnostic) -> tuple[str, str, str]:
    return diagnostic.code, diagnostic.pointer, diagnostic.message


def _non_overlapping(candidates: list[Diagnostic]) -> list[Diagnostic]:
    """The fixes to apply together: first in the text first (safe before unsafe at one place),
    skipping any that overlaps one taken (the next round sees it again)."""
    ordered = sorted(candidates, key=lambda d: (_fix(d).start, _fix(d).safety != "safe"))
    taken: list[Diagnostic] = []
    edits = _TakenEdits()
    for diagnostic in ordered:
        fix = _fix(diagnostic)
        if any(edits.overlaps(edit) for edit in fix.edits):
            continue
        taken.append(diagnostic)
        for edit in fix.edits:
            edits.add(edit)
    return taken


class _TakenEdits:
    """The edits taken so far, sorted, so that an edit is checked against its neighbours only
    (fixapply.overlaps against all of them made --fix quadratic in the number of fixes).

    Taken edits do not overlap one another, so sorted by (start, end) their ends are sorted too:
    those an edit can overlap (ending at or after its start, starting at or before its end) are
    one run of neighbours, and fixapply.overlaps decides on those, by its exact rules."""

    def __init__(self) -> None:
        self.keys: list[tuple[int, int]] = []
        self.ends: list[int] = []
        self.edits: list[Edit] = []

    def overlaps(self, edit: Edit) -> bool:
        low = bisect.bisect_left(self.ends, edit.start)
        high = bisect.bisect_right(self.keys, (edit.end, sys.maxsize))
        return low < high and overlaps((edit,), self.edits[low:high])

    def add(self, edit: Edit) -> None:
        at = bisect.bisect_right(self.keys, (edit.start, edit.end))
        self.keys.insert(at, (edit.start, edit.end))
        self.ends.insert(at, edit.end)
        self.edits.insert(at, edit)


def _fix(diagnostic: Diagnostic) -> Fix:
    assert diagnostic.fix is not None
    return diagnostic.fix


def _apply(text: str, name: str, chosen: list[Diagnostic]) -> tuple[str, list[Diagnostic]]:
    """The text with the chosen fixes applied, and the ones that were: all of them if they check
    out together, else each one that checks out with those kept before it.

    Found by halves: a group that checks out (with those kept before it) is kept whole, one that
    does not is split, so k refused fixes among n cost about 2k·log n parses, not n."""
    before = parse(text, name)
    if not before.ok:
        return text, []
    accepted: list[Diagnostic] = []
    result = text
    groups = [chosen]  # a stack, the next group in the text last
    while groups:
        group = groups.pop()
        trial = _checked(text, name, before, [*accepted, *group])
        if trial is not None:
            accepted.extend(group)
            result = trial
        elif len(group) > 1:
            half = len(group) // 2
            groups += [group[half:], group[:half]]
    return result, accepted


def _checked(text: str, name: str, before: Parsed, diagnostics: Sequence[Diagnostic]) -> str | None:
    """`text` (parsed: `before`) with the fixes applied, if the result parses to exactly what their
    changes describe."""
    fixes = [_fix(d) for d in diagnostics]
    changes = [change for fix in fixes for change in fix.changes]
    try:
        expected = apply_changes(before.data, changes)
        result = apply_edits(text, [edit for fix in fixes for edit in fix.edits])
    except FixConflictError:
        return None
    after = parse(result, name)
    bom_left = any(code == IQ003.code for code, *_ in before.findings) and not any(
        isinstance(change, RemoveBom) for change in changes
    )
    bom_added = any(code == IQ003.code for code, *_ in after.findings) and not bom_left
    if not after.ok or text_fault(after.findings) is not None or bom_added:
        return None
    return result if same(after.data, expected) else None


def _gained_errors(before: list[Diagnostic], after: list[Diagnostic]) -> bool:
    had = Counter(d.code for d in before if d.is_error)
    has = Counter(d.code for d in after if d.is_error)
    return any(count > had[code] for code, count in has.items())
