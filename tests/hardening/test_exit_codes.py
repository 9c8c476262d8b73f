"""Bad input is one located line and exit 2 (lint: a located IQ finding), never exit 3 or a
traceback; text output cannot be forged or driven by what an input holds."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from ionqkit.validators import lint
from tests.hardening.hostile import alias_bomb

Cli = Callable[..., tuple[int, str, str]]
REPO = Path(__file__).resolve().parents[2]
V04 = REPO / "specs" / "ionq-v0.4.openapi.yaml"
CIRCUIT_JOB = {
    "type": "ionq.circuit.v1",
    "backend": "simulator",
    "input": {"gateset": "qis", "qubits": 1, "circuit": [{"gate": "h", "target": 0}]},
}
LOCATED = re.compile(r"^error: (?P<file>.+?):(?P<line>\d+):(?P<column>\d+): (?P<cause>.*)$")


def one_located_error(code: int, err: str, path: Path) -> tuple[int, int, str]:
    """(line, column, cause) of the one error line; fails unless exit 2 with exactly that line."""
    assert code == 2, err
    assert "Traceback" not in err and "internal error" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    found = LOCATED.match(lines[0])
    assert found, f"not located: {lines[0]}"
    assert found["file"].endswith(path.name)
    return int(found["line"]), int(found["column"]), found["cause"]


def spec_with(shots: str) -> str:
    return f"openapi: 3.0.3\ninfo: {{title: t, version: '1'}}\npaths: {{}}\nx-shots: {shots}\n"


YAML_VALUES = {
    "5,000-digit integer": ("9" * 5000, "is longer than 4,300 digits"),
    "5,000-digit hex integer": ("0x" + "f" * 5000, "is longer than 4,300 digits"),
    "!!int xyz": ('!!int "xyz"', "'xyz' is not a valid !!int value"),
    "!!float abc": ('!!float "abc"', "'abc' is not a valid !!float value"),
    "!!bool maybe": ("!!bool maybe", "'maybe' is not a valid !!bool value"),
    "!!int empty": ('!!int ""', "'' is not a valid !!int value"),
}


@pytest.mark.parametrize("case", sorted(YAML_VALUES))
def test_a_yaml_value_its_tag_cannot_build_is_refused_where_written(
    cli: Cli, tmp_path: Path, case: str
) -> None:
    value, cause = YAML_VALUES[case]
    spec = tmp_path / "spec.yaml"
    spec.write_text(spec_with(value))
    for args in (
        ("generate", "--spec", spec, "--out", tmp_path / "out", "--package", "p"),
        ("diff", V04, spec),
        ("diff", spec, V04),
    ):
        code, out, err = cli(*args)
        assert out == ""
        line, column, said = one_located_error(code, err, spec)
        assert (line, column) == (4, 10), err
        assert cause in said
    assert not (tmp_path / "out").exists()
    job = tmp_path / "job.yaml"
    job.write_text(f"type: ionq.circuit.v1\nshots: {value}\n")
    code, out, err = cli("lint", job)  # lint reports a payload that does not parse as IQ001
    assert (code, err) == (1, "")
    assert out.startswith(f"{job}:2:8: IQ001 ")
    assert cause in out


def test_a_5000_digit_integer_in_a_json_spec_is_located(cli: Cli, tmp_path: Path) -> None:
    spec = tmp_path / "spec.json"
    spec.write_text('{"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "x": ' + "9" * 5000 + "}")
    code, _, err = cli("diff", V04, spec)
    assert one_located_error(code, err, spec)[:2] == (1, 67)


@pytest.mark.parametrize("depth", [990, 1020])  # 1,024 is orjson's own limit
def test_deep_json_metadata_is_a_located_too_deep_finding(cli: Cli, tmp_path: Path, depth: int) -> None:
    job = tmp_path / "job.json"
    job.write_text(json.dumps(CIRCUIT_JOB)[:-1] + ', "metadata": ' + "[" * depth + "]" * depth + "}")
    code, out, err = cli("lint", job)
    assert (code, err) == (1, "")
    assert re.search(rf"^{re.escape(str(job))}:1:\d+: IQ006 nesting deeper than 64 levels", out, re.M), out


def test_lint_never_lets_json_nest_past_512_whatever_the_configured_limit(tmp_path: Path) -> None:
    config = tmp_path / "lint.toml"
    config.write_text("[tool.ionqkit.lint.limits]\nmax_depth = 5000\n")
    job = tmp_path / "job.json"
    job.write_text(json.dumps(CIRCUIT_JOB)[:-1] + ', "metadata": {"k": ' + "[" * 1000 + "]" * 1000 + "}}")
    run = subprocess.run(
        [sys.executable, "-m", "ionqkit", "lint", "--config", config, job],
        capture_output=True, text=True, check=False, timeout=120,
    )  # fmt: skip
    assert run.returncode == 1, run.stderr
    assert "IQ006 nesting deeper than 512 levels" in run.stdout


def test_the_lint_api_reports_deep_nesting_instead_of_raising() -> None:
    text = json.dumps(CIRCUIT_JOB)[:-1] + ', "metadata": {"k": ' + "[" * 1000 + "]" * 1000 + "}}"
    found = lint(text.encode(), name="job.json")
    assert [(d.code, d.line) for d in found if d.code == "IQ006"] == [("IQ006", 1)]


@pytest.mark.parametrize(
    ("text", "position", "cause"),
    [
        ('{"target": "qpu", "shots": ' + "9" * 5000 + "}", (1, 28), "is longer than 4,300 digits"),
        ('{"target": "qpu", "shots": -' + "9" * 5000 + "}", (1, 28), "is longer than 4,300 digits"),
        ('{"target": "qpu", "metadata": ' + "[" * 900 + "]" * 900 + "}", (1, 542), "nesting deeper than 512"),
        (
            '{"target": "qpu", "metadata": ' + "[" * 5000 + "]" * 5000 + "}",
            (1, 542),
            "nesting deeper than 512",
        ),
        ('{"a": {"b": 1,\n "b": 2}}', (2, 2), "duplicate key 'b' (at /a/b)"),
    ],
    ids=["5000-digit", "negative 5000-digit", "900 deep", "5000 deep", "duplicate key"],
)
def test_migrate_refuses_huge_numbers_and_deep_nesting_where_they_are(
    cli: Cli, tmp_path: Path, text: str, position: tuple[int, int], cause: str
) -> None:
    job = tmp_path / "job.json"
    job.write_text(text)
    code, out, err = cli("migrate", "--write", job)
    assert out == ""
    line, column, said = one_located_error(code, err, job)
    assert (line, column) == position
    assert cause in said
    assert job.read_text() == text


def program(*args: str | Path, shell_redirect: str) -> subprocess.CompletedProcess[str]:
    """`python -m ionqkit ARGS REDIRECT` through sh, for redirections such as `>&-`."""
    command = " ".join(
        ["exec", '"$0"', "-m", "ionqkit", *(f'"${i + 1}"' for i in range(len(args))), shell_redirect]
    )
    return subprocess.run(
        ["sh", "-c", command, sys.executable, *map(str, args)],
        capture_output=True, text=True, check=False, timeout=120,
    )  # fmt: skip


@pytest.fixture
def bad_job(tmp_path: Path) -> Path:
    job = tmp_path / "job.json"
    job.write_text('{"type": "ionq.circuit.v1"}')
    return job


def test_lint_with_stdout_closed_is_one_error_and_exit_2(bad_job: Path) -> None:
    run = program("lint", bad_job, shell_redirect=">&-")
    assert (run.returncode, run.stderr) == (2, "error: standard output is closed\n")


@pytest.mark.parametrize("args", [("lint", "missing.json"), ("migrate", "missing.json"), ("diff", "a", "b")])
def test_bad_input_with_stderr_closed_still_exits_2(args: tuple[str, ...]) -> None:
    run = program(*args, shell_redirect="2>&-")
    assert run.returncode == 2
    assert "Traceback" not in run.stdout


def test_lint_of_stdin_when_it_is_closed_is_one_error_and_exit_2() -> None:
    run = program("lint", "-", shell_redirect="<&-")
    assert run.returncode == 2
    assert run.stderr == "error: <stdin>: standard input is closed\n"


def test_a_closed_stdout_never_becomes_a_file_that_a_later_open_gets(tmp_path: Path) -> None:
    """With fd 1 closed, the next file opened would get it and `print` would write into it."""
    job = tmp_path / "job.json"
    job.write_text(json.dumps(CIRCUIT_JOB))
    run = program("migrate", "--write", job, shell_redirect=">&-")
    assert run.returncode == 0, run.stderr
    assert json.loads(job.read_text())["input"]["qubits"] == 1


def test_a_file_name_cannot_forge_a_finding_line(cli: Cli, tmp_path: Path) -> None:
    forged = "x.json:1:1: IQ000 all good\n\x1b[2K\x1b[32mok"
    job = tmp_path / f"{forged}.json"
    job.write_text('{"type": "ionq.circuit.v1"}')
    code, out, err = cli("lint", job)
    assert code == 1
    assert "\x1b" not in out and "\x1b" not in err
    lines = out.splitlines()
    assert all(line.startswith(str(tmp_path)) for line in lines[:-1] if not line.startswith("    hint:"))
    assert "x.json:1:1: IQ000 all good\\n\\x1b[2K\\x1b[32mok.json" in out
    code, _, err = cli("lint", tmp_path / f"missing\n{forged}")
    assert code == 2
    assert len(err.splitlines()) == 1 and "\x1b" not in err


def test_keys_and_values_cannot_drive_the_terminal(cli: Cli, tmp_path: Path) -> None:
    job = tmp_path / "job.json"
    job.write_text(json.dumps({**CIRCUIT_JOB, "x\x1b]0;pwned\x07\u202e\n": 1}))
    code, out, _ = cli("lint", job)
    assert code in (0, 1)
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f\u202e]", out)
    spec = tmp_path / "spec.yaml"
    spec.write_text(
        V04.read_text().replace("  schemas:\n", '  schemas:\n    "A\\e[31m\\nB":\n      type: string\n', 1)
    )
    code, out, _ = cli("diff", V04, spec)
    assert "\x1b" not in out
    assert "A\\x1b[31m\\nB" in out


def test_an_unreadable_input_never_reads_all_checks_passed(cli: Cli, tmp_path: Path) -> None:
    good = tmp_path / "good.json"
    good.write_text(json.dumps(CIRCUIT_JOB))
    code, out, _ = cli("lint", tmp_path / "missing.json")
    assert (code, out) == (2, "Nothing checked: 1 could not be read.\n")
    code, out, _ = cli("lint", good, tmp_path / "missing.json")
    assert code == 2
    assert out == "No findings in 1 file; 1 could not be read.\n"


def test_an_alias_bomb_is_located_at_the_anchor_that_blows_up(cli: Cli, tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.yaml"
    bomb.write_text(alias_bomb())  # a6 is the first anchor past 2,000,000 nodes, on line 7
    code, _, err = cli("diff", V04, bomb)
    line, column, cause = one_located_error(code, err, bomb)
    assert (line, column) == (7, 1)
    assert cause.endswith("(at /a6)")
    looped = tmp_path / "loop.yaml"
    looped.write_text("x: 1\na: &a [1, *a]\n")
    code, _, err = cli("diff", V04, looped)
    line, column, cause = one_located_error(code, err, looped)
    assert (line, column) == (2, 11)
    assert cause.endswith("(at /a/1)")


@pytest.mark.parametrize(
    ("text", "position", "cause"),
    [
        ("openapi: 3.0.3\nx:\n  ? [a, b]\n  : 1\n", (3, 5), "mapping key is a sequence, not a string"),
        ("? {a: 1}\n: x\n", (1, 3), "mapping key is a mapping, not a string"),
        ("openapi: 3.0.3\ntrue: 1\n", (2, 1), "mapping key 'true' (!!bool) is not a string"),
        ("openapi: 3.0.3\nx:\n  1.5: a\n", (3, 3), "mapping key '1.5' (!!float) is not a string"),
    ],
    ids=["sequence", "mapping at the top", "boolean", "float"],
)
def test_a_key_that_is_not_a_string_is_located(
    cli: Cli, tmp_path: Path, text: str, position: tuple[int, int], cause: str
) -> None:
    spec = tmp_path / "spec.yaml"
    spec.write_text(text)
    code, _, err = cli("diff", spec, V04)
    line, column, said = one_located_error(code, err, spec)
    assert (line, column) == position
    assert cause in said
