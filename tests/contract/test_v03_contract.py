"""Every operation of the generated v0.3 client, called against Prism serving the v0.3 spec."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from ionqkit.generated.ionq_v0_3 import Client, models
from ionqkit.runtime import IonQAPIError, RetryPolicy

from .prism import operation_methods, serve_spec

JOB_ID = "aa54e783-0a9b-4f73-ad2f-63983b6aa4a8"
JOB_PAYLOAD = {
    "target": "simulator",
    "shots": 100,
    "input": {"format": "ionq.circuit.v0", "qubits": 1, "circuit": [{"gate": "h", "target": 0}]},
}

CALLS: dict[str, Callable[[Client], Any]] = {
    "get_jobs": lambda c: c.get_jobs(id_=[JOB_ID], status=next(iter(models.Status)), limit=5),
    "create_job": lambda c: c.create_job(body=JOB_PAYLOAD, validate=True),
    "delete_jobs": lambda c: c.delete_jobs(body={"ids": [JOB_ID]}),
    "get_job": lambda c: c.get_job(JOB_ID, exclude=["results"]),
    "delete_job": lambda c: c.delete_job(JOB_ID),
    "get_job_results": lambda c: c.get_job_results(JOB_ID, sharpen=False),
    "cancel_job": lambda c: c.cancel_job(JOB_ID),
    "cancel_jobs": lambda c: c.cancel_jobs(body={"ids": [JOB_ID]}),
    "get_backends": lambda c: c.get_backends(),
    "get_characterizations_for_backend": lambda c: c.get_characterizations_for_backend(
        models.CharacterizationBackend.QPU_ARIA_1, limit=5, page=1
    ),
    "get_current_characterization_for_backend": lambda c: c.get_current_characterization_for_backend(
        models.CharacterizationBackend.QPU_ARIA_1
    ),
    "get_characterization": lambda c: c.get_characterization(JOB_ID),
    "get_org_report": lambda c: c.get_org_report(JOB_ID, start_date="2023-07-01", end_date="2023-07-31"),
}


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with serve_spec("v0.3", tmp_path_factory.mktemp("prism-v03")) as url:
        yield url


@pytest.fixture
def client(base_url: str) -> Iterator[Client]:
    with Client("test-key", base_url=base_url, retry=RetryPolicy(max_attempts=1), validate=False) as c:
        yield c


def test_the_call_table_covers_every_generated_operation() -> None:
    assert set(CALLS) == operation_methods(Client)


@pytest.mark.parametrize("operation", sorted(CALLS))
def test_operation_matches_the_spec(client: Client, operation: str) -> None:
    CALLS[operation](client)


def test_pagination_sends_the_cursor_prism_accepts(client: Client) -> None:
    first_page = client.get_jobs(limit=2)
    assert first_page.jobs and first_page.next, "the spec's example has a page of jobs and a cursor"
    # One item past the first page makes the iterator request page two with `next=<cursor>`.
    jobs = list(itertools.islice(client.iter_jobs(limit=2), len(first_page.jobs) + 1))
    assert len(jobs) == len(first_page.jobs) + 1
    assert all(isinstance(job, models.Job) for job in jobs)


def test_wait_for_job_returns_or_raises_by_the_example_status(client: Client) -> None:
    example = client.get_job(JOB_ID)
    if example.status.value == "completed":
        assert client.wait_for_job(JOB_ID, timeout=5).id == example.id
    else:
        with pytest.raises(IonQAPIError):
            client.wait_for_job(JOB_ID, timeout=0)
