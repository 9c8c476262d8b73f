"""ionqkit.spec.jobfacts: what the linter needs, compiled from a spec's POST /jobs body."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ionqkit.paths import GENERATED_DIR, package_file
from ionqkit.spec import jobfacts
from ionqkit.spec.factsformat import CATALOG_PARTS, FACTS_FILE
from ionqkit.spec.loader import load_path
from ionqkit.spec.specload import load_spec
from ionqkit.validators import lint

REPO = Path(__file__).resolve().parents[2]
CATALOG = Path(package_file(*CATALOG_PARTS))


def compiled(spec: Path, overlay: Path | None = None) -> dict[str, Any]:
    loaded = load_spec(spec, overlay, check=False)
    return jobfacts.compile_facts(loaded.document, load_path(CATALOG).data)


def kinds(facts: dict[str, Any], job_type: str) -> list[tuple[str, tuple[str, ...], str | None]]:
    return [(v["kind"], tuple(v.get("gatesets", ())), v.get("field")) for v in facts["inputs"][job_type]]


def test_the_september_spec_gives_each_job_type_its_input_shapes(shared: Path) -> None:
    facts = compiled(shared / "reference" / "ionq-v0.4-2026-09.openapi.json")
    # One payload for both types upstream; the catalog's job_type_inputs says which shape is which.
    assert facts["payloads"]["ionq.qasm3.v1"] == facts["payloads"]["ionq.circuit.v1"]
    assert kinds(facts, "ionq.circuit.v1") == [("gates", ("qis",), None), ("gates", ("native",), None)]
    assert kinds(facts, "ionq.qasm3.v1") == [("source", (), "data")]
    assert kinds(facts, "ionq.multi-circuit.v1") == [("circuits", ("qis", "native"), None)]
    assert facts["max_circuits"] == 5000
    assert set(facts["gatesets"]) == {"qis", "native"}
    assert "pauliexp" in facts["gatesets"]["qis"]["gates"]


def test_a_spec_without_a_job_type_gives_a_linter_without_it(tmp_path: Path) -> None:
    # The linter follows the spec it is given: drop ionq.qasm3.v1 (as May 2026's spec lacked it)
    # and a qasm3 job is an unknown type there, while our spec accepts it.
    data = load_path(REPO / "specs" / "ionq-v0.4.openapi.yaml").data
    for schema in data["components"]["schemas"].values():
        enum = schema.get("properties", {}).get("type", {}).get("enum")
        if isinstance(enum, list) and "ionq.qasm3.v1" in enum:
            enum.remove("ionq.qasm3.v1")
    older = tmp_path / "older.json"
    older.write_text(json.dumps(data))
    assert "ionq.qasm3.v1" not in compiled(older)["payloads"]
    qasm3 = json.dumps(
        {"type": "ionq.qasm3.v1", "backend": "simulator", "input": {"data": "OPENQASM 3.0; qubit[1] q;"}}
    )
    assert [(d.code, d.pointer) for d in lint(qasm3, spec=older)] == [("IQ104", "/type")]
    assert lint(qasm3) == []


def test_prose_is_dropped_but_a_field_named_description_is_kept() -> None:
    facts = compiled(REPO / "specs" / "ionq-v0.4.openapi.yaml")
    text = jobfacts.dumps(facts)
    assert '"description":' not in text.replace('"description": {', "")
    assert '"example"' not in text
    # Every reference the facts hold resolves inside them.
    refs = {m for m in json.loads(text)["definitions"]}
    assert all(ref.startswith("#/components/schemas/") for ref in refs)
    for ref in _refs(facts):
        assert ref in facts["definitions"], ref


def _refs(node: Any) -> set[str]:
    found: set[str] = set()
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            if isinstance(item.get("$ref"), str):
                found.add(item["$ref"])
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return found


def test_compiling_is_deterministic_and_matches_the_generated_file() -> None:
    spec, overlay = REPO / "specs" / "ionq-v0.4.openapi.yaml", REPO / "specs/overlays/ionq-v0.4.overlay.yaml"
    first = jobfacts.dumps(compiled(spec, overlay))
    assert first == jobfacts.dumps(compiled(spec, overlay))
    assert (GENERATED_DIR / "ionq_v0_4" / FACTS_FILE).read_text() == first


def test_the_v03_spec_has_no_job_types_so_its_package_gets_no_facts() -> None:
    spec = REPO / "specs" / "ionq-v0.3.openapi.yaml"
    assert compiled(spec)["payloads"] == {}
    assert jobfacts.compile_v04(load_spec(spec, check=False).document, load_path(CATALOG).data) is None
    assert not (GENERATED_DIR / "ionq_v0_3" / FACTS_FILE).exists()


def test_compile_v04_gives_the_facts_of_a_v04_spec_and_none_without_post_jobs(tmp_path: Path) -> None:
    catalog = load_path(CATALOG).data
    v04 = load_spec(REPO / "specs" / "ionq-v0.4.openapi.yaml", check=False).document
    assert jobfacts.compile_v04(v04, catalog) == jobfacts.compile_facts(v04, catalog)
    bare = tmp_path / "bare.json"
    bare.write_text(json.dumps({"openapi": "3.0.3", "info": {"title": "x", "version": "1"}, "paths": {}}))
    assert jobfacts.compile_v04(load_path(bare), catalog) is None


def test_the_cache_key_changes_with_any_input() -> None:
    base = jobfacts.cache_key(b"spec", b"overlay", b"catalog")
    assert base != jobfacts.cache_key(b"spec", None, b"catalog")
    assert base != jobfacts.cache_key(b"spec2", b"overlay", b"catalog")
    assert base != jobfacts.cache_key(b"spec", b"overlay", b"catalog2")
    # Lengths are part of the key: moving a byte between inputs is another key.
    assert jobfacts.cache_key(b"ab", b"c", b"") != jobfacts.cache_key(b"a", b"bc", b"")
