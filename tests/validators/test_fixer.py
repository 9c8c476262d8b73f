"""Fixing a payload: rounds of non-overlapping fixes, each checked, until nothing applicable is
left. Idempotent, and a fixed payload never gains an error (property tests over the captured
real-client corpus and generated payloads with injected fixable defects, in JSON and YAML)."""

from __future__ import annotations

import io
import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from ionqkit.findings import Safety
from ionqkit.validators import Diagnostic, Severity, fix, lint
from ionqkit.validators.fixer import fix_text
from ionqkit.validators.fixes import Change, Edit, Fix, SetValue
from ionqkit.validators.parse import parse
from ionqkit.validators.spans import json_spans
from tests.validators.samples import BELL, CORPUS, CORPUS_FILES, NATIVE, dumps, payload
from tests.validators.test_properties import valid_job

PROPERTY = settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))


def errors(diagnostics: list[Diagnostic]) -> Counter[str]:
    return Counter(d.code for d in diagnostics if d.is_error)


def test_every_safe_fix_is_applied_and_what_is_left_is_reported() -> None:
    data = payload(NATIVE)
    data["shots"] = "100"
    data["lang"] = "json"
    data["input"]["circuit"][0]["target"] = 0.0
    data["input"]["circuit"][2] = {"gate": "zz", "targets": [1, 2], "phase": 0.125}
    result = fix(dumps(data))
    assert sorted(d.code for d in result.applied) == ["IQ113", "IQ206", "IQ502"]
    assert [d.code for d in result.diagnostics] == ["IQ211"]  # unsafe: not without asking
    assert result.unsafe_left == 1
    after = json.loads(result.after)
    assert after["shots"] == 100 and "lang" not in after and after["input"]["circuit"][0]["target"] == 0
    unsafe = fix(dumps(data), unsafe_fixes=True)
    assert unsafe.diagnostics == [] and unsafe.unsafe_left == 0
    assert json.loads(unsafe.after)["input"]["circuit"][2] == {
        "gate": "zz",
        "targets": [1, 2],
        "angle": 0.125,
    }


def offer(text: str, code: str, *changes: Change) -> Diagnostic:
    """A finding of `code` whose fix makes `changes` in `text` (JSON)."""
    from ionqkit.validators.textedits import TextDoc, edits_for, wanted_pointers

    edits = edits_for(changes, TextDoc(text, False, json_spans(text, wanted_pointers(changes))))
    assert edits is not None
    return Diagnostic(
        "<payload>", code, Severity.WARNING, "", 1, 1, code, None, Fix(edits, Safety.SAFE, changes)
    )


def test_overlapping_fixes_are_applied_in_later_rounds() -> None:
    """Two fixes of one span: the first in the text is applied, the other in the next round."""
    text = '{"a": "1", "b": 2}'

    def linter(current: str) -> list[Diagnostic]:
        a = json.loads(current)["a"]
        found = [offer(current, "IQ502", SetValue("/a", 1))] if a == "1" else []
        return [*found, offer(current, "IQ206", SetValue("/a", 2))] if a != 2 else found

    result = fix_text(text, "<payload>", linter)
    assert [d.code for d in result.applied] == ["IQ502", "IQ206"]
    assert result.after == '{"a": 2, "b": 2}' and result.diagnostics == []


def test_the_v04_migration_includes_what_the_safe_fixes_it_overlaps_would_do() -> None:
    """IQ111 (safe: body -> input) and IQ502 edit what IQ110 (unsafe: the migration) rewrites."""
    text = (CORPUS / "v0.3" / "cirq-ionq-simulator-bell.json").read_text()
    result = fix(text, api_version="v0.4", unsafe_fixes=True)
    assert [d.code for d in result.applied] == ["IQ110"]
    assert result.diagnostics == []
    migrated = json.loads(result.after)
    assert migrated["type"] == "ionq.circuit.v1" and migrated["backend"] == "simulator"
    assert "target" not in migrated and "body" not in migrated and migrated["shots"] == 100
    safe_only = fix(text, api_version="v0.4")
    assert sorted(d.code for d in safe_only.applied) == ["IQ111", "IQ502"]
    assert [d.code for d in safe_only.diagnostics] == ["IQ110"] and safe_only.unsafe_left == 1


