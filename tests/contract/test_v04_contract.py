"""Every operation of the generated v0.4 client, called against Prism serving the v0.4 spec.

Prism checks each request (path, query, headers, auth, body) against the spec and answers from the
spec's examples; the client then validates that answer against the generated models. So each call
here passes only if client, spec and models agree in both directions.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from ionqkit.generated.ionq_v0_4 import AsyncClient, Client, models
from ionqkit.runtime import RetryPolicy

from .prism import operation_methods, serve_spec

JOB_ID = "617a1f8b-59d4-435d-aa33-695433d7155e"
VARIANT_ID = "069ce8f8-f437-7d75-8000-9f5f8c3d7897"
ARTIFACT_ID = "06b27432-cdde-7a0f-8000-1b9e2d6a4f01"
BACKEND = "qpu.forte-1"  # the backends path parameter lists forte-1 and forte-enterprise-1 (September 2026)

# A valid payload for the sessions endpoint and for job creation, in wire form.
JOB_PAYLOAD = {
    "type": "ionq.circuit.v1",
    "backend": "simulator",
    "shots": 100,
    "input": {"qubits": 1, "gateset": "qis", "circuit": [{"gate": "h", "target": 0}]},
}

CALLS: dict[str, Callable[[Client], Any]] = {
    "get_whoami": lambda c: c.get_whoami(),
    "get_backends": lambda c: c.get_backends(),
    "get_backend": lambda c: c.get_backend(BACKEND),
    "get_characterizations_for_backend": lambda c: c.get_characterizations_for_backend(
        BACKEND, start="2025-01-01", end="2025-12-31", limit=5, page=1
    ),
    "get_characterization": lambda c: c.get_characterization(BACKEND, JOB_ID),
    "get_jobs": lambda c: c.get_jobs(ids=[JOB_ID, VARIANT_ID], status=models.JobStatus.COMPLETED, limit=10),
    # Linted by ionqkit first (validate defaults to True): the linter must accept what the spec does.
    "create_job": lambda c: c.create_job(body=JOB_PAYLOAD, validate=True),
    "delete_jobs": lambda c: c.delete_jobs(body={"ids": [JOB_ID]}),
    "clone_job": lambda c: c.clone_job(JOB_ID, body={"name": "again", "shots": 500, "backend": BACKEND}),
    "move_job": lambda c: c.move_job(JOB_ID, body={"backend": "simulator", "dry_run": True}),
    "get_job": lambda c: c.get_job(JOB_ID),
    "delete_job": lambda c: c.delete_job(JOB_ID),
    "get_job_cost": lambda c: c.get_job_cost(JOB_ID),
    "cancel_job": lambda c: c.cancel_job(JOB_ID),
    "cancel_jobs": lambda c: c.cancel_jobs(body={"ids": [JOB_ID]}),
    "estimate_job_cost": lambda c: c.estimate_job_cost(
        backend=BACKEND, qubits=4, shots=100, field_1q_gates=10, field_2q_gates=2, error_mitigation=True
    ),
    "get_job_probabilities": lambda c: c.get_job_probabilities(JOB_ID, sharpen=True),
    "get_job_artifact": lambda c: c.get_job_artifact(JOB_ID, ARTIFACT_ID),
    "get_format_schema": lambda c: c.get_format_schema(models.Formats("ionq.result.histogram.json.v2")),
    "get_sessions": lambda c: c.get_sessions(active=True),
    "create_session": lambda c: c.create_session(body={"backend": BACKEND}),
    "end_session": lambda c: c.end_session(JOB_ID),
    "get_session": lambda c: c.get_session(JOB_ID),
    "get_session_jobs": lambda c: c.get_session_jobs(JOB_ID, ids=[JOB_ID], limit=5),
    "get_usages": lambda c: c.get_usages(
        JOB_ID,
        start_date="2025-01-01",
        end_date="2025-02-01",
        group_by=next(iter(models.GroupBy)),
        modality=next(iter(models.Modality)),
    ),
}


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with serve_spec("v0.4", tmp_path_factory.mktemp("prism-v04")) as url:
        yield url


@pytest.fixture
def client(base_url: str) -> Iterator[Client]:
    # No retries: a contract failure must surface on the first answer, not be retried away.
    with Client("test-key", base_url=base_url, retry=RetryPolicy(max_attempts=1), validate=False) as c:
        yield c


def test_the_call_table_covers_every_generated_operation() -> None:
    assert set(CALLS) == operation_methods(Client)


@pytest.mark.parametrize("operation", sorted(CALLS))
def test_operation_matches_the_spec(client: Client, operation: str) -> None:
    CALLS[operation](client)


def test_pagination_and_polling_helpers(client: Client) -> None:
    for jobs in (list(client.iter_jobs(limit=2)), list(client.iter_session_jobs(JOB_ID))):
        assert jobs, "the spec's examples list jobs, so the iterator must yield some"
        assert all(isinstance(job, models.BaseJob) for job in jobs)
    done = client.wait_for_job(JOB_ID, timeout=5)
    assert done.root.status == models.JobStatus.COMPLETED  # one of the job shapes GetJobResponse unites


def test_the_async_client_speaks_the_same_contract(base_url: str) -> None:
    async def run() -> tuple[str, int]:
        async with AsyncClient("test-key", base_url=base_url, retry=RetryPolicy(max_attempts=1)) as client:
            created = await client.create_job(body=JOB_PAYLOAD, validate=False)
            jobs = [job async for job in client.iter_jobs(status=models.JobStatus.COMPLETED)]
            return created.id, len(jobs)

    created_id, count = asyncio.run(run())
    assert created_id and count > 0


def test_prism_rejects_a_request_the_spec_does_not_allow(client: Client) -> None:
    """Shows the harness has teeth: a body missing a required field is refused."""
    from ionqkit.runtime import APIStatusError

    with pytest.raises(APIStatusError) as caught:
        client.cancel_jobs(body={"not_ids": []})
    assert caught.value.status in {400, 422}


def test_operations_that_need_a_key_are_refused_without_one(base_url: str) -> None:
    from ionqkit.runtime import AuthenticationError

    with Client(base_url=base_url, retry=RetryPolicy(max_attempts=1)) as anonymous:
        assert anonymous.get_backends()
        with pytest.raises(AuthenticationError):
            anonymous.get_jobs()
