"""Fixes as data: edits applied to text, changes applied to data, JSON equality that sees types,
and the rules that offer fixes declaring them in the registry."""

from __future__ import annotations

from typing import Any

import pytest

from ionqkit.validators import Fix, lint
from ionqkit.validators.context import Context
from ionqkit.validators.fixapply import FixConflictError, apply_changes, apply_edits, overlaps, same
from ionqkit.validators.fixes import AddMember, Change, Edit, RemoveMember, RenameKey, SetValue
from ionqkit.validators.registry import IQ207, IQ502, RULES
from ionqkit.validators.specdata import spec_facts
from tests.validators.samples import BELL, dumps, payload


def test_edits_apply_in_offset_order_and_insertions_keep_their_order() -> None:
    text = "abcdef"
    edits = [Edit(4, 5, "E"), Edit(0, 1, ""), Edit(2, 2, "1"), Edit(2, 3, "C")]
    assert apply_edits(text, edits) == "b1CdEf"


def test_overlapping_edits_are_refused() -> None:
    with pytest.raises(FixConflictError):
        apply_edits("abcdef", [Edit(0, 3, ""), Edit(2, 4, "")])
    assert overlaps([Edit(0, 3, "")], [Edit(2, 4, "")])
    assert not overlaps([Edit(0, 3, "")], [Edit(3, 4, "")])  # touching
    assert not overlaps([Edit(2, 2, "x")], [Edit(2, 4, "")])  # insertion before a removal
    assert overlaps([Edit(2, 2, "x")], [Edit(2, 2, "y")])  # two insertions: which first is a guess


def test_changes_name_the_original_pointers_even_after_a_rename() -> None:
    data = {"body": {"circuit": [{"target": 1.0}]}, "lang": "json", "shots": "100"}
    changes: list[Change] = [
        RenameKey("/body", "input"),
        SetValue("/body/circuit/0/target", 1),
        RemoveMember("/lang"),
        SetValue("/shots", 100),
        AddMember("/body", "gateset", "qis"),
    ]
    assert apply_changes(data, changes) == {
        "input": {"circuit": [{"target": 1}], "gateset": "qis"},
        "shots": 100,
    }
    assert data["lang"] == "json"  # the input is not touched


@pytest.mark.parametrize(
    "change",
    [
        RemoveMember("/nope"),
        RenameKey("/lang", "shots"),
        AddMember("", "shots", 1),
        SetValue("/list/5", 1),
        SetValue("", 1),
        AddMember("/shots", "x", 1),
    ],
)
def test_a_change_that_does_not_fit_is_a_conflict(change: Any) -> None:
    with pytest.raises(FixConflictError):
        apply_changes({"lang": "json", "shots": 1, "list": [0]}, [change])


def test_json_equality_sees_types() -> None:
    assert same({"a": [1, "x", None]}, {"a": [1, "x", None]})
    assert not same({"a": 1}, {"a": 1.0})
    assert not same({"a": 1}, {"a": True})
    assert not same([1, 2], [1, 2, 3])
    assert not same({"a": 1}, {"b": 1})


def test_a_rule_offering_a_fix_must_declare_it() -> None:
    ctx = Context(facts=spec_facts(), catalog=None)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="does not declare"):
        ctx.emit(IQ207, "/x", "m", fix=(SetValue("/x", 1),))
    ctx.emit(IQ502, "/shots", "m", fix=(SetValue("/shots", 1),))
    assert ctx.found[-1][4] == (SetValue("/shots", 1),)


def test_fixable_rules_are_the_certain_ones() -> None:
    declared = {code: rule.fix.safety for code, rule in RULES.items() if rule.fix is not None}
    assert declared == {
        "IQ003": "safe",
        "IQ110": "unsafe",
        "IQ111": "safe",
        "IQ113": "safe",
        "IQ206": "safe",
        "IQ211": "unsafe",
        "IQ502": "safe",
    }


def test_lint_returns_fixes_as_data_only_when_asked() -> None:
    data = payload(BELL)
    data["shots"] = "100"
    text = dumps(data)
    (plain,) = [d for d in lint(text) if d.code == "IQ502"]
    assert plain.fix is None
    (found,) = [d for d in lint(text, fixes=True) if d.code == "IQ502"]
    assert isinstance(found.fix, Fix) and found.fix.safety == "safe"
    start = text.index('"100"')
    assert found.fix.edits == (Edit(start, start + 5, "100"),)
    assert found.fix.changes == (SetValue("/shots", 100),)
    assert lint(data, fixes=True)[0].fix is None  # a Mapping has no text to edit


def test_fix_offsets_count_characters_and_the_byte_order_mark() -> None:
    data = payload(BELL)
    data["name"] = "\u00e9\U0001f600"
    data["shots"] = "100"
    text = "\ufeff" + dumps(data)
    found = {d.code: d.fix for d in lint(text.encode(), fixes=True)}
    assert found["IQ003"] is not None and found["IQ003"].edits == (Edit(0, 1, ""),)
    (edit,) = found["IQ502"].edits if found["IQ502"] else ()
    assert text[edit.start : edit.end] == '"100"'


def test_non_ascii_digit_shots_get_no_fix() -> None:
    data = payload(BELL)
    data["shots"] = "\u0661\u0660\u0660"  # Arabic-Indic 100: not a number IonQ reads; IQ501, no fix
    found = [d for d in lint(dumps(data), fixes=True) if d.code in ("IQ501", "IQ502")]
    assert [(d.code, d.fix) for d in found] == [("IQ501", None)]
