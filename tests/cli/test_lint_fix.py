"""`ionqkit lint --fix` / `--diff` as users run them: the captured real-client payloads come out
clean of what was fixable with every other byte unchanged, in JSON and in YAML with comments and
anchors; --diff prints a patch and exits 1; stdin is a filter; bad input is never written."""

from __future__ import annotations

import errno
import io
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ionqkit.cli import main
from ionqkit.validators import lint
from tests.validators.samples import CORPUS_FILES

CIRQ = [p for p in CORPUS_FILES if p.name.startswith("cirq-ionq")]
FIXED_CODES = {"IQ111", "IQ113", "IQ502"}


def copy_cirq(tmp_path: Path) -> dict[Path, str]:
    """The cirq-ionq corpus files copied under tmp_path/<version>/, with their text."""
    copies = {}
    for source in CIRQ:
        target = tmp_path / source.parent.name / source.name
        target.parent.mkdir(exist_ok=True)
        shutil.copyfile(source, target)
        copies[target] = source.read_text()
    return copies


def expected_fix(original: str, version: str) -> str:
    """What --fix must make of a captured cirq-ionq payload, by plain string edits: cirq's `lang`
    line goes, the top-level string shots (indented 2, unlike metadata's) becomes a number, and
    v0.3's `body` becomes `input`. Nothing else may differ."""
    text = original.replace('  "lang": "json",\n', "", 1)
    text, count = re.subn(r'^  "shots": "(\d+)"', r'  "shots": \1', text, count=1, flags=re.MULTILINE)
    assert count == 1
    if version == "v0.3":
        text = text.replace('\n  "body": {', '\n  "input": {', 1)
    return text


