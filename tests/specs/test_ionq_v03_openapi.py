"""specs/ionq-v0.3.openapi.yaml: valid OpenAPI 3.0, complete against the v0.3 facts sheet, faithful to
seed 001, and every example valid against its schema once the overlay is applied."""

from __future__ import annotations

import copy
import json
import re
from typing import Any

import pytest
from openapi_spec_validator import validate

from .spec_helpers import contains, example_errors, without_prose

METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")
ENDPOINT = re.compile(r"\b(GET|POST|PUT|DELETE) (/[^\s`*]+)")


def operations(spec: Any) -> dict[tuple[str, str], Any]:
    return {
        (method, path): operation
        for path, item in spec["paths"].items()
        for method, operation in item.items()
        if method in METHODS
    }


def backticked(text: str) -> list[str]:
    return re.findall(r"`([^`]+)`", text)


def facts_line(facts: str, pattern: str) -> str:
    match = re.search(pattern, facts, re.DOTALL)
    assert match, f"facts sheet has no line matching {pattern!r}"
    return match.group(1)


def test_spec_is_valid_openapi_3_0(v03_spec: Any) -> None:
    assert v03_spec["openapi"] == "3.0.0"
    validate(v03_spec)


def test_spec_stays_valid_once_its_overlay_is_applied(v03_spec_patched: Any) -> None:
    validate(v03_spec_patched)


def test_every_endpoint_of_the_facts_sheet_is_in_the_spec(v03_spec: Any, v03_facts: str) -> None:
    documented = {(method.lower(), path) for method, path in ENDPOINT.findall(v03_facts)}
    assert documented, "no endpoints found in the facts sheet"
    assert documented - operations(v03_spec).keys() == set()


def test_the_spec_has_no_endpoint_beyond_the_facts_and_the_report(v03_spec: Any, v03_facts: str) -> None:
    documented = {(method.lower(), path) for method, path in ENDPOINT.findall(v03_facts)}
    assert operations(v03_spec).keys() - documented == {("get", "/report/organizations/{org_id}")}


def test_operation_ids_named_by_the_facts_are_used(v03_spec: Any, v03_facts: str) -> None:
    named = {}
    for section in v03_facts.split("\n## "):
        heading = ENDPOINT.search(section.splitlines()[0])
        operation_id = re.search(r"operationId `(\w+)`", section)
        if heading and operation_id:
            named[(heading.group(1).lower(), heading.group(2))] = operation_id.group(1)
    assert named, "no operationId found in the facts sheet"
    ops = operations(v03_spec)
    assert {key: ops[key]["operationId"] for key in named} == named


# The operationIds become method names of generated clients: renaming one is a breaking change.
@pytest.mark.parametrize(
    ("method", "path", "operation_id"),
    [
        ("post", "/jobs", "createJob"),
        ("get", "/jobs", "getJobs"),
        ("delete", "/jobs", "deleteJobs"),
        ("get", "/jobs/{UUID}", "getJob"),
        ("delete", "/jobs/{UUID}", "deleteJob"),
        ("get", "/jobs/{UUID}/results", "getJobResults"),
        ("put", "/jobs/{UUID}/status/cancel", "cancelJob"),
        ("put", "/jobs/status/cancel", "cancelJobs"),
        ("get", "/backends", "getBackends"),
        ("get", "/characterizations/backends/{backend}", "getCharacterizationsForBackend"),
        ("get", "/characterizations/backends/{backend}/current", "getCurrentCharacterizationForBackend"),
        ("get", "/characterizations/{UUID}", "getCharacterization"),
        ("get", "/report/organizations/{org_id}", "getOrgReport"),
    ],
)
def test_operation_is_declared(v03_spec: Any, method: str, path: str, operation_id: str) -> None:
    assert operations(v03_spec)[(method, path)]["operationId"] == operation_id


def test_operation_ids_are_unique_camel_case(v03_spec: Any) -> None:
    ids = [op["operationId"] for op in operations(v03_spec).values()]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[a-z][A-Za-z]*", operation_id) for operation_id in ids)


def test_api_key_everywhere_except_backends(v03_spec: Any) -> None:
    scheme = v03_spec["components"]["securitySchemes"]["API_Key"]
    assert (scheme["type"], scheme["in"], scheme["name"]) == ("apiKey", "header", "Authorization")
    assert v03_spec["security"] == [{"API_Key": []}]
    assert v03_spec["servers"] == [{"url": "https://api.ionq.co/v0.3/"}]
    unauthenticated = [key for key, op in operations(v03_spec).items() if op.get("security") == []]
    assert unauthenticated == [("get", "/backends")]


