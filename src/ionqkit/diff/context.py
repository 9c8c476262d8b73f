"""Shared state of one comparison: both documents, the renames, and the changes found so far.

A schema shared by several operations is compared once per direction; later visits only add the
operation to the changes the first visit found (`memo`). The same memo breaks cycles: a pair of
schemas already being compared higher up the stack contributes nothing the second time.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from ionqkit.diff.checks import CHECKS
from ionqkit.diff.model import Change, Side
from ionqkit.diff.renames import Renames
from ionqkit.errors import SpecError
from ionqkit.spec import refs
from ionqkit.spec.loader import Document

ChangeKey = tuple[str, str, str, str]  # check id, old pointer, new pointer, message
MemoKey = tuple[str, str, str, str]  # old pointer, new pointer, direction, renames consumed below


@dataclass
class _Found:
    change: Change
    operations: set[str] = field(default_factory=set)


@dataclass
class DiffContext:
    old: Document
    new: Document
    renames: Renames
    found: dict[ChangeKey, _Found] = field(default_factory=dict)
    memo: dict[MemoKey, list[ChangeKey] | None] = field(default_factory=dict)
    collectors: list[list[ChangeKey]] = field(default_factory=list)

    def emit(
        self, check_id: str, message: str, where: str, old_ptr: str, new_ptr: str, *, operation: str = ""
    ) -> None:
        key = (check_id, old_ptr, new_ptr, message)
        if key not in self.found:
            change = Change(
                check_id=check_id,
                level=CHECKS[check_id].severity,
                message=message,
                where=where,
                old=Side(old_ptr, self.old.locate(old_ptr)),
                new=Side(new_ptr, self.new.locate(new_ptr)),
            )
            self.found[key] = _Found(change)
        if operation:
            self.found[key].operations.add(operation)
        for collector in self.collectors:
            collector.append(key)

    def replay(self, keys: list[ChangeKey], operation: str) -> None:
        """Attribute changes found on an earlier visit to `operation` too."""
        for key in keys:
            if operation:
                self.found[key].operations.add(operation)
            for collector in self.collectors:
                collector.append(key)

    def changes(self) -> list[Change]:
        out = []
        for found in self.found.values():
            ops = tuple(sorted(found.operations))
            out.append(replace(found.change, operations=ops))
        return sorted(out, key=Change.sort_key)


def deref(doc: Document, pointer: str, node: Any) -> tuple[str, Any]:
    """(pointer, node) after following $refs; (pointer, None) when the reference is broken.

    Broken references were already reported as input warnings by sources.spec_problems.
    """
    if isinstance(node, dict) and isinstance(node.get("$ref"), str):
        try:
            return refs.resolve(doc, node["$ref"], pointer)
        except SpecError:
            return pointer, None
    return pointer, node