def test_many_fixes_take_work_linear_in_their_number(monkeypatch: pytest.MonkeyPatch) -> None:
    """3,000 fixes (a float target per gate): each is checked against its neighbours, not every
    fix taken before it, and kept by identity, not by comparing findings field by field."""
    from ionqkit.validators import fixer
    from ionqkit.validators.fixapply import overlaps as real_overlaps

    gates = 3000
    data = payload(NATIVE)
    data["input"] = {
        "gateset": "qis",
        "qubits": 2,
        "circuit": [{"gate": "h", "target": float(i % 2)} for i in range(gates)],
    }
    compared = Counter[str]()
    real_eq = Diagnostic.__eq__

    def counting_overlaps(edits: Any, taken: Any) -> bool:
        compared["edits"] += len(edits) * len(taken)
        return real_overlaps(edits, taken)

    def counting_eq(self: Diagnostic, other: object) -> bool:
        compared["findings"] += 1
        return bool(real_eq(self, other))

    monkeypatch.setattr(fixer, "overlaps", counting_overlaps)
    monkeypatch.setattr(Diagnostic, "__eq__", counting_eq)
    result = fix(dumps(data))
    assert len(result.applied) == gates and result.diagnostics == []
    expected = [{"gate": "h", "target": i % 2} for i in range(gates)]
    assert _typed_equal(json.loads(result.after)["input"]["circuit"], expected)
    assert compared["edits"] <= 2 * gates  # was gates * (gates - 1) / 2
    assert compared["findings"] <= 10  # was gates * (gates + 1) / 2


def test_a_fix_whose_text_says_something_else_is_refused() -> None:
    """The fixed text must parse to exactly the data the fix's changes describe."""
    text = '{"shots": "100"}'

    def linter(current: str) -> list[Diagnostic]:
        if current != text:
            return []
        wrong = Fix((Edit(10, 15, "100.0"),), Safety.SAFE, (SetValue("/shots", 100),))  # 100.0 is not 100
        return [Diagnostic("<payload>", "IQ502", Severity.WARNING, "/shots", 1, 11, "m", None, wrong)]

    result = fix_text(text, "<payload>", linter)
    assert result.after == text and result.applied == ()


def test_a_fix_that_breaks_a_yaml_alias_is_refused_and_the_others_still_apply() -> None:
    text = (
        "backend: simulator\ntype: ionq.circuit.v1\nlang: &l json\nshots: &s '100'\n"
        "metadata: {a: *s}\nnoise: {model: ideal}\n"
        "input: {gateset: qis, circuit: [{gate: h, target: 0.0}]}\n"
    )
    result = fix(text, name="job.yaml")
    # Removing `lang` would leave no anchor `l`? It is unused, so that is fine; changing the anchored
    # shots would change metadata.a too, which the check sees: that fix is refused.
    assert sorted(d.code for d in result.applied) == ["IQ113", "IQ206"]
    assert [d.code for d in result.diagnostics] == ["IQ502"]
    assert [d.code for d in result.refused] == ["IQ502"]
    assert result.after == text.replace("lang: &l json\n", "").replace("target: 0.0", "target: 0")