def test_seed_schemas_parameters_and_security_are_kept_exactly(v03_spec: Any, seed_v03: Any) -> None:
    for section in ("schemas", "parameters", "securitySchemes"):
        for name, seed_node in seed_v03["components"][section].items():
            ours = v03_spec["components"][section][name]
            assert without_prose(ours) == without_prose(seed_node), f"components/{section}/{name}"


def test_the_whole_seed_fragment_survives_inside_the_spec(v03_spec: Any, seed_v03: Any) -> None:
    assert contains(without_prose(v03_spec), without_prose(seed_v03))


def test_job_status_enum_is_the_documented_one(v03_spec: Any, v03_facts: str) -> None:
    documented = backticked(facts_line(v03_facts, r"- Job status: (.*?) \["))
    assert v03_spec["components"]["schemas"]["status"]["enum"] == documented


def test_gate_enums_are_the_documented_gatesets(v03_spec: Any, v03_facts: str) -> None:
    schemas = v03_spec["components"]["schemas"]
    qis = backticked(facts_line(v03_facts, r"QIS gates accepted \(v0\.3\): (.*?), plus"))
    native = backticked(facts_line(v03_facts, r"only (`gpi`.*?`zz`)"))
    assert schemas["QisGate"]["enum"] == qis
    assert schemas["NativeGate"]["enum"] == native
    assert schemas["Gateset"]["enum"] == ["qis", "native"]
    assert schemas["JobInput"]["properties"]["format"]["enum"] == ["ionq.circuit.v0"]


def test_every_documented_target_is_accepted(v03_spec: Any, v03_facts: str) -> None:
    documented = backticked(facts_line(v03_facts, r"- Target enum: (.*?) \["))
    assert set(documented) <= set(v03_spec["components"]["schemas"]["target"]["enum"])


def test_noise_models_of_the_seed_are_kept_and_the_documented_ones_added(
    v03_spec: Any, v03_spec_patched: Any, v03_facts: str
) -> None:
    def models(spec: Any) -> list[str]:
        return list(spec["components"]["schemas"]["noise"]["properties"]["model"]["enum"])

    documented = backticked(facts_line(v03_facts, r"Noise models usable via `noise\.model`: (.*?);"))
    assert models(v03_spec) == ["harmony", "aria-1", "ideal"]
    assert set(documented) <= set(models(v03_spec_patched))
    assert "forte-enterprise-1" in models(v03_spec_patched)


@pytest.mark.parametrize(
    ("schema", "status"),
    [
        ("JobCreationResponse", "ready"),
        ("JobDeletion", "deleted"),
        ("JobsDeletion", "deleted"),
        ("JobCancellation", "canceled"),
        ("JobsCancellation", "canceled"),
    ],
)
def test_action_responses_report_their_single_status(v03_spec: Any, schema: str, status: str) -> None:
    node = v03_spec["components"]["schemas"][schema]
    assert node["properties"]["status"]["enum"] == [status]
    assert "status" in node["required"]


def test_bulk_delete_takes_the_ids_as_a_json_body(v03_spec: Any) -> None:
    operation = operations(v03_spec)[("delete", "/jobs")]
    assert "parameters" not in operation
    assert operation["requestBody"] == {"$ref": "#/components/requestBodies/JobIds"}
    body = v03_spec["components"]["requestBodies"]["JobIds"]["content"]["application/json"]
    assert body["schema"] == {"$ref": "#/components/schemas/JobIdList"}


def test_every_example_is_valid_against_its_schema_once_patched(v03_spec_patched: Any) -> None:
    assert example_errors(v03_spec_patched) == []


def test_an_example_that_breaks_its_schema_is_reported(v03_spec_patched: Any) -> None:
    spec = copy.deepcopy(v03_spec_patched)
    examples = spec["components"]["requestBodies"]["CreateJob"]["content"]["application/json"]["examples"]
    examples["qis"]["value"]["shots"] = "many"
    examples["qis"]["value"]["input"]["circuit"][0]["gate"] = "toffoli"
    errors = example_errors(spec)
    assert len(errors) == 2
    assert all(error.startswith("/components/requestBodies/CreateJob/") for error in errors)


def test_the_create_job_example_is_the_facts_curl_sample(v03_spec: Any, v03_facts: str) -> None:
    sample = json.loads(facts_line(v03_facts, r"curl sample body: `(\{.*?\})`"))
    examples = v03_spec["components"]["requestBodies"]["CreateJob"]["content"]["application/json"]["examples"]
    assert examples["minimal"]["value"] == sample
