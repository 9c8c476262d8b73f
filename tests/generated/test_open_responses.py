"""Forward-compatible responses, strict requests (issue 13): a server that adds a field or a status
breaks no call of the bundled clients, while a request the spec does not allow is still refused
before anything is sent."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import httpx
import pytest
from pydantic import ValidationError

from ionqkit.generated.ionq_v0_4 import AsyncClient, Client, models
from ionqkit.runtime import PayloadValidationError
from ionqkit.runtime.retry import NO_RETRY
from tests.generated.test_client_surface import JOB, JOB_ID, KEY
from tests.runtime.faultserver import FaultServer, Reply

# What a newer server might answer: a field and a status value the spec does not know, and the
# same inside a nested object (a closed one: additionalProperties: false).
NEWER_JOB: dict[str, Any] = {
    **JOB,
    "status": "paused",
    "carbon_grams": 1.5,
    "noise": {"model": "forte-9", "seed": 7, "drift": 0.1},
}
CIRCUIT_JOB = {
    "type": "ionq.circuit.v1",
    "backend": "simulator",
    "input": {"gateset": "qis", "qubits": 1, "circuit": [{"gate": "h", "target": 0}]},
}
CREATED = {"id": JOB_ID, "status": "queued_for_review", "session_id": None, "estimated_cost_usd": 0.3}


class Recorder:
    """A MockTransport handler answering every request with `answer`, recording what was sent."""

    def __init__(self, answer: Any) -> None:
        self.answer = answer
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return httpx.Response(200, json=self.answer)


def client(recorder: Recorder) -> Client:
    http = httpx.Client(transport=httpx.MockTransport(recorder), base_url="https://mock.invalid/v0.4")
    return Client(KEY, http_client=http, retry=NO_RETRY)


def assert_newer_job(response: models.GetJobResponse) -> None:
    job = response.root
    assert isinstance(job, models.SingleCircuitJob)  # the union's branch for this job's type
    assert isinstance(job.status, models.JobStatus)
    assert job.status == "paused" and job.status.value == "paused"  # the string is kept
    assert job.model_extra == {"carbon_grams": 1.5}
    assert getattr(job, "carbon_grams") == 1.5  # noqa: B009 (not a declared field: mypy would refuse it)
    assert job.noise is not None and job.noise.model == "forte-9"  # an enum value the spec does not list
    assert job.noise.model_extra == {"drift": 0.1}
    assert job.model_dump(mode="json", by_alias=True)["carbon_grams"] == 1.5  # and dumped back


def test_get_job_decodes_a_job_with_a_new_field_and_a_new_status() -> None:
    server = FaultServer()  # a loopback HTTP server: the whole transport, raw responses included
    server.start()
    try:
        server.script("GET", f"/jobs/{JOB_ID}", Reply(200, NEWER_JOB), Reply(200, NEWER_JOB))
        with Client(KEY, base_url=server.url, retry=NO_RETRY) as ionq:
            assert_newer_job(ionq.get_job(JOB_ID))
            assert_newer_job(ionq.with_raw_response.get_job(JOB_ID).parse())
    finally:
        server.stop()


def test_the_async_client_decodes_it_too() -> None:
    async def main() -> models.GetJobResponse:
        transport = httpx.MockTransport(Recorder(NEWER_JOB))
        async with (
            httpx.AsyncClient(transport=transport, base_url="https://mock.invalid/v0.4") as http,
            AsyncClient(KEY, http_client=http, retry=NO_RETRY) as ionq,
        ):
            return await ionq.get_job(JOB_ID)

    assert_newer_job(asyncio.run(main()))


def test_create_job_returns_the_job_the_server_accepted_whatever_it_adds() -> None:
    recorder = Recorder(CREATED)
    with client(recorder) as ionq:
        created = ionq.create_job(body=CIRCUIT_JOB)
    assert (created.id, created.status) == (JOB_ID, "queued_for_review")
    assert created.model_extra == {"estimated_cost_usd": 0.3}
    assert len(recorder.requests) == 1


def test_models_are_strict_outside_response_decoding() -> None:
    with pytest.raises(ValidationError, match="carbon_grams"):
        models.SingleCircuitJob.model_validate({**JOB, "carbon_grams": 1.5})
    with pytest.raises(ValidationError, match="paused"):
        models.SingleCircuitJob.model_validate({**JOB, "status": "paused"})
    with pytest.raises(ValueError, match="paused"):
        models.JobStatus("paused")  # a value decoded once is not admitted for good
    lenient = models.SingleCircuitJob.model_validate(NEWER_JOB, context={"response": True})
    assert lenient.status == "paused"


def test_a_request_body_with_an_unknown_field_is_refused_before_sending() -> None:
    recorder = Recorder(CREATED)
    with client(recorder) as ionq, pytest.raises(PayloadValidationError):  # a mapping: the lint
        ionq.create_job(body={**CIRCUIT_JOB, "priority": "high"})
    assert recorder.requests == []
    with pytest.raises(ValidationError, match="priority"):  # as a model: the request model
        models.CircuitJobCreationPayload.model_validate({**CIRCUIT_JOB, "priority": "high"})
    # An enum value the spec does not list (noise models are a free string since September 2026).
    nested = {**CIRCUIT_JOB, "input": {"gateset": "qis", "circuit": [{"gate": "teleport", "target": 0}]}}
    with pytest.raises(ValidationError, match=r"circuit\.0\.gate"):
        models.CircuitJobCreationPayload.model_validate(nested)


def test_a_model_decoded_leniently_cannot_be_sent_with_its_unknown_fields() -> None:
    recorder = Recorder(CREATED)
    noise = models.Noise.model_validate({"model": "ideal", "drift": 0.1}, context={"response": True})
    with pytest.raises(ValidationError, match="drift"):
        models.CircuitJobCreationPayload.model_validate({**CIRCUIT_JOB, "noise": noise})
    assert recorder.requests == []
    sent = json.dumps(CIRCUIT_JOB)  # and the strict path still sends what it was given
    with client(recorder) as ionq:
        ionq.create_job(body=models.JobCreationPayload.model_validate(CIRCUIT_JOB))
    assert json.loads(recorder.requests[0].content) == json.loads(sent)
