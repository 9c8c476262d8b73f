"""Positions come from libyaml's event stream; they must agree with ruamel's round-trip marks,
the slow reference they replaced, on every real document."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from ionqkit.errors import InputError
from ionqkit.spec.loader import Position, event_positions, load_bytes
from ionqkit.spec.pointers import join_pointer
from tests.codegen.test_hostile_specs import hostile_spec

REPO = Path(__file__).resolve().parents[2]


def round_trip_marks(text: str) -> dict[str, Position]:
    marks: dict[str, Position] = {"": (1, 1)}

    def walk(node: Any, pointer: str) -> None:
        if isinstance(node, CommentedMap):
            for key, value in node.items():
                child = join_pointer(pointer, str(key))
                line, column = node.lc.key(key)
                marks[child] = (line + 1, column + 1)
                walk(value, child)
        elif isinstance(node, CommentedSeq):
            for index, value in enumerate(node):
                child = join_pointer(pointer, index)
                line, column = node.lc.item(index)
                marks[child] = (line + 1, column + 1)
                walk(value, child)

    walk(YAML(typ="rt", pure=True).load(text), "")
    return marks


def real_documents() -> list[Path]:
    found = [*(REPO / "specs").rglob("*.yaml"), *(REPO / "specs").rglob("*.json")]
    found += sorted((REPO / "tests" / "validators" / "corpus").rglob("*.json"))[:20]
    return sorted(found)


@pytest.mark.parametrize("path", real_documents(), ids=lambda p: p.name)
def test_event_positions_match_round_trip_marks(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert event_positions(text, path.name) == round_trip_marks(text)


def test_unicode_columns_count_characters_in_json_and_yaml() -> None:
    for text in (json.dumps(hostile_spec(), ensure_ascii=False), "a:\n  ☃ü: {𝔘: [x, 'é']}\n"):
        assert event_positions(text, "x") == round_trip_marks(text)


def test_an_alias_is_located_where_it_is_written() -> None:
    positions = event_positions("a: &x {b: 1}\nc: *x\nd: [*x]\n", "x.yaml")
    assert positions["/c"] == (2, 1)
    assert positions["/d/0"] == (3, 5)
    assert "/c/b" not in positions  # inside an alias: callers fall back to the alias itself


def test_a_complex_key_and_its_value_get_no_pointer() -> None:
    positions = event_positions("? [a, b]\n: {c: 1}\nd: 2\n", "x.yaml")
    assert positions == {"": (1, 1), "/d": (3, 1)}


def test_a_located_error_in_a_large_document_names_line_and_column() -> None:
    # 20,000 members, one bad: the error is located through event_positions, not a full re-parse.
    members = ",\n".join(f'  "k{i}": {i}' for i in range(20_000))
    text = "{\n" + members + ',\n  "bad": .nan\n}\n'
    with pytest.raises(InputError) as caught:
        load_bytes(text, name="big.yaml")
    assert str(caught.value).startswith("big.yaml:20002:3: ")
