"""The regular expressions of the exported schema mean what lint means, in Python's `re` (and are
written in the ECMA-262 subset editors use)."""

from __future__ import annotations

import fnmatch
import re
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ionqkit.validators.jsonschema_export import patterns
from tests.validators.jsonschema_export.helpers import schema_for


def lint_reads(text: str, low: int, high: int | None) -> bool:
    """Whether lint's shots rule takes `text` as a count within [low, high] (ASCII digits only)."""
    stripped = text.strip()
    if not (stripped.isascii() and stripped.isdigit()):
        return False
    count = int(stripped)
    return low <= count and (high is None or count <= high)


@given(
    low=st.integers(0, 2_000),
    span=st.one_of(st.none(), st.integers(0, 3_000)),
    value=st.integers(0, 10_000),
    zeros=st.integers(0, 3),
    pad=st.sampled_from(["", " ", "\t", "\n"]),
)
def test_a_decimal_range_matches_exactly_the_numbers_in_it(
    low: int, span: int | None, value: int, zeros: int, pad: str
) -> None:
    high = None if span is None else low + span
    text = f"{pad}{'0' * zeros}{value}{pad}"
    assert bool(re.search(patterns.decimal_string(low, high), text)) == lint_reads(text, low, high)


@pytest.mark.parametrize("text", ["", " ", "+5", "-5", "1e3", "1_000", "5.0", "0x10", "５"])
def test_a_decimal_range_refuses_what_is_not_a_plain_number(text: str) -> None:
    assert not re.search(patterns.decimal_string(0, None), text)


def test_an_empty_range_is_refused() -> None:
    with pytest.raises(ValueError, match="no decimal range"):
        patterns.decimal_string(5, 4)


@pytest.mark.parametrize(
    "name",
    ["qpu.tempo-1", "qpu.tempo-", "qpu.tempo-1\n", "qpu.tempo", "qpuxtempo-1", "xqpu.tempo-1", "QPU.TEMPO-1"],
)
def test_a_glob_matches_as_fnmatchcase_does(name: str) -> None:
    assert bool(re.search(patterns.glob("qpu.tempo-*"), name)) == fnmatch.fnmatchcase(name, "qpu.tempo-*")
    assert bool(re.search(patterns.glob("qpu.?"), name)) == fnmatch.fnmatchcase(name, "qpu.?")


def test_a_glob_with_a_character_class_is_refused() -> None:
    with pytest.raises(ValueError, match="only"):
        patterns.glob("qpu.[ab]*")


def test_no_pattern_uses_what_means_otherwise_in_ecma_262() -> None:
    for pattern in (patterns.decimal_string(1, 1_000_000), patterns.glob("qpu.aria-*")):
        assert "\\d" not in pattern and "(?<" not in pattern and not re.search(r"(?<!\\)\.", pattern)


def _patterns(node: Any) -> list[str]:
    if isinstance(node, dict):
        own = [node["pattern"]] if isinstance(node.get("pattern"), str) else []
        return own + [p for value in node.values() for p in _patterns(value)]
    if isinstance(node, list):
        return [p for value in node for p in _patterns(value)]
    return []


ECMA_ESCAPES = set("^$\\.*+?()[]{}|/") | set("sS")  # syntax characters, and the classes we use


def test_every_pattern_of_the_schema_escapes_only_what_ecma_262_unicode_mode_allows() -> None:
    found = _patterns(schema_for())
    assert found
    for pattern in found:
        escaped = re.findall(r"\\(.)", pattern)
        assert set(escaped) <= ECMA_ESCAPES, pattern
        assert "(?<" not in pattern and "(?P" not in pattern, pattern


def test_every_pattern_compiles_as_ecma_262() -> None:
    import regress  # check-jsonschema's engine (in the dev extra)

    for pattern in _patterns(schema_for()):
        regress.Regex(pattern, "u")
