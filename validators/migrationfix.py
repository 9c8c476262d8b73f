"""IQ110's unsafe fix: `ionqkit migrate`'s v0.3 -> v0.4 rewrite, as changes at pointers.

The rewriter (ionqkit.migrate.rewrite) decides what v0.4 payload a v0.3 one becomes; this module
only says how to get there with the fewest edits: the members it renamed (its own notes say which:
`/target -> /backend`, `/body -> /input`) keep their values in place, a value it changed is
replaced where it stands, a member it dropped is removed, and one it added is inserted. Key order
is the document's own (v0.4, like JSON, does not care). A migration that leaves something
unmapped gives no fix, and the changes are checked to give exactly the rewriter's payload.
"""

from __future__ import annotations

from typing import Any

from ionqkit.spec.pointers import join_pointer
from ionqkit.validators.fixapply import FixConflictError, apply_changes, same
from ionqkit.validators.fixes import AddMember, Change, RemoveMember, RenameKey, SetValue


def migration_changes(data: Any) -> tuple[Change, ...] | None:
    """The changes that turn v0.3 `data` into its v0.4 form, or None if it cannot be migrated whole."""
    from ionqkit.migrate.rewrite import migrate_payload

    if not isinstance(data, dict):
        return None
    migration = migrate_payload(data)
    if not migration.complete or not migration.changes:
        return None
    renames = {
        (note.pointer, note.new_pointer)
        for note in migration.changes
        if note.new_pointer is not None and note.new_pointer != note.pointer
    }
    changes: list[Change] = []
    if not _diff(data, migration.payload, "", renames, changes):
        return None
    try:
        if not same(apply_changes(data, changes), migration.payload):
            return None
    except FixConflictError:
        return None
    return tuple(changes)


def _diff(old: Any, new: Any, pointer: str, renames: set[tuple[str, str]], out: list[Change]) -> bool:
    """Append the changes from `old` to `new` at `pointer`; False if the root itself would change."""
    if same(old, new):
        return True
    if isinstance(old, dict) and isinstance(new, dict):
        added = [key for key in new if key not in old]
        for key in old:
            here = join_pointer(pointer, key)
            if key in new:
                _diff(old[key], new[key], here, renames, out)
                continue
            target = _renamed_to(
                old[key], here, [(a, join_pointer(pointer, a), new[a]) for a in added], renames
            )
            if target is None:
                out.append(RemoveMember(here))
                continue
            added.remove(target)
            out.append(RenameKey(here, target))
            _diff(old[key], new[target], here, renames, out)
        out.extend(AddMember(pointer, key, new[key]) for key in added)
        return True
    if isinstance(old, list) and isinstance(new, list) and len(old) == len(new):
        for index, (a, b) in enumerate(zip(old, new, strict=True)):
            _diff(a, b, join_pointer(pointer, index), renames, out)
        return True
    if not pointer:
        return False
    out.append(SetValue(pointer, new))
    return True


def _renamed_to(
    value: Any, here: str, added: list[tuple[str, str, Any]], renames: set[tuple[str, str]]
) -> str | None:
    """The added key (of `added`: key, pointer, value) that member `here` became: one with the same
    value, else one the rewriter's notes name (`/body -> /input`) that holds the same kind of value
    (a note may also say what a member's content became: `/body -> /type` for its format)."""
    exact = [key for key, _, new in added if same(value, new)]
    if exact:
        return exact[0]
    noted = [(key, new) for key, there, new in added if (here, there) in renames]
    return next((key for key, new in noted if type(new) is type(value)), None)
