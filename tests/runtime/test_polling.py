from __future__ import annotations

import asyncio

import pytest

from ionqkit.runtime import JobCanceledError, JobFailedError, WaitTimeoutError

from .faketime import FakeTime
from .faultserver import FaultServer, Reply
from .shop import AsyncShopClient, ShopClient


def job(status: str, **extra: object) -> Reply:
    return Reply(200, {"id": "j1", "status": status, **extra})


def test_wait_for_job_polls_with_growing_intervals_until_completed(server: FaultServer) -> None:
    server.script("GET", "/jobs/j1", job("submitted"), job("ready"), job("running"), job("completed"))
    time = FakeTime()
    with ShopClient("k", base_url=server.url, retry=time.policy()) as client:
        done = client.wait_for_job("j1")
    assert done.status == "completed"
    assert time.sleeps == [1.0, 1.5, 2.25]


def test_a_failed_job_raises_with_its_failure(server: FaultServer) -> None:
    failure = {"code": "CompilationError", "error": "bad gate"}
    server.script("GET", "/jobs/j1", job("running"), job("failed", failure=failure))
    with (
        ShopClient("k", base_url=server.url, retry=FakeTime().policy()) as client,
        pytest.raises(JobFailedError) as caught,
    ):
        client.wait_for_job("j1")
    assert caught.value.failure == failure
    assert caught.value.job_id == "j1"


def test_a_canceled_job_raises(server: FaultServer) -> None:
    server.script("GET", "/jobs/j1", job("canceled"))
    with ShopClient("k", base_url=server.url) as client, pytest.raises(JobCanceledError):
        client.wait_for_job("j1")


def test_waiting_stops_at_the_deadline_with_the_last_status(server: FaultServer) -> None:
    server.script("GET", "/jobs/j1", *[job("running")] * 10)
    time = FakeTime()
    with (
        ShopClient("k", base_url=server.url, retry=time.policy()) as client,
        pytest.raises(WaitTimeoutError) as caught,
    ):
        client.wait_for_job("j1", timeout=5.0)
    assert caught.value.last_status == "running"
    assert sum(time.sleeps) == pytest.approx(5.0)  # the last sleep is cut to the deadline
    assert time.sleeps == [1.0, 1.5, 2.25, 0.25]


def test_async_wait_for_job(server: FaultServer) -> None:
    server.script("GET", "/jobs/j1", job("running"), job("completed"))
    time = FakeTime()

    async def run() -> str:
        async with AsyncShopClient("k", base_url=server.url, retry=time.policy()) as client:
            return (await client.wait_for_job("j1")).status

    assert asyncio.run(run()) == "completed"
    assert time.sleeps == [1.0]
