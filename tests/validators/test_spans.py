"""Spans: where a value, its key and its neighbours are, in JSON and YAML text."""

from __future__ import annotations

import json
import random

from ionqkit.validators.spans import Span, json_spans, yaml_spans

PRETTY = '{\n  "a": 1,\n  "lang": "json",\n  "b": {"x": [1.0, 2], "y\\u0041": "\\""},\n  "c": {}\n}\n'


def cut(text: str, span: tuple[int, int] | None) -> str:
    assert span is not None
    return text[span[0] : span[1]]


def value(text: str, span: Span) -> str:
    return text[span.start : span.end]


def test_json_values_keys_and_neighbours() -> None:
    spans = json_spans(PRETTY, {"/a", "/lang", "/b", "/b/x/0", "/b/yA", "/c", ""})
    lang = spans["/lang"]
    assert value(PRETTY, lang) == '"json"' and cut(PRETTY, lang.key) == '"lang"'
    assert lang.prev_end is not None and PRETTY[lang.prev_end : lang.end] == ',\n  "lang": "json"'
    assert lang.next_start == PRETTY.index('"b"')
    assert spans["/a"].prev_end is None and cut(PRETTY, spans["/a"].parent_inner) == PRETTY.strip()[1:-1]
    assert value(PRETTY, spans["/b"]) == '{"x": [1.0, 2], "y\\u0041": "\\""}'
    assert value(PRETTY, spans["/b/x/0"]) == "1.0"
    assert spans["/b/x/0"].next_start == PRETTY.index("2]")
    assert cut(PRETTY, spans["/b/yA"].key) == '"y\\u0041"'  # an escaped key is found by its value
    assert value(PRETTY, spans["/b/yA"]) == '"\\""'
    assert spans["/c"].next_start is None and cut(PRETTY, spans["/c"].inner) == ""
    root = spans[""]
    assert root.first is not None and cut(PRETTY, root.first.key) == '"a"'
    assert set(spans) == {"/a", "/lang", "/b", "/b/x/0", "/b/yA", "/c", ""}


def test_json_skips_what_is_not_on_the_way_and_finds_nothing_missing() -> None:
    text = json.dumps({"big": [[i, {"k": i}] for i in range(50)], "shots": "1"})
    spans = json_spans(text, {"/shots", "/nope", "/big/49/1/k"})
    assert value(text, spans["/shots"]) == '"1"'
    assert value(text, spans["/big/49/1/k"]) == "49"
    assert "/nope" not in spans


def test_json_spans_agree_with_the_parsed_values() -> None:
    rng = random.Random(7)
    data = {f"k{i}": [rng.random(), {"n": i, "s": "x\\y" * i}] for i in range(30)}
    for indent in (None, 2, "\t"):
        text = json.dumps(data, indent=indent)
        wanted = {f"/k{i}/1/n" for i in range(30)} | {f"/k{i}/0" for i in range(30)}
        spans = json_spans(text, wanted)
        for pointer in wanted:
            _, key, index, *rest = pointer.split("/")
            expected = data[key][int(index)]
            if rest:
                expected = expected[rest[0]]  # type: ignore[index]
            assert json.loads(value(text, spans[pointer])) == expected


YAML = """# job
lang: &l json   # cirq
shots: "100"
body:
  a: 1
  b: [1.0, 2]
  seq:
    - x: 1
      y: 2
# tail
c: {}
d: *l
"""


def test_yaml_values_after_anchors_keys_and_block_ends() -> None:
    spans = yaml_spans(YAML, {"/lang", "/shots", "/body", "/body/b/0", "/body/seq/0/x", "/c", "/d", ""})
    assert value(YAML, spans["/lang"]) == "json"  # the anchor stays outside
    assert cut(YAML, spans["/lang"].key) == "lang" and spans["/lang"].block
    assert value(YAML, spans["/shots"]) == '"100"'
    # A block mapping ends at its last content, not at the comment before the next key.
    assert value(YAML, spans["/body"]).endswith("y: 2")
    assert value(YAML, spans["/body/b/0"]) == "1.0" and not spans["/body/b/0"].block
    assert cut(YAML, spans["/body/b/0"].parent_inner) == "1.0, 2"
    assert spans["/body/seq/0/x"].next_start == YAML.index("y: 2")
    assert cut(YAML, spans["/c"].inner) == ""
    assert value(YAML, spans["/d"]) == "*l"
    root = spans[""]
    assert root.first is not None and cut(YAML, root.first.key) == "lang"


def test_yaml_offsets_are_characters() -> None:
    text = 'name: "\U0001f600\u00e9"\r\nshots: "5"\r\n'
    spans = yaml_spans(text, {"/shots"})
    assert value(text, spans["/shots"]) == '"5"'


def test_yaml_collection_keys_give_no_spans() -> None:
    assert yaml_spans("? [a, b]\n: 1\nshots: '1'\n", {"/shots"}) == {}
