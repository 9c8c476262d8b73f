"""Applying fixes: `Edit`s to text, `Change`s to plain data, and comparing the results.

`apply_edits(text, fix.edits)` applies a fix's edits. `apply_changes` makes the same changes to
plain data (a copy): the fixer compares what the edited text parses to with it (`same`), and
refuses a fix whose text does not say exactly that.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Sequence
from typing import Any

import orjson

from ionqkit.numerals import ascii_digits
from ionqkit.spec.pointers import split_pointer
from ionqkit.validators.fixes import AddMember, Change, Edit, RemoveBom, RemoveMember, RenameKey, SetValue


class FixConflictError(ValueError):
    """A change does not fit the data (the member is missing, the key already exists)."""


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    """`text` with `edits` applied; they must not overlap (insertions at one offset keep their order)."""
    ordered = sorted(edits, key=lambda edit: (edit.start, edit.end))
    out: list[str] = []
    at = 0
    for edit in ordered:
        if edit.start < at or edit.end < edit.start or edit.end > len(text):
            raise FixConflictError(f"overlapping or out-of-range edit at {edit.start}..{edit.end}")
        out.append(text[at : edit.start])
        out.append(edit.replacement)
        at = edit.end
    out.append(text[at:])
    return "".join(out)


def overlaps(edits: Sequence[Edit], taken: Sequence[Edit]) -> bool:
    """Whether any of `edits` overlaps one of `taken` (touching ends do not; two insertions at
    one offset do, since their order would be a guess)."""
    for a in edits:
        for b in taken:
            if a.start == b.start and (a.start == a.end or b.start == b.end):
                if a.start == a.end and b.start == b.end:
                    return True
                continue
            if a.start < b.end and b.start < a.end:
                return True
    return False


def apply_changes(data: Any, changes: Iterable[Change]) -> Any:
    """`data` with `changes` made, leaving `data` as it was: only the containers on the way to a
    change are copied (a 7 MB payload is not copied whole for one float). Every pointer is read in
    the original `data`, so a renamed object's members are still named by their old pointers (as
    the text edits are). FixConflictError if a change does not fit."""
    result = _shallow(data)
    owned = {id(result)}  # the containers that are the result's own copies
    # Resolve every target first: renames and removals must not move what later changes name.
    resolved: list[tuple[Change, Any, str]] = []
    for change in changes:
        if isinstance(change, RemoveBom):
            continue
        tokens = split_pointer(change.pointer)
        if isinstance(change, AddMember):
            tokens.append(change.key)
        elif not tokens:
            raise FixConflictError("a change to the whole payload")
        holder = result
        for token in tokens[:-1]:
            holder = _own_child(holder, token, owned)
        resolved.append((change, holder, tokens[-1]))
    for change, holder, key in resolved:
        if isinstance(change, AddMember):
            if not isinstance(holder, dict) or key in holder:
                raise FixConflictError(f"cannot add {key!r} at {change.pointer or '/'}")
            holder[key] = copy.deepcopy(change.value)
        elif isinstance(holder, list) and isinstance(change, SetValue):
            holder[_index(holder, key)] = copy.deepcopy(change.value)
        elif not isinstance(holder, dict) or key not in holder:
            raise FixConflictError(f"nothing at {change.pointer}")
        elif isinstance(change, SetValue):
            holder[key] = copy.deepcopy(change.value)
        elif isinstance(change, RemoveMember):
            del holder[key]
        elif isinstance(change, RenameKey):
            if change.key in holder:
                raise FixConflictError(f"{change.key!r} already exists beside {change.pointer}")
            holder[change.key] = holder.pop(key)
    return result


def _shallow(value: Any) -> Any:
    return dict(value) if isinstance(value, dict) else list(value) if isinstance(value, list) else value


def _own_child(holder: Any, token: str, owned: set[int]) -> Any:
    """The child `token` of `holder` (one of the result's own containers), copied into it first if
    it is a container still shared with the original."""
    if isinstance(holder, dict) and token in holder:
        key: Any = token
    elif isinstance(holder, list):
        key = _index(holder, token)
    else:
        raise FixConflictError(f"no {token!r} in the payload")
    child = holder[key]
    if isinstance(child, (dict, list)) and id(child) not in owned:
        child = _shallow(child)
        owned.add(id(child))
        holder[key] = child
    return child


def _index(items: list[Any], token: str) -> int:
    if not ascii_digits(token) or int(token) >= len(items):
        raise FixConflictError(f"no item {token!r}")
    return int(token)


def same(a: Any, b: Any) -> bool:
    """Equal as JSON: types must match too (1, 1.0 and True are three different values).

    Compared as orjson writes them, keys sorted (fast: 20 MB in a fraction of a second); values
    orjson cannot write (an integer beyond 64 bits) are compared by a walk."""
    option = orjson.OPT_SORT_KEYS
    try:
        return orjson.dumps(a, option=option) == orjson.dumps(b, option=option)
    except TypeError:  # orjson.JSONEncodeError is a TypeError
        return _same_walk(a, b)


def _same_walk(a: Any, b: Any) -> bool:
    stack = [(a, b)]
    while stack:
        x, y = stack.pop()
        if type(x) is not type(y):
            return False
        if isinstance(x, dict):
            if x.keys() != y.keys():
                return False
            stack.extend((x[key], y[key]) for key in x)
        elif isinstance(x, list):
            if len(x) != len(y):
                return False
            stack.extend(zip(x, y, strict=True))
        elif x != y:
            return False
    return True
