from __future__ import annotations

import asyncio
import email.utils
import socket

import pytest

from ionqkit.runtime import APIConnectionError, RateLimitError, ServerError
from ionqkit.runtime.retry import RetryPolicy, parse_retry_after

from .faketime import FakeTime
from .faultserver import FaultServer, Reply
from .shop import AsyncShopClient, ShopClient

JOB = {"id": "j1", "status": "completed"}


def test_429_with_retry_after_seconds_waits_that_long_then_succeeds(server: FaultServer) -> None:
    server.script(
        "GET", "/jobs/j1", Reply(429, {"error": "slow down"}, {"Retry-After": "3"}), Reply(200, JOB)
    )
    time = FakeTime()
    with ShopClient("k", base_url=server.url, retry=time.policy()) as client:
        job = client.get_job("j1")
    assert job.status == "completed"
    assert time.sleeps == [3.0]
    assert len(server.requests) == 2


def test_retry_after_as_http_date_is_measured_against_the_clock() -> None:
    now = 1_700_000_000.0
    header = email.utils.formatdate(now + 7, usegmt=True)
    assert parse_retry_after(header, now) == pytest.approx(7.0)
    assert parse_retry_after(email.utils.formatdate(now - 60, usegmt=True), now) == 0.0
    assert parse_retry_after("soon", now) is None
    # Not numbers to HTTP: str.isdigit() is true for both, and float() refused the first (a crash).
    assert parse_retry_after("\u00b2", now) is None
    assert parse_retry_after("\u0663", now) is None


def test_retry_after_longer_than_max_delay_is_handed_to_the_caller(server: FaultServer) -> None:
    server.script("GET", "/jobs/j1", Reply(429, {"error": "quota"}, {"Retry-After": "120"}), Reply(200, JOB))
    time = FakeTime()
    with (
        ShopClient("k", base_url=server.url, retry=time.policy(max_delay=30.0)) as client,
        pytest.raises(RateLimitError) as caught,
    ):
        client.get_job("j1")
    assert caught.value.retry_after == 120.0
    assert caught.value.status == 429
    assert time.sleeps == []
    assert len(server.requests) == 1


def test_503_then_success_backs_off_with_full_jitter(server: FaultServer) -> None:
    server.script("GET", "/jobs/j1", Reply(503, "down"), Reply(503, "down"), Reply(200, JOB))
    time = FakeTime()
    with ShopClient("k", base_url=server.url, retry=time.policy(base_delay=2.0)) as client:
        assert client.get_job("j1").id == "j1"
    # random() is pinned to 0.5: half of base * 2**n for the first and second retry.
    assert time.sleeps == [1.0, 2.0]


def test_backoff_is_capped_by_max_delay() -> None:
    policy = RetryPolicy(base_delay=1.0, max_delay=5.0, random=lambda: 1.0)
    assert [policy.backoff(n) for n in range(5)] == [1.0, 2.0, 4.0, 5.0, 5.0]


def test_502_is_retried_until_max_attempts_then_raised(server: FaultServer) -> None:
    server.script("GET", "/jobs/j1", *[Reply(502, "<html>bad gateway</html>")] * 3)
    time = FakeTime()
    with (
        ShopClient("k", base_url=server.url, retry=time.policy(max_attempts=3)) as client,
        pytest.raises(ServerError) as caught,
    ):
        client.get_job("j1")
    assert caught.value.status == 502
    assert len(server.requests) == 3
    assert len(time.sleeps) == 2


def test_500_is_not_retried(server: FaultServer) -> None:
    server.script("GET", "/jobs/j1", Reply(500, {"error": "boom"}), Reply(200, JOB))
    with (
        ShopClient("k", base_url=server.url, retry=FakeTime().policy()) as client,
        pytest.raises(ServerError),
    ):
        client.get_job("j1")
    assert len(server.requests) == 1


def test_job_creation_is_not_retried_by_default(server: FaultServer) -> None:
    server.script("POST", "/jobs", Reply(503, "down"), Reply(200, JOB))
    time = FakeTime()
    with (
        ShopClient("k", base_url=server.url, retry=time.policy(), validate=False) as client,
        pytest.raises(ServerError),
    ):
        client.create_job(body={"qubits": 1})
    assert len(server.requests) == 1
    assert time.sleeps == []


def test_job_creation_is_retried_when_the_caller_opts_in(server: FaultServer) -> None:
    server.script("POST", "/jobs", Reply(503, "down"), Reply(200, JOB))
    time = FakeTime()
    client = ShopClient("k", base_url=server.url, retry=time.policy(), retry_create=True, validate=False)
    with client:
        assert client.create_job(body={"qubits": 1}).id == "j1"
    assert len(server.requests) == 2
    assert server.requests[0].body == server.requests[1].body == b'{"qubits":1}'


def test_connection_errors_are_retried_for_idempotent_calls() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{probe.getsockname()[1]}"
    # The port is closed again: every connect is refused.
    time = FakeTime()

    with (
        ShopClient("k", base_url=url, retry=time.policy(max_attempts=3)) as client,
        pytest.raises(APIConnectionError) as caught,
    ):
        client.get_job("j1")
    assert "ConnectError" in str(caught.value)
    assert len(time.sleeps) == 2


def test_async_client_retries_429_like_the_sync_one(server: FaultServer) -> None:
    server.script("GET", "/jobs/j1", Reply(429, "", {"Retry-After": "2"}), Reply(200, JOB))
    time = FakeTime()

    async def run() -> str:
        async with AsyncShopClient("k", base_url=server.url, retry=time.policy()) as client:
            return (await client.get_job("j1")).status

    assert asyncio.run(run()) == "completed"
    assert time.sleeps == [2.0]
