"""Changes -> minimal text edits: only the changed span differs, in the layout the file has."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from ionqkit.validators.fixapply import apply_edits
from ionqkit.validators.fixes import AddMember, Change, RemoveMember, RenameKey, SetValue
from ionqkit.validators.spans import json_spans, yaml_spans
from ionqkit.validators.textedits import TextDoc, edits_for, render, wanted_pointers


def fixed(text: str, changes: Sequence[Change], *, yaml: bool = False) -> str | None:
    spans = (yaml_spans if yaml else json_spans)(text, wanted_pointers(changes))
    edits = edits_for(changes, TextDoc(text, yaml, spans))
    return None if edits is None else apply_edits(text, edits)


PRETTY = '{\n  "a": 1,\n  "lang": "json",\n  "b": 2\n}\n'


@pytest.mark.parametrize(
    ("text", "pointer", "expected"),
    [
        (PRETTY, "/lang", '{\n  "a": 1,\n  "b": 2\n}\n'),
        (PRETTY, "/a", '{\n  "lang": "json",\n  "b": 2\n}\n'),
        (PRETTY, "/b", '{\n  "a": 1,\n  "lang": "json"\n}\n'),
        ('{"a":1,"lang":"json","b":2}', "/lang", '{"a":1,"b":2}'),
        ('{ "lang" : "json" }', "/lang", "{}"),
        ('{"x": {"lang": [1, {"y": 2}]}, "z": 0}', "/x/lang", '{"x": {}, "z": 0}'),
    ],
)
def test_json_member_removal_takes_one_separator(text: str, pointer: str, expected: str) -> None:
    assert fixed(text, [RemoveMember(pointer)]) == expected


def test_json_value_and_key_edits_keep_every_other_byte() -> None:
    text = '{\n\t"shots" :  "100",\n\t"body": {"q": [1.0e0, 2.50]}\n}'
    changes: list[Change] = [SetValue("/shots", 100), SetValue("/body/q/0", 1), RenameKey("/body", "input")]
    assert fixed(text, changes) == '{\n\t"shots" :  100,\n\t"input": {"q": [1, 2.50]}\n}'


def test_json_added_members_follow_the_first_members_layout() -> None:
    assert fixed(PRETTY, [AddMember("", "type", "x"), AddMember("", "n", {"k": [1]})]) == (
        '{\n  "type": "x",\n  "n": {"k": [1]},\n  "a": 1,\n  "lang": "json",\n  "b": 2\n}\n'
    )
    assert fixed('{"a":1}', [AddMember("", "t", "x")]) == '{"t":"x","a":1}'
    assert fixed('{"o": { }}', [AddMember("/o", "t", 1)]) == '{"o": {"t": 1}}'


def test_an_addition_beside_the_removal_of_the_first_member() -> None:
    text = '{\n  "target": "s",\n  "lang": "json"\n}'
    changes: list[Change] = [RemoveMember("/target"), AddMember("", "backend", "s")]
    assert fixed(text, changes) == '{\n  "backend": "s",\n  "lang": "json"\n}'


YAML = """# job
backend: simulator   # ideal
lang: json           # cirq adds this
input:
  gateset: qis
  circuit:
    - gate: h
      targets: [0.0]   # float
    - {gate: cnot, control: 0, lang: x, target: 1}
# how many
shots: '100'
"""


def test_yaml_removal_takes_the_members_lines_and_keeps_other_comments() -> None:
    assert fixed(YAML, [RemoveMember("/lang")], yaml=True) == YAML.replace(
        "lang: json           # cirq adds this\n", ""
    )
    assert fixed(YAML, [RemoveMember("/input")], yaml=True) == (
        "# job\nbackend: simulator   # ideal\nlang: json           # cirq adds this\n"
        "# how many\nshots: '100'\n"
    )
    flow = fixed(YAML, [RemoveMember("/input/circuit/1/lang")], yaml=True)
    assert flow == YAML.replace("control: 0, lang: x, ", "control: 0, ")


def test_yaml_removal_of_the_first_member_of_a_sequence_item() -> None:
    text = "items:\n  - lang: json\n    shots: 1\n  - lang: json\n"
    assert fixed(text, [RemoveMember("/items/0/lang")], yaml=True) == "items:\n  - shots: 1\n  - lang: json\n"
    assert fixed(text, [RemoveMember("/items/1/lang")], yaml=True) == (
        "items:\n  - lang: json\n    shots: 1\n  - {}\n"
    )


def test_yaml_removal_of_an_only_member_leaves_an_empty_mapping() -> None:
    text = "settings:\n  lang: x   # gone\nshots: 1\n"
    assert fixed(text, [RemoveMember("/settings/lang")], yaml=True) == "settings:\n  {}   # gone\nshots: 1\n"


def test_yaml_value_edits_keep_quoting_anchors_and_line_endings() -> None:
    text = "a: &n '1'\r\nb: *n\r\n'body':\r\n  q: [1.0]\r\n"
    changes: list[Change] = [SetValue("/a", 1), RenameKey("/body", "input"), SetValue("/body/q/0", 1)]
    assert fixed(text, changes, yaml=True) == "a: &n 1\r\nb: *n\r\n'input':\r\n  q: [1]\r\n"


def test_yaml_added_members_are_lines_in_the_mappings_indentation() -> None:
    text = "input:\n  circuit: []   # none yet\n"
    changes = [AddMember("/input", "gateset", "qis"), AddMember("/input", "qubits", 2)]
    assert (
        fixed(text, changes, yaml=True) == "input:\n  gateset: qis\n  qubits: 2\n  circuit: []   # none yet\n"
    )
    crlf = "- circuit: []\r\n  name: x\r\n"
    assert fixed(crlf, [AddMember("/0", "gateset", "native")], yaml=True) == (
        "- gateset: native\r\n  circuit: []\r\n  name: x\r\n"
    )


def test_yaml_strings_are_plain_only_where_they_read_back_the_same() -> None:
    assert render("ionq.circuit.v1", yaml=True) == "ionq.circuit.v1"
    assert render("yes", yaml=True) == '"yes"'
    assert render("1.5", yaml=True) == '"1.5"'
    assert render("a: b", yaml=True) == '"a: b"'
    assert render("qis", yaml=False) == '"qis"'


def test_what_cannot_be_placed_gives_no_edits() -> None:
    assert fixed(PRETTY, [SetValue("/nope", 1)]) is None
    assert fixed(PRETTY, [RenameKey("", "x")]) is None
    assert fixed('{"a": [1]}', [RemoveMember("/a/0")]) is None  # items are not members
    assert fixed(PRETTY, [RemoveMember("/a"), SetValue("/a", 2)]) is None  # overlapping
    assert fixed('{"a": 1}', [AddMember("/a", "k", 1)]) is None  # not an object
