"""specs/ionq-v0.4.openapi.yaml: valid, every structural fact equals IonQ's September 2026 upstream, and
the file is exactly what `ionqkit spec update` makes of that upstream (so the next update starts clean)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openapi_schema_validator import OAS30Validator
from openapi_spec_validator import validate

from ionqkit.spec.loader import load_path
from ionqkit.spec.specload import load_spec
from ionqkit.spec.update import plan_update

from .spec_helpers import deref

REPO = Path(__file__).resolve().parents[2]
UPSTREAM = "reference/ionq-v0.4-2026-09.openapi.json"
SPEC = REPO / "specs" / "ionq-v0.4.openapi.yaml"
OVERLAY = REPO / "specs" / "overlays" / "ionq-v0.4.overlay.yaml"
PROSE = {"description", "summary", "x-codeSamples"}


def without_prose(node: Any) -> Any:
    if isinstance(node, dict):
        return {k: without_prose(v) for k, v in node.items() if k not in PROSE}
    if isinstance(node, list):
        return [without_prose(v) for v in node]
    return node


def test_spec_is_valid_openapi_before_and_after_the_overlay() -> None:
    validate(load_path(SPEC).data)
    loaded = load_spec(SPEC, OVERLAY)
    assert len(loaded.applied) == 17


def test_structure_names_enums_limits_and_examples_equal_upstream(shared: Path) -> None:
    ours = load_path(SPEC).data
    upstream = load_path(shared / UPSTREAM).data
    assert without_prose(ours) == without_prose(upstream)


def test_the_file_is_what_spec_update_makes_of_the_upstream_and_the_overlay_is_current(shared: Path) -> None:
    plan = plan_update(str(shared / UPSTREAM), SPEC, OVERLAY)
    assert not plan.changed, "rerun `ionqkit spec update` (see specs/README.md)"
    assert plan.dropped == ()
    assert plan.overlay_check is not None
    assert plan.overlay_check.unmatched == ()
    assert plan.overlay_check.unchanged == (), "an overlay action upstream made redundant"
    assert plan.overlay_invalid is None


def test_no_upstream_prose_is_kept(shared: Path) -> None:
    upstream_text = (shared / UPSTREAM).read_text()
    ours = load_path(SPEC).data
    found = []

    def walk(node: Any, pointer: str) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                prose = key in ("description", "summary") and isinstance(value, str) and len(value) > 40
                if prose and value in upstream_text:
                    found.append(pointer + "/" + key)
                if key not in ("example", "examples"):  # example values are data, kept as upstream has them
                    walk(value, f"{pointer}/{key}")
        elif isinstance(node, list):
            for index, value in enumerate(node):
                walk(value, f"{pointer}/{index}")

    walk(ours, "")
    assert found == []


def test_overlay_fixes_the_documented_upstream_defects() -> None:
    data = load_spec(SPEC, OVERLAY).data
    schemas = data["components"]["schemas"]
    for gate in ("Gate_QisGate", "Gate_NativeGate"):
        for operand in ("targets", "controls"):
            assert schemas[gate]["properties"][operand]["items"] == {
                "type": "integer",
                "format": "int32",
                "minimum": 0,
            }
    assert data["security"] == [{"apiKeyAuth": []}]
    assert data["paths"]["/backends"]["get"]["security"] == [], "public endpoints stay public"
    assert set(schemas["Usages"]["required"]) <= set(schemas["Usages"]["properties"])
    assert "Metadata" not in data["components"]["examples"]
    assert schemas["VariantInfo"]["properties"]["qubit_map"]["items"]["type"] == "integer"
    assert schemas["RegisterShot"]["items"] == {
        "type": "integer",
        "format": "int32",
        "minimum": 0,
        "maximum": 1,
    }
    for counts in ("IonqResultHistogramJsonV1", "RegisterHistogram"):
        assert schemas[counts]["additionalProperties"]["type"] == "integer"


def _payload_errors(spec: Any, payload: Any) -> list[str]:
    schema = deref(spec, {"$ref": "#/components/schemas/JobCreationPayload"})
    return [error.message for error in OAS30Validator(schema).iter_errors(payload)]


QASM3 = {
    "type": "ionq.qasm3.v1",
    "backend": "simulator",
    "input": {"data": 'OPENQASM 3.0;\ninclude "stdgates.inc";\nqubit[2] q;\nh q[0];\n'},
}
GATES = {"type": "ionq.circuit.v1", "backend": "simulator", "input": {"gateset": "qis", "circuit": []}}


def test_each_job_type_has_its_own_payload_schema_once_patched(shared: Path) -> None:
    """Upstream lets a qasm3 job carry a gate list and a circuit job carry qasm3 `data`; patched,
    a job's type selects its input, and the payload union has one single-valued `type` per branch."""
    upstream = load_path(shared / UPSTREAM).data
    patched = load_spec(SPEC, OVERLAY).data
    swapped = [{**QASM3, "input": GATES["input"]}, {**GATES, "input": QASM3["input"]}]
    for payload in swapped:
        assert _payload_errors(upstream, payload) == [], "upstream accepts the mismatch"
        assert _payload_errors(patched, payload) != []
    for payload in (QASM3, GATES):
        assert _payload_errors(patched, payload) == []
    types = []
    for branch in patched["components"]["schemas"]["JobCreationPayload"]["anyOf"]:
        enum = deref(patched, branch)["properties"]["type"]["enum"]
        assert len(enum) == 1, branch
        types += enum
    assert "ionq.qasm3.v1" in types and len(set(types)) == len(types)


def test_the_qasm3_payload_shares_every_other_member_with_the_circuit_payload() -> None:
    """The overlay spells Qasm3JobCreationPayload out; an upstream change to CircuitJobCreationPayload
    that the copy misses fails here."""
    schemas = load_spec(SPEC, OVERLAY).data["components"]["schemas"]
    circuit, qasm3 = schemas["CircuitJobCreationPayload"], schemas["Qasm3JobCreationPayload"]

    def shared_part(schema: dict[str, Any]) -> dict[str, Any]:
        members = {k: v for k, v in schema["properties"].items() if k not in ("type", "input")}
        return {**schema, "properties": members}

    assert shared_part(qasm3) == shared_part(circuit)
    assert qasm3["properties"]["input"] == {"$ref": "#/components/schemas/Qasm3CircuitInput"}