def test_one_refused_fix_among_many_costs_few_parses(monkeypatch: pytest.MonkeyPatch) -> None:
    """The fixes are checked by halves: one that is refused (the anchored shots) does not make
    every other one be checked on its own, a parse of the whole text each."""
    from ionqkit.validators import fixer
    from ionqkit.validators.parse import parse as real_parse

    gates = 64
    circuit = ", ".join(f"{{gate: h, target: {i % 2}.0}}" for i in range(gates))
    text = (
        "backend: simulator\ntype: ionq.circuit.v1\nshots: &s '100'\nmetadata: {a: *s}\n"
        f"input: {{gateset: qis, qubits: 2, circuit: [{circuit}]}}\n"
    )
    parses = Counter[str]()

    def counting_parse(text: str, name: str) -> Any:
        parses["all"] += 1
        return real_parse(text, name)

    monkeypatch.setattr(fixer, "parse", counting_parse)
    result = fix(text, name="job.yaml")
    assert Counter(d.code for d in result.applied) == {"IQ206": gates}
    assert [d.code for d in result.refused] == ["IQ502"]
    assert result.after == text.replace(".0}", "}")
    assert parses["all"] <= 2 + 2 * 7  # about 2·log2(65) checks; was 2 + 65


def test_fixing_that_would_add_an_error_changes_nothing() -> None:
    text = '{"shots": "100"}'
    gained = Diagnostic("<payload>", "IQ207", Severity.ERROR, "", 1, 1, "a new error")

    def linter(current: str) -> list[Diagnostic]:
        return lint(current, fixes=True) if current == text else [gained]

    result = fix_text(text, "<payload>", linter)
    assert result.reverted and result.after == text and result.applied == ()
    assert "IQ502" in {d.code for d in result.diagnostics}  # the findings of the text as it was


def test_fix_needs_the_text() -> None:
    with pytest.raises(TypeError, match="bytes or str"):
        fix(payload(BELL))  # type: ignore[arg-type]


def test_text_that_does_not_parse_is_returned_as_it_was() -> None:
    for text in ('{"shots": "100", ', '{"shots": "100", "shots": "1"}', "\ufeff"):
        result = fix(text)
        assert result.after == text and not result.changed and result.diagnostics


def test_fix_of_bytes_keeps_bytes_that_are_not_utf8() -> None:
    raw = b'{"shots": "1\xff"}'
    result = fix(raw)
    assert result.after.encode("utf-8", errors="surrogateescape") == raw
    assert [d.code for d in result.diagnostics] == ["IQ002"]
    assert "byte 0xff at offset 12" in result.diagnostics[0].message  # the byte the file has


# -- properties ---------------------------------------------------------------------------------


SOURCES = ["bell", "native", "generated", *(f"{p.parent.name}/{p.name}" for p in CORPUS_FILES)]


@st.composite
def defective(draw: st.DrawFn) -> tuple[dict[str, Any], dict[str, Any]]:
    """(payload with fixable defects injected, the same payload without them): a sample, a
    generated random circuit job, or a captured real-client payload (the corpus's own fixable
    findings, cirq's string shots, `lang` and v0.3 `body`, are fixed in the clean one)."""
    source = draw(st.sampled_from(SOURCES))
    if source == "bell":
        clean = payload(BELL)
    elif source == "native":
        clean = payload(NATIVE)
    elif source == "generated":
        clean = draw(valid_job())
    else:
        clean = json.loads((CORPUS / source).read_text())
    v03 = "target" in clean
    clean.pop("lang", None)
    if "body" in clean:
        clean["input"] = clean.pop("body")
    if isinstance(clean.get("shots"), str):
        clean["shots"] = int(clean["shots"])
    bad = json.loads(json.dumps(clean))
    if "shots" in bad and draw(st.booleans()):
        bad["shots"] = draw(st.sampled_from([str(bad["shots"]), f" {bad['shots']}"]))
    if v03 and draw(st.booleans()):  # older cirq-ionq's form: the circuit in `body`, with `lang`
        bad = {("body" if key == "input" else key): value for key, value in bad.items()}
        bad["lang"] = "json"
    elif not v03 and draw(st.booleans()):  # cirq-ionq's `lang`, anywhere among the keys
        position = draw(st.integers(0, len(bad)))
        items = list(bad.items())
        items.insert(position, ("lang", "json"))
        bad = dict(items)
    for gates in _gate_lists(bad):
        for gate in gates:
            for key in ("target", "control"):
                if type(gate.get(key)) is int and draw(st.booleans()):
                    gate[key] = float(gate[key])
            for key in ("targets", "controls"):
                if isinstance(gate.get(key), list):
                    gate[key] = [float(q) if type(q) is int and draw(st.booleans()) else q for q in gate[key]]
    return bad, clean


