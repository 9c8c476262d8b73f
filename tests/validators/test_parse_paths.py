"""The two JSON paths give the same data: a small payload is read by the standard library's json
(no orjson import), everything else by orjson, and which one ran must never show.

For any text, the fast path either returns exactly what orjson returns (types included: 1, 1.0
and True differ) or steps aside; where orjson refuses a text, the fast path always steps aside, so
every verdict and message is orjson's.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ionqkit.validators import lint
from ionqkit.validators.fixapply import same
from ionqkit.validators.parse import _UNSURE, _fast_json

CORPUS = Path(__file__).parent / "corpus"


def orjson_verdict(raw: bytes) -> tuple[bool, Any]:
    try:
        return True, orjson.loads(raw)
    except orjson.JSONDecodeError:
        return False, None


def agrees(raw: bytes) -> None:
    fast = _fast_json(raw)
    ok, data = orjson_verdict(raw)
    if fast is _UNSURE:
        return
    assert ok, f"the fast path read what orjson refuses: {raw[:80]!r}"
    assert same(fast, data), raw[:80]


@pytest.mark.parametrize("path", sorted(CORPUS.rglob("*.json")), ids=lambda p: p.name)
def test_every_captured_payload_takes_the_fast_path_with_orjsons_data(path: Path) -> None:
    raw = path.read_bytes()
    fast = _fast_json(raw)
    assert fast is not _UNSURE  # small client payloads: the path this exists for
    assert same(fast, orjson.loads(raw))


# Texts the standard library reads and orjson refuses or reads otherwise, and near misses.
EDGES = [
    b"18446744073709551615",  # the largest 64-bit integer: both read an int
    b"18446744073709551616",  # one more: orjson reads a float
    b"-9223372036854775809",
    b"1e400",  # orjson refuses an infinite float; json gives inf
    b"-1e400",
    b"1.5e-400",
    b"1E+308",
    b'"\\ud800"',  # a lone surrogate: orjson refuses it
    b'"\\udc00\\ud800"',
    b'"\\ud83d\\ude00"',  # a pair: both read the emoji
    b"NaN",
    b"[Infinity]",
    b'{"a": -Infinity}',
    b"[1,]",
    b'{"a":1,"a":2}',
    b'"\x7f"',
    b'"\t"',
    b"\xef\xbb\xbf{}",  # a BOM (parse() takes it off first; the fast path must not accept it)
    b'{"a": "\xff"}',  # invalid UTF-8
    b'"\xed\xa0\x80"',  # a surrogate encoded as UTF-8
    b"[" * 1024 + b"]" * 1024,
    b"[" * 1025 + b"]" * 1025,  # deeper than orjson reads
    b" \n{} \r\n",
    b"{}\x0c",
    b"0.1e1",
    b"-0",
    b"-0.0",
    b"01",
    b"1.",
    b"[1e99, 123456789012345678, 0.000000000000000001]",
]


@pytest.mark.parametrize("raw", EDGES, ids=lambda raw: repr(raw[:20]))
def test_edges_agree_with_orjson(raw: bytes) -> None:
    agrees(raw)


def test_what_orjson_refuses_steps_aside_to_orjson() -> None:
    for raw in (b"1e400", b'"\\ud800"', b"NaN", b"[" * 1025 + b"]" * 1025, b'{"a": "\xff"}', b"[1,]"):
        assert _fast_json(raw) is _UNSURE, raw[:20]


def test_a_large_payload_is_left_to_orjson() -> None:
    raw = json.dumps({"circuit": [{"gate": "h", "target": 0}] * 3000}).encode()
    assert len(raw) > 64 * 1024
    assert _fast_json(raw) is _UNSURE
    assert lint(raw) != []  # and is still linted (it is no job payload)


JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=5), children, max_size=4)
    ),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None)
@given(JSON_VALUES)
def test_any_json_value_reads_alike(value: Any) -> None:
    agrees(json.dumps(value).encode())
    agrees(json.dumps(value, ensure_ascii=False).encode("utf-8", "surrogatepass"))


@settings(max_examples=300, deadline=None)
@given(JSON_VALUES, st.integers(min_value=0, max_value=400), st.binary(min_size=1, max_size=3))
def test_damaged_json_reads_alike(value: Any, at: int, junk: bytes) -> None:
    raw = json.dumps(value).encode()
    at = min(at, len(raw))
    agrees(raw[:at] + junk + raw[at:])
    agrees(raw[:at] + raw[at + 1 :])