def test_fix_leaves_the_cirq_corpus_clean_and_every_other_byte_as_it_was(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    copies = copy_cirq(tmp_path)
    assert main(["lint", "--fix", str(tmp_path)]) == 0
    captured = capsys.readouterr()
    assert (
        f"Fixed {2 * len(copies)} finding(s) in {len(copies)} files. 1 more fixable with --unsafe-fixes."
        in (captured.err)
    )
    for path, original in copies.items():
        fixed = path.read_text()
        assert fixed == expected_fix(original, path.parent.name), path
        assert not {d.code for d in lint(fixed, name=path.name)} & FIXED_CODES
    # What is left is reported: the unsafe fix of cirq's native zz `phase`, not applied.
    assert "IQ211" in captured.out and "All checks passed" not in captured.out
    assert main(["lint", "--fix", str(tmp_path)]) == 0  # idempotent
    assert "Fixed" not in capsys.readouterr().err
    assert {p: p.read_text() for p in copies} == {
        p: expected_fix(t, p.parent.name) for p, t in copies.items()
    }


YAML_JOB = """# Bell pair, as cirq-ionq sends it; kept in the repo as YAML
backend: &sim simulator   # the ideal simulator
type: "ionq.circuit.v1"
lang: json                # cirq-ionq adds this on every job
input:
  gateset: qis
  qubits: &n 2
  circuit:
    - gate: h
      targets: [0.0]      # written as floats by a script
    - {gate: cnot, control: 0, target: 1.0}
metadata:
  note: 'runs on *sim'
  qubits: "2"
shots: '100'              # cirq sends a string
noise: {model: ideal}
"""

YAML_FIXED = """# Bell pair, as cirq-ionq sends it; kept in the repo as YAML
backend: &sim simulator   # the ideal simulator
type: "ionq.circuit.v1"
input:
  gateset: qis
  qubits: &n 2
  circuit:
    - gate: h
      targets: [0]      # written as floats by a script
    - {gate: cnot, control: 0, target: 1}
metadata:
  note: 'runs on *sim'
  qubits: "2"
shots: 100              # cirq sends a string
noise: {model: ideal}
"""


def test_fix_edits_only_the_fixed_spans_of_yaml(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "bell.yaml"
    path.write_text(YAML_JOB)
    assert main(["lint", "--fix", str(path)]) == 0
    assert path.read_text() == YAML_FIXED
    assert "All checks passed (1 file)." in capsys.readouterr().out


def test_a_fix_that_would_change_an_anchors_other_uses_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "job.yaml"
    text = YAML_JOB.replace("shots: '100'", "shots: &count '100'") + "name: *count\n"
    path.write_text(text)
    assert main(["lint", "--fix", str(path)]) == 0
    err = capsys.readouterr().err
    assert f"warning: {path}:15:1: IQ502 not fixed: the edited text would change more" in err
    assert "shots: &count '100'" in path.read_text() and "lang:" not in path.read_text()


@pytest.mark.skipif(shutil.which("patch") is None, reason="needs the patch program")
def test_diff_prints_a_patch_that_makes_the_fix_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    copies = copy_cirq(tmp_path)
    (tmp_path / "bell.yaml").write_text(YAML_JOB)
    assert main(["lint", "--diff", "v0.3", "v0.4", "bell.yaml"]) == 2  # relative paths: in cwd
    capsys.readouterr()
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(tmp_path)
        assert main(["lint", "--diff", "v0.3", "v0.4", "bell.yaml"]) == 1
    captured = capsys.readouterr()
    assert {p: p.read_text() for p in copies} == copies and (tmp_path / "bell.yaml").read_text() == YAML_JOB
    assert captured.err.startswith("Would fix ")
    applied = subprocess.run(
        ["patch", "-p0", "--quiet"],
        input=captured.out,
        text=True,
        cwd=tmp_path,
        capture_output=True,
        check=False,
    )
    assert applied.returncode == 0, applied.stdout + applied.stderr
    assert (tmp_path / "bell.yaml").read_text() == YAML_FIXED
    for path, original in copies.items():
        assert path.read_text() == expected_fix(original, path.parent.name)
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(tmp_path)
        assert main(["lint", "--diff", "v0.3", "v0.4", "bell.yaml"]) == 0  # nothing left to fix
    assert capsys.readouterr().out == ""


def test_unsafe_fixes_migrate_a_v03_payload_checked_as_v04(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = next(
        p for p in CORPUS_FILES if p.name == "qiskit-ionq-qpu-aria-debias.json" and p.parent.name == "v0.3"
    )
    path = tmp_path / "job.json"
    shutil.copyfile(source, path)
    assert main(["lint", "--fix", "--api-version", "v0.4", str(path)]) == 1  # IQ110's fix is unsafe
    assert path.read_text() == source.read_text()
    assert "1 fixable with --unsafe-fixes." in capsys.readouterr().err
    assert main(["lint", "--fix", "--unsafe-fixes", "--api-version", "v0.4", str(path)]) == 0
    assert lint(path.read_text(), api_version="v0.4") == []
    # Minimal: `target` is renamed where it stands, the qiskit header string is untouched.
    assert '  "backend": "qpu.aria-1",\n  "shots": 1000,' in path.read_text()


def test_stdin_is_a_filter_fixed_payload_to_stdout_report_to_stderr(tmp_path: Path) -> None:
    original = next(p for p in CIRQ if p.parent.name == "v0.4").read_text()
    run = subprocess.run(
        [sys.executable, "-m", "ionqkit", "lint", "--fix", "-"],
        input=original,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout == expected_fix(original, "v0.4")
    assert "Fixed 2 finding(s) in 1 file." in run.stderr
    broken = '{"shots": "100",'
    run = subprocess.run(
        [sys.executable, "-m", "ionqkit", "lint", "--fix", "-"],
        input=broken,
        capture_output=True,
        text=True,
        check=False,
    )
    assert (run.returncode, run.stdout) == (1, broken)  # as it came, and its fault reported
    assert "<stdin>:1:17: IQ001" in run.stderr


def test_a_file_that_does_not_parse_is_reported_and_never_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "bad.json"
    path.write_text('{"shots": "100", "lang": "json",\n')
    before = path.stat()
    assert main(["lint", "--fix", str(path)]) == 1
    assert "bad.json:2:1: IQ001" in capsys.readouterr().out
    after = path.stat()
    assert path.read_text() == '{"shots": "100", "lang": "json",\n'
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    assert main(["lint", "--diff", str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert f"error: {path}:2:1: IQ001 invalid JSON" in captured.err and "; not fixed" in captured.err


def test_a_fixed_file_that_cannot_be_written_is_an_error_and_left_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from ionqkit.validators import fixfiles

    def refuse(path: Path, *args: object, **kwargs: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied", str(path))

    monkeypatch.setattr(fixfiles, "write_file_atomically", refuse)
    path = tmp_path / "job.json"
    path.write_text('{"shots": "5"}')
    assert main(["lint", "--fix", str(path)]) == 2
    captured = capsys.readouterr()
    assert f"error: {path}: cannot write: Permission denied\n" in captured.err
    assert "IQ502" in captured.out  # what is on disk: still unfixed
    assert path.read_text() == '{"shots": "5"}'


def test_a_text_fault_the_config_ignores_still_says_why_the_file_is_not_fixed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Duplicate keys keep a file from any fix, reported or not: --ignore IQ005 does not make
    --diff print nothing and exit 0, or --fix leave IQ502 without a word."""
    path = tmp_path / "dup.json"
    text = (
        '{"type": "ionq.circuit.v1", "type": "ionq.circuit.v1", "backend": "simulator", "shots": "100", '
        '"input": {"gateset": "qis", "circuit": [{"gate": "h", "target": 0}]}}'
    )
    path.write_text(text)
    why = f'{path}:1:29: IQ005 duplicate key "type"'
    assert main(["lint", "--ignore", "IQ005", "--diff", str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and f"error: {why}" in captured.err and "; not fixed" in captured.err
    assert main(["lint", "--ignore", "IQ005", "--fix", str(path)]) == 0
    captured = capsys.readouterr()
    assert "IQ502" in captured.out and "IQ005" not in captured.out
    assert f"warning: {why}" in captured.err and "; not fixed" in captured.err
    assert path.read_text() == text


def test_fix_exits_by_what_is_left(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "job.json"
    path.write_text(
        '{"type": "ionq.circuit.v1", "backend": "nope", "shots": "5", '
        '"input": {"gateset": "qis", "circuit": []}}'
    )
    assert main(["lint", "--fix", "--format", "json", str(path)]) == 1
    captured = capsys.readouterr()
    assert '"code": "IQ402"' in captured.out and '"IQ502"' not in captured.out  # stdout stays JSON
    assert '"shots": 5' in path.read_text()


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["lint", "--unsafe-fixes", "a.json"], "--unsafe-fixes goes with --fix or --diff"),
        (["lint", "--fix", "-", "a.json"], "with --fix, `-` must be the only PATH"),
        (["lint", "--overlay", "o.yaml", "a.json"], "error: <command line>: --overlay goes with --spec"),
    ],
)
def test_option_rules(argv: list[str], message: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 2
    assert message in capsys.readouterr().err


def test_diff_of_stdin_is_labelled(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b'{"shots": "5"}')))
    assert main(["lint", "--diff", "-"]) == 1
    out = capsys.readouterr().out
    assert out.startswith("--- <stdin>\n+++ <stdin>\n") and '+{"shots": 5}' in out
    assert "\\ No newline at end of file" in out
