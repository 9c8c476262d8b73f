"""`ionqkit lint --spec FILE [--overlay FILE]` and `lint(spec=...)`: lint against a spec newer than
the installed package. Its facts are compiled on first use and cached by content hash."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from ionqkit.spec.inputs import read_file
from ionqkit.spec.loader import load_path
from ionqkit.validators import lint, specdata
from tests.conftest import CliResult
from tests.validators.samples import since_capture

REPO = Path(__file__).resolve().parents[2]
OUR_SPEC = REPO / "specs" / "ionq-v0.4.openapi.yaml"
OUR_OVERLAY = REPO / "specs" / "overlays" / "ionq-v0.4.overlay.yaml"


@pytest.fixture(autouse=True)
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("IONQKIT_CACHE_DIR", str(folder))
    monkeypatch.setattr(specdata, "_BY_KEY", {})  # the in-process memo would hide the on-disk cache
    return folder / "lint-facts"


def spec_with_gate(folder: Path, gate: str) -> Path:
    """Our v0.4 spec with one more QIS gate name, as a newer upstream spec might add."""
    data: dict[str, Any] = load_path(OUR_SPEC).data
    data["components"]["schemas"]["QisGate"]["enum"].append(gate)
    path = folder / "newer.openapi.json"
    path.write_text(json.dumps(data))
    return path


def job(gate: str) -> str:
    circuit = [{"gate": "h", "target": 0}, {"gate": gate, "target": 1}]
    return json.dumps(
        {
            "type": "ionq.circuit.v1",
            "backend": "simulator",
            "input": {"gateset": "qis", "qubits": 2, "circuit": circuit},
        }
    )


def test_a_gate_the_newer_spec_adds_is_accepted_only_with_that_spec(tmp_path: Path) -> None:
    newer = spec_with_gate(tmp_path, "sx")
    without = [(d.code, d.pointer) for d in lint(job("sx"))]
    assert without == [("IQ201", "/input/circuit/1/gate")]
    assert lint(job("sx"), spec=newer, overlay=OUR_OVERLAY) == []


def test_the_cli_takes_spec_and_overlay(tmp_path: Path, cli: Callable[..., CliResult]) -> None:
    newer = spec_with_gate(tmp_path, "sx")
    payload = tmp_path / "job.json"
    payload.write_text(job("sx"))
    code, out, _ = cli("lint", payload)
    assert code == 1 and "IQ201" in out and "/input/circuit/1/gate" in out
    code, out, err = cli("lint", "--spec", newer, "--overlay", OUR_OVERLAY, payload)
    assert (code, err) == (0, "") and "All checks passed" in out


def test_compiled_facts_are_cached_by_content_and_read_back(tmp_path: Path, cache: Path) -> None:
    newer = spec_with_gate(tmp_path, "sx")
    lint(job("sx"), spec=newer)
    (entry,) = cache.iterdir()
    # What a later run reads is the cache entry, not the spec: a gate planted in the entry counts.
    facts = json.loads(entry.read_text())
    facts["gatesets"]["qis"]["gates"].append("planted")
    entry.write_text(json.dumps(facts))
    specdata._BY_KEY.clear()
    assert lint(job("planted"), spec=newer) == []
    # A changed spec is another key: compiled afresh, the planted gate unknown there.
    newer.write_text(newer.read_text().replace('"sx"', '"sy"'))
    assert [d.code for d in lint(job("planted"), spec=newer)] == ["IQ201"]
    assert len(list(cache.iterdir())) == 2


def test_a_damaged_cache_entry_is_recompiled(tmp_path: Path, cache: Path) -> None:
    newer = spec_with_gate(tmp_path, "sx")
    lint(job("sx"), spec=newer)
    (entry,) = cache.iterdir()
    entry.write_text("{not json")
    specdata._BY_KEY.clear()
    assert lint(job("sx"), spec=newer) == []
    assert json.loads(entry.read_text())["format"] == 1


def test_a_bad_spec_is_one_located_error(tmp_path: Path, cli: Callable[..., CliResult]) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{"openapi": "3.0.3",\n  "paths": [}\n')
    payload = tmp_path / "job.json"
    payload.write_text(job("h"))
    code, out, err = cli("lint", "--spec", broken, payload)
    assert code == 2 and out == ""
    assert err.startswith(f"error: {broken}:2:") and "Traceback" not in err


def test_a_spec_without_job_payloads_is_refused(cli: Callable[..., CliResult], tmp_path: Path) -> None:
    payload = tmp_path / "job.json"
    payload.write_text(job("h"))
    code, _, err = cli("lint", "--spec", REPO / "specs" / "ionq-v0.3.openapi.yaml", payload)
    assert code == 2 and "defines no job `type` values" in err


def test_an_overlay_needs_a_spec(cli: Callable[..., CliResult], tmp_path: Path) -> None:
    payload = tmp_path / "job.json"
    payload.write_text(job("h"))
    code, _, err = cli("lint", "--overlay", OUR_OVERLAY, payload)
    assert code == 2 and "error: <command line>: --overlay goes with --spec" in err


def test_a_read_only_cache_folder_only_costs_a_recompile(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("")
    monkeypatch.setenv("IONQKIT_CACHE_DIR", str(blocked))
    newer = spec_with_gate(tmp_path, "sx")
    assert lint(job("sx"), spec=newer) == []


def test_the_september_spec_accepts_every_captured_v04_payload(shared: Path) -> None:
    september = shared / "reference" / "ionq-v0.4-2026-09.openapi.json"
    corpus = sorted((REPO / "tests" / "validators" / "corpus" / "v0.4").glob("*.json"))
    assert corpus
    for path in corpus:
        found = lint(path.read_bytes(), spec=september, name=path.name)
        errors = [(d.code, d.pointer) for d in found if d.is_error]
        assert errors == since_capture(path), path.name  # but a backend retired since the capture


def test_spec_overlay_and_catalog_are_read_again_only_when_they_change(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    newer = spec_with_gate(tmp_path, "sx")
    reads: list[str] = []
    real_read = read_file

    def counting(path: Any, *args: Any, **kwargs: Any) -> bytes:
        reads.append(Path(path).name)
        return real_read(path, *args, **kwargs)

    monkeypatch.setattr(specdata, "read_file", counting)
    for _ in range(3):
        assert lint(job("sx"), spec=newer, overlay=OUR_OVERLAY) == []
    assert sorted(reads) == sorted([newer.name, OUR_OVERLAY.name, "backends.yaml"])
    # A spec changed in between (here in size) is read, hashed and compiled again.
    reads.clear()
    newer.write_text(newer.read_text().replace('"sx"', '"sxdg"'))
    assert [d.code for d in lint(job("sx"), spec=newer, overlay=OUR_OVERLAY)] == ["IQ201"]
    assert lint(job("sxdg"), spec=newer, overlay=OUR_OVERLAY) == []
    assert sorted(reads) == sorted([newer.name, OUR_OVERLAY.name, "backends.yaml"])


def test_a_compile_serialises_the_facts_once_and_stores_that_text(
    tmp_path: Path, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ionqkit.spec import jobfacts

    written: list[str] = []
    real_dumps = jobfacts.dumps

    def counting(facts: Any) -> str:
        written.append(real_dumps(facts))
        return written[-1]

    monkeypatch.setattr(jobfacts, "dumps", counting)
    assert not cache.exists()  # the atomic write makes the cache folder
    assert lint(job("sx"), spec=spec_with_gate(tmp_path, "sx")) == []
    (entry,) = cache.iterdir()
    assert len(written) == 1 and entry.read_text() == written[0]
