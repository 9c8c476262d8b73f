"""`ionqkit lint` and `ionqkit rules` as users run them: exit codes, formats, stdin, directories."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from ionqkit.cli import main
from ionqkit.validators.registry import RULES
from tests.findings.sarif_schema import SARIF_REQUIRED
from tests.validators.samples import BELL, CORPUS, SINCE_CAPTURE, dumps, payload, position


def write(tmp_path: Path, name: str, data: Any) -> Path:
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else dumps(data))
    return path


def bad_bell() -> dict[str, Any]:
    data = payload(BELL)
    data["input"]["circuit"][0]["target"] = 5
    return data


def test_clean_file_exits_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lint", str(write(tmp_path, "ok.json", BELL))]) == 0
    assert "All checks passed (1 file)" in capsys.readouterr().out


def test_errors_exit_1_with_ruff_style_lines(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "bad.json", bad_bell())
    assert main(["lint", str(path)]) == 1
    line, column = position(path.read_text(), '"target"')
    out = capsys.readouterr().out
    assert out.splitlines()[0] == (
        f"{path}:{line}:{column}: IQ207 qubit 5 is outside input.qubits=2 (valid 0..1)"
        " (at /input/circuit/0/target)"
    )


def test_warnings_alone_pass_unless_asked(tmp_path: Path) -> None:
    path = write(tmp_path, "warn.json", dict(payload(BELL), lang="json"))
    assert main(["lint", str(path)]) == 0
    assert main(["lint", "--warnings-as-errors", str(path)]) == 1


def test_select_and_ignore(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "bad.json", bad_bell())
    assert main(["lint", "--ignore", "IQ207", str(path)]) == 0
    assert main(["lint", "--select", "IQ5,IQ6", str(path)]) == 0
    assert main(["lint", "--select", "IQ2", str(path)]) == 1
    capsys.readouterr()
    assert main(["lint", "--select", "IQ999", str(path)]) == 2
    assert "matches no rule code" in capsys.readouterr().err


def test_missing_path_exits_2_but_lints_the_rest(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "bad.json", bad_bell())
    assert main(["lint", str(path), str(tmp_path / "nope.json")]) == 2
    captured = capsys.readouterr()
    assert "IQ207" in captured.out
    assert "nope.json: no such file or directory" in captured.err


def test_directories_are_searched_for_json_and_yaml(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path, "a.json", BELL)
    (tmp_path / "sub").mkdir()
    yaml = (
        "type: ionq.circuit.v1\nbackend: simulator\ninput: {gateset: qis, circuit: [{gate: hh, target: 0}]}\n"
    )
    write(tmp_path / "sub", "b.yaml", yaml)
    write(tmp_path, "notes.txt", "not a payload")
    assert main(["lint", "--format", "json", str(tmp_path)]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["summary"] == {"files": 2, "errors": 1, "warnings": 0, "by_code": {"IQ201": 1}}
    (finding,) = report["diagnostics"]
    assert finding["file"].endswith("b.yaml")
    assert (finding["line"], finding["column"]) == position(yaml, "gate: hh")


def test_stdin(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(dumps(bad_bell()).encode())))
    assert main(["lint", "-"]) == 1
    assert capsys.readouterr().out.startswith("<stdin>:")


def test_github_annotations(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "bad.json", bad_bell())
    main(["lint", "--format", "github", str(path)])
    line, column = position(path.read_text(), '"target"')
    out = capsys.readouterr().out
    assert out.startswith(f"::error file={path},line={line},col={column},title=IQ207::qubit 5 is outside")


def test_sarif_output_is_valid_and_points_at_the_fault(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "bad.json", bad_bell())
    assert main(["lint", "--format", "sarif", str(path)]) == 1
    log = json.loads(capsys.readouterr().out)
    jsonschema.validate(log, SARIF_REQUIRED)
    run = log["runs"][0]
    (result,) = run["results"]
    assert run["tool"]["driver"]["rules"][result["ruleIndex"]]["id"] == result["ruleId"] == "IQ207"
    region = result["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"]) == position(path.read_text(), '"target"')
    assert len(run["tool"]["driver"]["rules"]) == len(RULES)


def test_rules_lists_and_explains(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules"]) == 0
    listing = capsys.readouterr().out.splitlines()
    assert [row.split()[0] for row in listing] == list(RULES)
    assert main(["rules", "IQ605"]) == 0
    explained = capsys.readouterr().out
    assert "400" in explained and "40,000" in explained and "metadata_warn_value_length" in explained
    assert main(["rules", "qubit-out-of-range"]) == 0
    assert capsys.readouterr().out.startswith("IQ207 qubit-out-of-range (error)")
    assert main(["rules", "IQ999"]) == 2


def test_docs_rules_md_is_generated_from_the_registry() -> None:
    from ionqkit.validators.docs import markdown

    committed = (Path(__file__).resolve().parents[2] / "docs" / "rules.md").read_text()
    assert committed == markdown(), "regenerate: ionqkit rules --format markdown > docs/rules.md"


def test_as_a_real_process_on_the_corpus() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "ionqkit", "lint", "--format", "json", str(CORPUS)],
        capture_output=True,
        text=True,
        check=False,
    )
    retired = sum(map(len, SINCE_CAPTURE.values()))  # errors IonQ would report today (retired backends)
    assert result.returncode == (1 if retired else 0), result.stderr
    summary = json.loads(result.stdout)["summary"]
    assert summary["errors"] == retired and summary["files"] == len(list(CORPUS.rglob("*.json")))


def test_bad_arguments_exit_2() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "ionqkit", "lint", "--format", "xml", "x.json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2 and "invalid choice" in result.stderr
