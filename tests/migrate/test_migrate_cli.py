"""`ionqkit migrate`: stdout or atomic --write, change notes on stderr, exit codes."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

from .conftest import FIXTURES

CliResult = tuple[int, str, str]
Cli = Callable[..., CliResult]


def copy_fixture(tmp_path: Path, name: str) -> Path:
    target = tmp_path / name
    shutil.copy(FIXTURES / name, target)
    return target


def test_one_payload_prints_the_v04_payload_and_the_changes(cli: Cli, tmp_path: Path) -> None:
    path = copy_fixture(tmp_path, "cirq-ionq-qpu-aria-debias.json")
    before = path.read_bytes()
    code, out, err = cli("migrate", path)
    assert code == 0
    assert json.loads(out)["type"] == "ionq.circuit.v1"
    assert f"{path}: /target -> /backend: target renamed to backend" in err.splitlines()
    assert path.read_bytes() == before  # without --write nothing is touched


def test_write_replaces_each_file_and_leaves_no_temporary_files(cli: Cli, tmp_path: Path) -> None:
    paths = [
        copy_fixture(tmp_path, n)
        for n in ("qiskit-ionq-simulator-bell.json", "cirq-ionq-simulator-batch.json")
    ]
    code, out, _ = cli("migrate", *paths, "--write", "--to", "v0.4")
    assert (code, out) == (0, "")
    assert [json.loads(p.read_text())["type"] for p in paths] == ["ionq.circuit.v1", "ionq.multi-circuit.v1"]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in paths)


def test_payload_with_unmapped_fields_is_not_written_and_exits_1(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "job.json"
    path.write_text(json.dumps({"target": "simulator", "input": {"format": "openqasm", "data": "x"}}))
    before = path.read_bytes()
    code, _, err = cli("migrate", path, "--write")
    assert code == 1
    assert f"{path}: cannot map /input/format: input format 'openqasm' has no v0.4 job type" in err
    assert path.read_bytes() == before


def test_several_payloads_need_write(cli: Cli, tmp_path: Path) -> None:
    paths = [
        copy_fixture(tmp_path, n)
        for n in ("qiskit-ionq-simulator-bell.json", "cirq-ionq-simulator-bell.json")
    ]
    code, out, err = cli("migrate", *paths)
    assert (code, out) == (2, "")
    assert "add --write" in err


def test_unreadable_payload_is_a_located_error_and_nothing_is_written(cli: Cli, tmp_path: Path) -> None:
    good = copy_fixture(tmp_path, "qiskit-ionq-simulator-bell.json")
    bad = tmp_path / "bad.json"
    bad.write_text('{"target": "simulator",\n "shots": }\n')
    before = good.read_bytes()
    code, _, err = cli("migrate", good, bad, "--write")
    assert code == 2
    assert err.startswith(f"error: {bad}:2:")
    assert good.read_bytes() == before


def test_duplicate_keys_are_refused(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "dup.json"
    path.write_text('{"target": "simulator", "target": "qpu.aria-1", "input": {"circuit": []}}')
    code, out, err = cli("migrate", path)
    assert (code, out) == (2, "")
    assert err == f"error: {path}:1:25: duplicate key 'target' (at /target)\n"
