from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from typing import Any

import pytest

from ionqkit.runtime import PayloadValidationError

from .faultserver import FaultServer, Reply
from .shop import Circuit, ShopClient

JOB = {"id": "j1", "status": "ready"}


@dataclass
class Finding:
    severity: str
    message: str

    def __str__(self) -> str:
        return f"{self.severity}: {self.message}"


class RecordingLinter:
    def __init__(self, *findings: Finding) -> None:
        self.findings = findings
        self.calls: list[Any] = []

    def __call__(self, payload: Any) -> list[Finding]:
        self.calls.append(payload)
        return list(self.findings)


def test_job_creation_lints_the_json_body_before_sending(server: FaultServer) -> None:
    server.script("POST", "/jobs", Reply(200, JOB))
    linter = RecordingLinter()
    with ShopClient("k", base_url=server.url, linter=linter) as client:
        client.create_job(body=Circuit.model_validate({"qubits": 2, "1q_gates": 1}))
    assert linter.calls == [{"qubits": 2, "1q_gates": 1}]
    assert len(server.requests) == 1


def test_error_findings_stop_the_request_and_are_all_reported(server: FaultServer) -> None:
    linter = RecordingLinter(
        Finding("error", "qubits must be >= 1"), Finding("warning", "no name"), Finding("error", "bad gate")
    )
    with (
        ShopClient("k", base_url=server.url, linter=linter) as client,
        pytest.raises(PayloadValidationError) as caught,
    ):
        client.create_job(body={"qubits": 0})
    assert [finding.message for finding in caught.value.findings] == ["qubits must be >= 1", "bad gate"]
    assert "qubits must be >= 1" in str(caught.value) and "bad gate" in str(caught.value)
    assert server.requests == []


def test_warnings_alone_do_not_block(server: FaultServer) -> None:
    server.script("POST", "/jobs", Reply(200, JOB))
    with ShopClient("k", base_url=server.url, linter=RecordingLinter(Finding("warning", "w"))) as client:
        assert client.create_job(body={"qubits": 1}).id == "j1"


def test_validation_can_be_turned_off_per_client_and_per_call(server: FaultServer) -> None:
    server.script("POST", "/jobs", Reply(200, JOB), Reply(200, JOB))
    linter = RecordingLinter(Finding("error", "nope"))
    with ShopClient("k", base_url=server.url, linter=linter, validate=False) as client:
        client.create_job(body={"qubits": 1})
    with ShopClient("k", base_url=server.url, linter=linter) as client:
        client.create_job(body={"qubits": 1}, validate=False)
    assert linter.calls == []
    assert len(server.requests) == 2


BAD_QUBIT = {
    "type": "ionq.circuit.v1",
    "backend": "simulator",
    "shots": 100,
    "input": {"qubits": 1, "gateset": "qis", "circuit": [{"gate": "h", "target": 5}]},
}


def test_without_an_injected_linter_ionqkits_own_linter_checks_the_payload(server: FaultServer) -> None:
    server.script("POST", "/jobs", Reply(200, JOB))
    with ShopClient("k", base_url=server.url) as client:
        with pytest.raises(PayloadValidationError) as caught:
            client.create_job(body=BAD_QUBIT)
        assert server.requests == []
        assert [finding.code for finding in caught.value.findings] == ["IQ207"]
        assert "/input/circuit/0/target" in str(caught.value)
        fixed = {**BAD_QUBIT, "input": {**BAD_QUBIT["input"], "qubits": 6}}  # type: ignore[dict-item]
        assert client.create_job(body=fixed).id == "j1"
    assert len(server.requests) == 1


FIRST_CREATE_JOB = """
import json, sys
import httpx
import ionqkit.generated.ionq_v0_4 as api

before = set(sys.modules)
answer = lambda request: httpx.Response(200, json={"id": "j1", "status": "ready", "session_id": None})
http = httpx.Client(transport=httpx.MockTransport(answer), base_url="https://mock.invalid/v0.4")
with api.Client(api_key="k" * 32, http_client=http) as client:
    client.create_job(body=json.loads(sys.argv[1]))
print(json.dumps(sorted(set(sys.modules) - before)))
"""

# What a client's first validated create_job must not load with the linter.
NOT_FOR_PRESUBMIT = (
    "ruamel",
    "yaml",
    "jsonpath_rfc9535",
    "jsonschema",
    "openapi_spec_validator",
    "tomllib",
    "concurrent.futures.process",
    "multiprocessing",
    "ionqkit.spec.specload",
    "ionqkit.spec.overlay",
    "ionqkit.codegen",
    "ionqkit.diff",
    "ionqkit.cli",
)


def test_the_first_validated_create_job_loads_the_linter_and_nothing_heavy() -> None:
    """The linter is imported on first use; what it imports is the lint path alone (the client's
    first create_job pays for it)."""
    valid = {**BAD_QUBIT, "input": {**BAD_QUBIT["input"], "qubits": 6}}  # type: ignore[dict-item]
    result = subprocess.run(
        [sys.executable, "-c", FIRST_CREATE_JOB, json.dumps(valid)],
        capture_output=True,
        text=True,
        check=True,
    )
    loaded = json.loads(result.stdout)
    assert "ionqkit.validators.engine" in loaded
    assert [name for name in loaded if name.startswith(NOT_FOR_PRESUBMIT)] == []


LOAD_LINTER = """
import gc, sys
import ionqkit.generated.ionq_v0_4
from ionqkit.runtime import host

def in_linter_import():
    frame = sys._getframe(2)
    while frame is not None:
        if frame.f_code.co_name == "<module>" and frame.f_globals.get("__name__", "").startswith(
            "ionqkit.validators"
        ):
            return True
        frame = frame.f_back
    return False

collections = []
gc.callbacks.append(lambda phase, info: collections.append(in_linter_import()) if phase == "start" else None)
gc.set_threshold(1)  # collect on every allocation while the collector is on
host.load_linter()
during = sum(collections)
import ionqkit.validators.docs  # the control: a linter module imported with the collector on
print(during, sum(collections) - during, "ionqkit.validators.engine" in sys.modules)
"""


def test_the_linter_is_imported_with_the_collector_held_off() -> None:
    """The first validated create_job imports the linter into the client's heap: no collection
    walks that heap while a module of the linter is being imported (ionqkit.gcpause)."""
    out = subprocess.run([sys.executable, "-c", LOAD_LINTER], capture_output=True, text=True, check=True)
    during, after, loaded = out.stdout.split()
    assert (during, loaded) == ("0", "True")
    assert int(after) > 0
