"""Overlay 1.0: JSONPath targets, recursive update, append to arrays, remove, loud misses; and
check_overlay, which lists every action that no longer matches instead of stopping at the first."""

from __future__ import annotations

import pytest

from ionqkit.errors import SpecError
from ionqkit.spec.loader import Document, load_bytes
from ionqkit.spec.overlay import apply_overlay, check_overlay

SPEC = load_bytes(
    "a:\n  props:\n    x: {type: number, format: double}\n    y: {type: number}\n  tags: [one]\nb: gone\n",
    name="spec.yaml",
)


def overlay(actions: str) -> Document:
    return load_bytes(f"overlay: 1.0.0\ninfo: {{title: t, version: '1'}}\nactions:\n{actions}", name="o.yaml")


def test_update_merges_objects_and_appends_to_arrays() -> None:
    patched, applied = apply_overlay(
        SPEC,
        overlay(
            "- target: $.a.props[*]\n  update: {type: integer}\n"
            "- target: $.a.tags\n  update: two\n"
            "- target: $.b\n  remove: true\n"
        ),
    )
    assert patched["a"]["props"] == {"x": {"type": "integer", "format": "double"}, "y": {"type": "integer"}}
    assert patched["a"]["tags"] == ["one", "two"]
    assert "b" not in patched
    assert applied[0].matches == ("/a/props/x", "/a/props/y")
    assert SPEC.data["b"] == "gone", "the input document is not modified"


def test_action_that_matches_nothing_is_an_error_at_its_target() -> None:
    with pytest.raises(SpecError) as caught:
        apply_overlay(SPEC, overlay("- target: $.c\n  remove: true\n"))
    assert "matches nothing in spec.yaml" in str(caught.value)
    assert str(caught.value).startswith("o.yaml:4:3")


@pytest.mark.parametrize(
    ("actions", "message"),
    [
        ("- target: $.a[\n  remove: true\n", "invalid JSONPath"),
        ("- target: $.a\n", "needs `update` or `remove: true`"),
        ("- target: $.b\n  update: {x: 1}\n", "needs an object or array"),
    ],
)
def test_malformed_actions_are_refused(actions: str, message: str) -> None:
    with pytest.raises(SpecError, match=message):
        apply_overlay(SPEC, overlay(actions))


def test_check_overlay_lists_every_action_that_matches_nothing_and_applies_the_rest() -> None:
    result = check_overlay(
        SPEC,
        overlay(
            "- target: $.c\n  description: fixed upstream\n  remove: true\n"
            "- target: $.a.props.x\n  update: {type: integer}\n"
            "- target: $.a.props.z\n  description: moved\n  update: {type: integer}\n"
        ),
    )
    assert [(a.index, a.target, a.description) for a in result.unmatched] == [
        (0, "$.c", "fixed upstream"),
        (2, "$.a.props.z", "moved"),
    ]
    assert not result.clean
    assert [a.index for a in result.applied] == [1]
    assert result.data["a"]["props"]["x"] == {"type": "integer", "format": "double"}


def test_check_overlay_names_an_update_that_changes_nothing() -> None:
    """An update the spec already carries: upstream may have fixed that defect."""
    result = check_overlay(
        SPEC,
        overlay(
            "- target: $.a.props.y\n  update: {type: number}\n"
            "- target: $.a.props.x\n  update: {type: integer}\n"
        ),
    )
    assert result.clean
    assert [a.target for a in result.unchanged] == ["$.a.props.y"]


def test_check_overlay_refuses_malformed_actions_as_apply_overlay_does() -> None:
    with pytest.raises(SpecError, match="invalid JSONPath"):
        check_overlay(SPEC, overlay("- target: $.a[\n  remove: true\n"))
