"""Loading YAML/JSON with positions, and refusing what cannot be trusted."""

from __future__ import annotations

import pytest

from ionqkit.errors import InputError
from ionqkit.spec.loader import MAX_NODES, load_bytes
from ionqkit.spec.pointers import split_pointer


def test_positions_point_at_keys_and_items() -> None:
    doc = load_bytes(b"info:\n  title: x\nlist:\n- a\n- b\n", name="spec.yaml")
    assert doc.locate("/info/title") == (2, 3)
    assert doc.locate("/list/1") == (5, 3)
    # unknown pointers fall back to the nearest ancestor that has a position
    assert doc.locate("/info/title/nope") == (2, 3)


def test_json_is_loaded_with_positions_too() -> None:
    doc = load_bytes(b'{\n  "a": {"b": [1, 2]}\n}\n', name="spec.json")
    assert doc.data == {"a": {"b": [1, 2]}}
    assert doc.locate("/a/b") == (2, 9)


def test_timestamps_stay_strings_and_integer_keys_become_strings() -> None:
    doc = load_bytes(b"when: 2025-06-16T00:00:00Z\nday: 2023-07-01\nresponses:\n  200: ok\n", name="x.yaml")
    assert doc.data == {"when": "2025-06-16T00:00:00Z", "day": "2023-07-01", "responses": {"200": "ok"}}


def test_pointer_tokens_are_escaped() -> None:
    doc = load_bytes(b"paths:\n  /jobs/{UUID}:\n    a~b: 1\n", name="x.yaml")
    assert doc.resolve("/paths/~1jobs~1{UUID}/a~0b") == 1
    assert split_pointer("#/paths/~1jobs") == ["paths", "/jobs"]


@pytest.mark.parametrize("token", ["\u00b2", "\u0663", "01x"])
def test_an_array_index_is_ascii_digits(token: str) -> None:
    """A KeyError naming the token (a broken $ref), not int()'s ValueError or the element at 3."""
    doc = load_bytes(b'{"a": [0, 1, 2, 3]}', name="x.json")
    with pytest.raises(KeyError, match=token):
        doc.resolve(f"/a/{token}")


@pytest.mark.parametrize(
    ("raw", "where", "cause"),
    [
        (b"a: 1\na: 2\n", "x.yaml:2:1", "duplicate key"),
        (b'{"a": [1, 2,}', "x.yaml:1:13", "not valid YAML/JSON"),
        (b"a: 1\nb: \xff\n", "x.yaml:2:4", "not valid UTF-8"),
        (b"a: .nan\n", "x.yaml:1:1", "not a JSON number"),
        (b"x: !!python/object:os.system {}\n", "x.yaml:1:4", "unsupported YAML tag"),
        (b"x: !custom 3\n", "x.yaml:1:4", "unsupported YAML tag"),
        (b"  \n", "x.yaml:1:1", "empty"),
    ],
)
def test_bad_documents_get_located_errors(raw: bytes, where: str, cause: str) -> None:
    with pytest.raises(InputError) as caught:
        load_bytes(raw, name="x.yaml")
    assert str(caught.value).startswith(where)
    assert cause in str(caught.value)


def test_alias_bomb_is_refused_not_expanded() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 9)]
    with pytest.raises(InputError, match=f"more than {MAX_NODES:,} nodes"):
        load_bytes("\n".join(lines).encode(), name="bomb.yaml")


def test_deep_nesting_is_refused() -> None:
    with pytest.raises(InputError, match="nesting"):
        load_bytes(b"[" * 100_000 + b"]" * 100_000, name="deep.json")


def test_size_limit_is_checked_before_parsing() -> None:
    with pytest.raises(InputError, match="limit is 1,000 bytes"):
        load_bytes(b"a: " + b"x" * 2000, name="big.yaml", max_bytes=1000)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b'{"a": NaN}', "spec.json:1:7: NaN is not valid JSON"),
        (b'{\n  "a": -Infinity}', "spec.json:2:8: -Infinity is not valid JSON"),
        (b'{"a": 1,}', "spec.json:1:9: not valid JSON"),
        (b"{a: 1}", "spec.json:1:2: not valid JSON"),
    ],
)
def test_json_files_must_be_strict_json(raw: bytes, expected: str) -> None:
    with pytest.raises(InputError) as caught:
        load_bytes(raw, name="spec.json")
    assert str(caught.value).startswith(expected)
    assert load_bytes(b'{"a": "NaN"}', name="spec.json").data == {"a": "NaN"}, (
        "only bare constants are refused"
    )
