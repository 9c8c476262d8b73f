"""validators/specdata.py: the linter's facts come from the generated lint_facts.json, never the spec."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ionqkit.errors import SpecError
from ionqkit.spec import loader, specload
from ionqkit.validators import lint, specdata

BELL = json.dumps(
    {
        "type": "ionq.circuit.v1",
        "backend": "simulator",
        "input": {"gateset": "qis", "qubits": 2, "circuit": [{"gate": "h", "target": 0}]},
    }
)


def test_linting_reads_no_spec_and_no_yaml(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the linter loaded a spec or YAML file at run time")

    monkeypatch.setattr(loader, "load_path", refuse)
    monkeypatch.setattr(loader, "load_bytes", refuse)
    monkeypatch.setattr(specload, "load_spec", refuse)
    specdata.spec_facts.cache_clear()
    try:
        assert lint(BELL) == []
        assert [d.code for d in lint(BELL.replace('"h"', '"hadamard"'))] == ["IQ201"]
    finally:
        specdata.spec_facts.cache_clear()


def test_facts_name_their_file_and_hold_the_catalog() -> None:
    facts = specdata.spec_facts("v0.4")
    assert facts.source.endswith("ionq_v0_4/lint_facts.json")
    assert facts.catalog.backend("qpu.aria-1") is not None
    assert facts.default_gateset == "qis"
    assert {v.kind for v in facts.inputs["ionq.circuit.v1"]} == {"gates"}
    assert {v.kind for v in facts.inputs["ionq.multi-circuit.v1"]} == {"circuits"}


def test_facts_of_another_format_ask_for_regeneration(tmp_path: Path) -> None:
    with pytest.raises(SpecError, match="regenerate them"):
        specdata.from_json({"format": 0}, str(tmp_path / "lint_facts.json"))


def test_only_v04_payloads_have_facts() -> None:
    with pytest.raises(SpecError, match=r"not v0\.3"):
        specdata.facts_path("v0.3")


def test_gatesets_hold_their_resolved_gate_schema_and_its_fields(tmp_path: Path) -> None:
    path = specdata.facts_path("v0.4")
    data = json.loads(Path(path).read_text())
    assert "$ref" in data["gatesets"]["qis"]["gate_schema"]  # what the reader resolves once
    qis = specdata.from_json(data, path).gatesets["qis"]
    assert "$ref" not in qis.gate_schema and {"gate", "target", "controls"} <= qis.gate_fields
    data["gatesets"]["qis"]["gate_schema"] = {"$ref": "#/components/schemas/Nowhere"}
    with pytest.raises(SpecError, match="does not resolve") as caught:
        specdata.from_json(data, str(tmp_path / "facts.json"))
    assert caught.value.file == str(tmp_path / "facts.json")
