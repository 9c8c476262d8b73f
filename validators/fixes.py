"""What a fix is, as data: the changes a rule asks for, and the text edits that make them.

A rule that finds a fixable fault says what to change in the payload's data, by JSON pointer
(`SetValue("/shots", 100)`, `RemoveMember("/lang")`, `RenameKey("/body", "input")`,
`AddMember("/input", "gateset", "qis")`), with no idea of where that is in the text: rules walk
plain data. Only when fixes are asked for does validators/textedits.py turn the changes into
minimal `Edit`s at the located spans (validators/spans.py), so that every byte outside them stays
as it was. A Diagnostic then carries `fix: Fix(edits, safety, changes)`.

Edit offsets index the payload as a str: the text given, or the bytes given decoded as UTF-8 (a
byte order mark, if any, is character 0). `apply_edits(text, fix.edits)` applies them.

Applying them (`apply_edits`, `apply_changes`) is validators/fixapply.py: rules import this module
to declare what they would change, on every lint; the machinery to apply it loads only for --fix.
"""

from __future__ import annotations

from ionqkit.findings import Safety
from ionqkit.records import record

TYPE_CHECKING = False  # typing is not imported at run time: see ionqkit/__init__.py
if TYPE_CHECKING:
    from typing import Any


@record(frozen=True, slots=True)
class SetValue:
    """Replace the value at `pointer` with `value` (plain JSON data)."""

    pointer: str
    value: Any


@record(frozen=True, slots=True)
class RemoveMember:
    """Remove the object member at `pointer` (its key and value)."""

    pointer: str


@record(frozen=True, slots=True)
class RenameKey:
    """Rename the object member at `pointer` to `key`, keeping its value."""

    pointer: str
    key: str


@record(frozen=True, slots=True)
class AddMember:
    """Add the member `key: value` to the object at `pointer` (which must not have `key`)."""

    pointer: str
    key: str
    value: Any


@record(frozen=True, slots=True)
class RemoveBom:
    """Remove the byte order mark before the payload (IQ003)."""

    pointer: str = ""


@record(frozen=True, slots=True)
class MigrateToV04:
    """The v0.3 -> v0.4 rewrite of `ionqkit migrate`; resolved into the changes above (by
    validators/migrationfix.py) only when fixes are asked for, since it copies the payload."""

    pointer: str = ""


Change = SetValue | RemoveMember | RenameKey | AddMember | RemoveBom
Request = Change | MigrateToV04  # what a rule may ask for


@record(frozen=True, slots=True)
class Edit:
    """Replace text[start:end] with `replacement` (start == end inserts)."""

    start: int
    end: int
    replacement: str


@record(frozen=True, slots=True)
class Fix:
    """The fix of one finding: its edits (offsets into the original text, never overlapping),
    whether it is safe (applied by --fix) or unsafe (only with --unsafe-fixes), and the changes
    to the payload's data the edits make."""

    edits: tuple[Edit, ...]
    safety: Safety
    changes: tuple[Change, ...] = ()

    @property
    def start(self) -> int:
        return min(edit.start for edit in self.edits)