def _gate_lists(data: dict[str, Any]) -> list[list[dict[str, Any]]]:
    inp = data.get("input", data.get("body"))
    if not isinstance(inp, dict):
        return []
    lists = [inp["circuit"]] if isinstance(inp.get("circuit"), list) else []
    lists += [c["circuit"] for c in inp.get("circuits", []) if isinstance(c, dict)]
    return [[g for g in gates if isinstance(g, dict)] for gates in lists]


def _yaml(data: dict[str, Any], clean: dict[str, Any], comment_every: int, anchor: bool) -> str:
    """Block YAML with comments, and with `anchor` the system's name anchored and reused as the
    job's name (which `clean` then has too)."""
    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = False
    yaml.width = 1_000_000  # no folded lines
    out = io.StringIO()
    yaml.dump(data, out)
    lines = out.getvalue().splitlines()
    system = "backend" if "backend" in data else "target"
    if anchor and "name" not in data and isinstance(data.get(system), str):
        lines = [
            line.replace(f"{system}: ", f"{system}: &sys ", 1) if line.startswith(f"{system}: ") else line
            for line in lines
        ]
        lines.append("name: *sys   # the job is named after its system")
        clean["name"] = data[system]
    commented = [
        f"{line}  # note {i}" if comment_every and i % comment_every == 0 and "#" not in line else line
        for i, line in enumerate(lines)
    ]
    return "# a job payload kept in a repository\n" + "\n".join(commented) + "\n"


@st.composite
def texts(draw: st.DrawFn) -> tuple[str, str, dict[str, Any]]:
    """(name, text, the clean data the fixed text must say)."""
    bad, clean = draw(defective())
    bom = "\ufeff" if draw(st.integers(0, 4)) == 0 else ""
    if draw(st.booleans()):
        return "job.yaml", bom + _yaml(bad, clean, draw(st.integers(0, 4)), draw(st.booleans())), clean
    indent = draw(st.sampled_from([None, 2, 4, "\t"]))
    return "job.json", bom + json.dumps(bad, indent=indent, ensure_ascii=draw(st.booleans())), clean


@PROPERTY
@given(texts())
def test_fixing_injected_defects_gives_the_clean_payload_and_is_idempotent(
    case: tuple[str, str, dict[str, Any]],
) -> None:
    name, text, clean = case
    result = fix(text, name=name)
    assert not result.reverted
    assert parse(result.after, name).data == clean and _typed_equal(parse(result.after, name).data, clean)
    assert not [d for d in result.diagnostics if d.fix is not None and d.fix.safety == "safe"]
    assert not errors(result.diagnostics) - errors(lint(text, name=name))
    again = fix(result.after, name=name)
    assert again.after == result.after and again.applied == ()


def _typed_equal(a: Any, b: Any) -> bool:
    from ionqkit.validators.fixapply import same

    return same(a, b)


@PROPERTY
@given(st.sampled_from(CORPUS_FILES), st.booleans(), st.sampled_from(["auto", "v0.4"]))
def test_fixing_the_real_client_corpus_never_adds_an_error_and_is_idempotent(
    path: Path, unsafe: bool, api_version: str
) -> None:
    text = path.read_text()
    result = fix(text, name=path.name, unsafe_fixes=unsafe, api_version=api_version)
    assert not result.reverted
    before = errors(lint(text, name=path.name, api_version=api_version))
    assert not errors(result.diagnostics) - before
    again = fix(result.after, name=path.name, unsafe_fixes=unsafe, api_version=api_version)
    assert again.after == result.after and again.applied == ()
    if unsafe:
        assert [d for d in result.diagnostics if d.fix is not None] == []
