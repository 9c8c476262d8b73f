"""Memory linear in the input, a depth check that counts structure, and a bounded overlay.

- Peak RSS of `ionqkit lint` on a file it reads, and of `ionqkit diff` on two, stays within
  3x the input size + 150 MB for inputs made of long strings (one 20 MB string cost 2.4 GB before:
  the string regexes of the locator and the loader's checks saved state for every character).
- Brackets in comments, quoted and block scalars are text: 600 of them are not "nesting deeper than
  512"; 600 real levels still are, located, in flow style or as one line of `- - -` (which crashed
  libyaml's composer with SIGSEGV).
- An overlay whose update would be copied into more nodes than its budget is refused, naming the
  overlay file and the action, before it copies anything.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from ionqkit.errors import InputError, SpecError
from ionqkit.spec import jsonscan
from ionqkit.spec.inputs import MAX_DEPTH
from ionqkit.spec.loader import load_bytes
from ionqkit.spec.overlay import MAX_WORK, apply_overlay
from ionqkit.spec.pointers import split_pointer
from tests.hardening.hostile import run_measured

Cli = Callable[..., tuple[int, str, str]]
REPO = Path(__file__).resolve().parents[2]
V04 = REPO / "specs" / "ionq-v0.4.openapi.yaml"
MB = 1024 * 1024
SIZE = 20 * MB


def within_bound(peak_mb: float, *inputs: Path) -> bool:
    size_mb = sum(path.stat().st_size for path in inputs) / MB
    return peak_mb <= 3 * size_mb + 150


# --- item 6: memory linear in the input ----------------------------------------------------------

# Each is a job payload lint reads and reports on (missing fields, body over 10 MB): the findings
# make lint locate pointers in the text, the colons make it scan for duplicate keys.
LONG_INPUTS: dict[str, Callable[[int], str]] = {
    "string.json": lambda n: json.dumps({"x": "a" * n}),
    "escapes.json": lambda n: '{"x": "' + "a\\\\" * (n // 3) + '"}',
    "colons.json": lambda n: json.dumps({"x": "a:" * (n // 2)}),
    "key.json": lambda n: json.dumps({"k" * n: 1}),
    "string.yaml": lambda n: 'x: "' + "a" * n + '"\n',
    "comment.yaml": lambda n: "# " + "[" * n + "\nx: 1\n",
}


@pytest.mark.parametrize("name", sorted(LONG_INPUTS))
def test_lint_peak_memory_is_linear_in_a_long_input(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text(LONG_INPUTS[name](SIZE))
    result = run_measured("lint", path)
    assert result.code == 1, result.stderr  # findings, not a refusal
    assert "Traceback" not in result.stderr
    assert "IQ704" in result.stdout  # read whole and reported on
    assert within_bound(result.peak_mb, path), f"{name}: peak {result.peak_mb:.0f} MB"


def long_spec(fill: str, suffix: str) -> str:
    if suffix == ".json":
        info = {"title": "t", "version": "1", "description": fill * SIZE}
        return json.dumps({"openapi": "3.0.3", "info": info, "paths": {}})
    return (
        f"openapi: 3.0.3\ninfo:\n  title: t\n  version: '1'\n  description: \"{fill * SIZE}\"\npaths: {{}}\n"
    )


@pytest.mark.slow
@pytest.mark.parametrize("suffix", [".json", ".yaml"])
def test_diff_peak_memory_is_linear_in_two_long_specs(tmp_path: Path, suffix: str) -> None:
    old, new = tmp_path / f"old{suffix}", tmp_path / f"new{suffix}"
    old.write_text(long_spec("a", suffix))
    new.write_text(long_spec("b", suffix))
    result = run_measured("diff", old, new)
    assert result.code == 0, result.stderr
    assert "summary: no changes" in result.stdout
    assert within_bound(result.peak_mb, old, new), f"diff: peak {result.peak_mb:.0f} MB"


def test_json_scanning_is_exact_on_hostile_strings() -> None:
    text = '{"a": "[[{\\"]", "b": [1, {"c": "\\\\"}], "d": NaN, "e": "NaN"}'
    assert jsonscan.too_deep(text, 3) is None  # the brackets in strings are text
    assert jsonscan.too_deep(text, 2) == text.index('{"c"')
    assert jsonscan.bare_constant(text) == ("NaN", text.index("NaN"))
    unterminated = '["a", "b\\"' + "[" * 5
    assert jsonscan.too_deep(unterminated, 1) is None  # the open string runs to the end
    assert [m.group() for m in jsonscan.tokens('{"k\\"": [1]}')] == ["{", '"k\\""', ":", "[", "1", "]", "}"]
    assert jsonscan.line_columns("ab\ncd\n\nx", [0, 4, 7, 8]) == {0: (1, 1), 4: (2, 2), 7: (4, 1), 8: (4, 2)}


# --- item 14: the depth check counts structure, not characters ------------------------------------

BRACKETS = "[" * 600
# 600 brackets (more than MAX_DEPTH) as text, in every place YAML keeps text.
TEXT_BRACKETS = {
    "comment": f"# {BRACKETS}\n",
    "double-quoted": f'x-double: "{BRACKETS}"\n',
    "single-quoted": f"x-single: '{BRACKETS}'\n",
    "multi-line quoted": f'x-multi: "first line\n  {BRACKETS}\n  last"\n',
    "literal block": f"x-literal: |\n  {BRACKETS}\n  {'{' * 600}\n",
    "folded block": f"x-folded: >-\n  {BRACKETS}\n",
    "plain": f"x-plain: a{BRACKETS}\n",
}


@pytest.mark.parametrize("where", sorted(TEXT_BRACKETS))
def test_brackets_in_text_are_not_nesting(where: str) -> None:
    doc = load_bytes(f"a: 1\n{TEXT_BRACKETS[where]}b: 2\n", name="spec.yaml")
    assert doc.data["a"] == 1 and doc.data["b"] == 2


def test_lint_accepts_brackets_in_yaml_comments_and_strings(cli: Cli, tmp_path: Path) -> None:
    payload = tmp_path / "job.yaml"
    lines = "".join(TEXT_BRACKETS.values())
    payload.write_text(
        f"type: ionq.circuit.v1\nbackend: simulator\n{lines}input:\n  qubits: 1\n  circuit: []\n"
    )
    _, out, err = cli("lint", payload)
    assert "IQ006" not in out and "nesting" not in out + err, out + err


def small_spec(extra: str) -> str:
    return (
        "openapi: 3.0.3\ninfo:\n  title: t\n  version: '1'\npaths: {}\n"
        f"{extra}"
        "components:\n  schemas:\n    Thing:\n      type: object\n      properties:\n"
        "        name:\n          type: string\n"
    )


@pytest.mark.slow
def test_generate_accepts_brackets_in_yaml_comments_and_strings(cli: Cli, tmp_path: Path) -> None:
    spec = tmp_path / "spec.yaml"
    spec.write_text(small_spec(TEXT_BRACKETS["comment"] + TEXT_BRACKETS["double-quoted"]))
    code, _, err = cli("generate", "--spec", spec, "--out", tmp_path / "out", "--package", "p", "-q")
    assert code == 0, err
    assert "class Thing(SpecModel):" in (tmp_path / "out" / "p" / "models.py").read_text()


# (file name, text, line:column of the first collection deeper than MAX_DEPTH)
DEEP = {
    "flow": ("deep.yaml", f"a: {'[' * 600}{']' * 600}\n", "1:515"),  # the mapping is level 1
    "json": ("deep.json", '{"a": ' + "[" * 600 + "]" * 600 + "}", "1:518"),
    "compact block": ("deep.yaml", "a: 1\nb:\n" + "- " * 600 + "x\n", "3:1023"),
    # libyaml also breaks lines at a lone CR, NEL and LS, and skips a BOM that opens a line.
    "compact block after CR": ("deep.yaml", "a:\r" + "- " * 600 + "x\r", "2:1023"),
    "compact block after NEL": ("deep.yaml", "a:\x85" + "- " * 600 + "x\x85", "2:1023"),
    "compact block after BOM": ("deep.yaml", "a:\n\ufeff" + "- " * 600 + "x\n", "2:1024"),
    # Only in a subprocess: on main this crashed the interpreter (SIGSEGV in libyaml's composer).
    "compact block, 100,000 levels": ("deep.yaml", "a: 1\nb:\n" + "- " * 100_000 + "x\n", "3:1023"),
    "indented block": (
        "deep.yaml",
        "".join(f"{' ' * i}k:\n" for i in range(600)) + " " * 600 + "k: 1\n",
        "513:513",
    ),
}


@pytest.mark.parametrize("kind", [kind for kind in DEEP if "100,000" not in kind])
def test_real_nesting_deeper_than_the_limit_is_refused_where_it_is(kind: str) -> None:
    name, text, where = DEEP[kind]
    with pytest.raises(InputError) as caught:
        load_bytes(text, name=name)
    assert str(caught.value) == f"{name}:{where}: nesting deeper than {MAX_DEPTH} levels"


@pytest.mark.parametrize("kind", ["flow", "compact block, 100,000 levels"])
def test_lint_and_generate_refuse_deep_nesting_with_a_located_line(tmp_path: Path, kind: str) -> None:
    name, text, where = DEEP[kind]
    path = tmp_path / name
    path.write_text(text)
    linted = run_measured("lint", path)
    assert linted.code == 1, linted.stderr
    assert f"{path}:{where}: IQ006 nesting deeper than {MAX_DEPTH} levels" in linted.stdout
    generated = run_measured("generate", "--spec", path, "--out", tmp_path / "out", "--package", "p")
    assert generated.code == 2, generated.stderr
    assert f"{name}:{where}: nesting deeper than {MAX_DEPTH} levels" in generated.stderr
    assert generated.stderr.startswith("error: ") and len(generated.stderr.splitlines()) == 1
    assert not (tmp_path / "out" / "p").exists()


# --- item 7: an overlay's work is bounded ---------------------------------------------------------


def overlay_file(tmp_path: Path, actions: list[dict[str, object]]) -> Path:
    path = tmp_path / "big.overlay.json"
    path.write_text(
        json.dumps({"overlay": "1.0.0", "info": {"title": "t", "version": "1"}, "actions": actions})
    )
    return path


def amplifying_update(nodes: int) -> dict[str, object]:
    return {"x-copy": [{"v": i} for i in range((nodes - 2) // 2)]}  # 2 + 2 per item


def test_an_update_copied_past_the_budget_is_refused_naming_the_action(tmp_path: Path) -> None:
    # `$..[?@.type]` matches 602 nodes of the v0.4 spec (September 2026): 602 x 3,400 nodes is just over
    # the budget (before the budget this generated, copying 2 million nodes; 549 KB of update ran for
    # minutes).
    keep: dict[str, object] = {"target": "$.info", "update": {"x-note": "fine"}}
    amplify: dict[str, object] = {"target": "$..[?@.type]", "update": amplifying_update(3_400)}
    overlay = overlay_file(tmp_path, [keep, amplify])
    result = run_measured(
        "generate", "--spec", V04, "--overlay", overlay, "--out", tmp_path, "--package", "p"
    )
    assert result.code == 2, result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == 1, result.stderr
    assert errors[0].startswith(f"error: {overlay}:1:")
    assert (
        f"action 1: target '$..[?@.type]' would make the overlay visit or copy more than {MAX_WORK:,} nodes"
        in (errors[0])
    )
    assert errors[0].endswith("(at /actions/1/target)")
    assert result.peak_mb < 400, f"peak {result.peak_mb:.0f} MB"
    assert not (tmp_path / "p").exists()


def test_an_update_within_the_budget_is_applied_to_every_match(tmp_path: Path) -> None:
    spec = load_bytes(V04.read_bytes(), name=str(V04))
    update = amplifying_update(1_000)
    overlay = load_bytes(
        overlay_file(tmp_path, [{"target": "$..[?@.type]", "update": update}]).read_text(), name="o"
    )
    patched, applied = apply_overlay(spec, overlay)
    assert len(applied[0].matches) == 602
    for pointer in applied[0].matches:
        node = patched
        for token in split_pointer(pointer):
            node = node[int(token)] if isinstance(node, list) else node[token]
        assert node["x-copy"] == update["x-copy"]


@pytest.mark.parametrize(
    ("target", "cause"),
    [
        ("$..[?$..type]", "a `$` query inside a filter"),
        ("$..[?@..type]", "a `..` query inside a filter"),
        ("$..[?@.a[?@..b]]", "a `..` query inside a filter"),
        ("$..[?match(@.type, 'o.*')]", "match() inside a filter"),
        ("$..[?search(@.type, 'o')]", "search() inside a filter"),
    ],
)
def test_filters_whose_cost_the_budget_cannot_see_are_refused(
    tmp_path: Path, target: str, cause: str
) -> None:
    # `$..[?$..type]` alone took 15 s on the 66 KB v0.4 spec on main, growing with its square.
    spec = load_bytes(V04.read_bytes(), name=str(V04))
    path = overlay_file(tmp_path, [{"target": "$.info", "update": {}}, {"target": target, "remove": True}])
    with pytest.raises(SpecError) as caught:
        apply_overlay(spec, load_bytes(path.read_text(), name=str(path)))
    assert f"action 1: target {target!r} uses {cause}" in caught.value.message
    assert caught.value.pointer == "/actions/1/target"


@pytest.mark.parametrize(
    "target",
    [
        "$..[?@.type == 'integer' && @.format]",  # relative queries: bounded per candidate
        "$..[?@.*]",
        "$..properties[?@.type]..enum",  # descent outside a filter is counted
        "$..[?@.description == '$ and .. in a string']",  # quoted, not queries
    ],
)
def test_relative_filters_and_descent_outside_filters_are_evaluated(tmp_path: Path, target: str) -> None:
    spec = load_bytes(V04.read_bytes(), name=str(V04))
    path = overlay_file(tmp_path, [{"target": target, "update": {}}])
    try:
        _, applied = apply_overlay(spec, load_bytes(path.read_text(), name=str(path)))
    except SpecError as exc:  # refused for the ordinary reason, not for its cost
        assert "matches nothing" in exc.message, exc.message
    else:
        assert applied[0].matches


@pytest.mark.slow
def test_the_overlay_fuzz_target_survives_amplifying_mutants() -> None:
    from tests.devtools import dev_module

    corpus = dev_module("fuzz", "seeds").overlay_seeds()
    one_input = dev_module("fuzz", "overlay_target").one_input
    for data in dev_module("fuzz", "engine").inputs(corpus, len(corpus) + 24, seed=0):
        one_input(data)  # anything but an IonqkitError fails the test
