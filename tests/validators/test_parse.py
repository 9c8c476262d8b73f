"""IQ0xx: faults in the text itself, each a clear finding with a position, never a crash."""

from __future__ import annotations

import pytest

from ionqkit.validators import lint
from tests.validators.samples import BELL, dumps, position

GOOD = dumps(BELL)


def only(text: str | bytes, name: str = "job.json") -> list[tuple[str, int | None, int | None]]:
    return [(d.code, d.line, d.column) for d in lint(text, name=name)]


def test_syntax_error_is_located() -> None:
    broken = GOOD.replace('"shots": 1000,', '"shots": 1000')
    line, _ = position(broken, '"name"')
    assert only(broken) == [("IQ001", line, 3)]


def test_trailing_data_is_reported() -> None:
    text = GOOD + "{}"
    ((code, line, column),) = only(text)
    assert (code, line, column) == ("IQ001", *position(text, "{}", 1 + GOOD.count("{}")))


@pytest.mark.parametrize("literal", ["NaN", "Infinity", "-Infinity"])
def test_non_finite_literals(literal: str) -> None:
    text = GOOD.replace('"rotation": 0.5', f'"rotation": {literal}')
    assert only(text) == [("IQ004", *position(text, literal))]


def test_invalid_utf8_names_the_byte() -> None:
    raw = GOOD.replace('"bell"', '"b\udcffll"', 1).encode("utf-8", "surrogateescape")
    found = lint(raw)
    assert [(d.code, d.line) for d in found] == [("IQ002", position(GOOD, '"bell"')[0])]
    assert "0xff" in found[0].message


def test_bom_is_reported_and_the_rest_still_linted() -> None:
    text = GOOD.replace('"shots": 1000', '"shots": 0')
    found = lint(b"\xef\xbb\xbf" + text.encode())
    assert (found[0].code, found[0].line, found[0].column) == ("IQ003", 1, 1)
    assert "IQ501" in {d.code for d in found}


def test_duplicate_keys_are_found_at_the_repeat() -> None:
    text = GOOD.replace('"shots": 1000,', '"shots": 1000,\n  "shots": 2000,')
    assert only(text) == [("IQ005", *position(text, '"shots"', 2))]


def test_colons_inside_strings_do_not_hide_or_invent_duplicates() -> None:
    data = dict(BELL, name="a: b: c")
    assert lint(dumps(data)) == []
    text = dumps(data).replace('"name"', '"name": "x",\n  "name"')
    assert [d.code for d in lint(text)] == ["IQ005"]


def test_deep_nesting_is_refused_cleanly() -> None:
    deep = (
        '{"type": "quantum-function", "backend": "simulator", "input": {"data": '
        + "[" * 3000
        + "]" * 3000
        + "}}"
    )
    codes = {d.code for d in lint(deep)}
    assert "IQ006" in codes


def test_empty_payload() -> None:
    assert only("  \n") == [("IQ007", 1, 1)]


def test_top_level_must_be_an_object() -> None:
    assert [(d.code, d.pointer) for d in lint("[1, 2]")] == [("IQ103", "")]


YAML = """\
type: ionq.circuit.v1
backend: qpu.aria-1
input:
  gateset: qis
  qubits: 2
  circuit:
    - gate: h
      target: 0
    - gate: cnot
      control: 0
      target: 3
"""


def test_yaml_payloads_are_linted_with_positions() -> None:
    found = lint(YAML, name="job.yaml")
    assert [(d.code, d.pointer, d.line, d.column) for d in found] == [
        ("IQ207", "/input/circuit/1/target", 11, 7)
    ]


def test_yaml_duplicate_key() -> None:
    found = lint(YAML + "backend: simulator\n", name="job.yaml")
    assert [(d.code, d.line) for d in found] == [("IQ005", 12)]


@pytest.mark.parametrize("garbage", [b"\x00\x01", b"{", b"]", b'{"a":}', b"- - - [", b"\xff\xfe"])
def test_garbage_never_crashes(garbage: bytes) -> None:
    found = lint(garbage)
    assert found and all(d.is_error for d in found)
