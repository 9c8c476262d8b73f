"""The runtime's client options: an injected httpx client's settings, per-call `timeout` and
`extra_headers`, raw responses, and masking of what the polling and pagination helpers quote.

Everything goes over real sockets to FaultServer on 127.0.0.1; where the test needs to see what
httpx was told (timeouts), an httpx MockTransport records the request instead.
"""

from __future__ import annotations

import asyncio
import datetime
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from ionqkit.runtime import (
    APIResponse,
    IonQAPIError,
    JobFailedError,
    MissingAPIKeyError,
    NotFoundError,
    ResponseDecodeError,
    async_to_raw_response,
    to_raw_response,
)
from ionqkit.runtime.pagination import iter_pages
from ionqkit.runtime.retry import NO_RETRY

from .faketime import FakeTime
from .faultserver import FaultServer, Reply
from .shop import GET_JOB, AsyncShopClient, Job, ShopClient

KEY = "sk-live-0123456789abcdef"
JOB = {"id": "j1", "status": "completed"}


@pytest.fixture
def decoy() -> Iterator[FaultServer]:
    """Stands in for the spec's default server: nothing may ever reach it."""
    server = FaultServer()
    server.start()
    try:
        yield server
    finally:
        server.stop()


class DecoyShop(ShopClient):
    pass


class AsyncDecoyShop(AsyncShopClient):
    pass


def header(server: FaultServer, name: str, index: int = 0) -> str | None:
    headers = {key.lower(): value for key, value in server.requests[index].headers.items()}
    return headers.get(name.lower())


# --- an injected httpx client ---------------------------------------------------------------------


def test_an_injected_clients_base_url_and_headers_are_used_never_the_default(
    server: FaultServer, decoy: FaultServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(DecoyShop, "DEFAULT_BASE_URL", decoy.url)
    server.script("GET", "/v0/jobs/j1", Reply(200, JOB))
    staging = httpx.Client(base_url=server.url + "/v0", headers={"X-Env": "staging"}, params={"tenant": "t1"})
    with staging, DecoyShop(KEY, http_client=staging) as client:
        assert client.base_url == server.url + "/v0"
        assert client.get_job("j1").id == "j1"
    assert decoy.requests == []
    assert [(r.method, r.path, r.query) for r in server.requests] == [
        ("GET", "/v0/jobs/j1", {"tenant": ["t1"]})
    ]
    assert header(server, "X-Env") == "staging"
    assert header(server, "Authorization") == f"apiKey {KEY}"


def test_an_injected_async_clients_base_url_and_headers_are_used_never_the_default(
    server: FaultServer, decoy: FaultServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(AsyncDecoyShop, "DEFAULT_BASE_URL", decoy.url)
    server.script("GET", "/v0/jobs/j1", Reply(200, JOB))

    async def call() -> Job:
        async with (
            httpx.AsyncClient(base_url=server.url + "/v0", headers={"X-Env": "staging"}) as staging,
            AsyncDecoyShop(KEY, http_client=staging) as client,
        ):
            return await client.get_job("j1")

    assert asyncio.run(call()).id == "j1"
    assert decoy.requests == []
    assert header(server, "X-Env") == "staging"
    assert header(server, "Authorization") == f"apiKey {KEY}"


def test_explicit_arguments_win_over_the_injected_clients_settings(
    server: FaultServer, decoy: FaultServer
) -> None:
    server.script("GET", "/jobs/j1", Reply(200, JOB))
    injected = httpx.Client(
        base_url=decoy.url, headers={"X-Env": "injected", "X-Keep": "kept", "User-Agent": "theirs/1"}
    )
    with (
        injected,
        ShopClient(KEY, base_url=server.url, headers={"X-Env": "ours"}, http_client=injected) as client,
    ):
        client.get_job("j1")
    assert decoy.requests == []
    assert (header(server, "X-Env"), header(server, "X-Keep")) == ("ours", "kept")
    # A User-Agent someone chose for the injected client is theirs to keep; httpx's own is not.
    assert header(server, "User-Agent") == "theirs/1"


def test_the_client_replaces_only_the_headers_httpx_sets_by_itself(server: FaultServer) -> None:
    server.script("GET", "/jobs/j1", Reply(200, JOB))
    with httpx.Client() as plain, ShopClient(KEY, base_url=server.url, http_client=plain) as client:
        client.get_job("j1")
    assert str(header(server, "User-Agent")).startswith("ionqkit/")
    assert header(server, "Accept") == "application/json"


def test_the_injected_clients_key_is_used_before_the_environment_and_masked(
    server: FaultServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("IONQ_API_KEY", "production-key-do-not-send")
    server.script("GET", "/jobs/j1", Reply(404, {"message": f"no job for apiKey {KEY}"}))
    staging = httpx.Client(base_url=server.url, headers={"Authorization": f"apiKey {KEY}"})
    with staging, ShopClient(http_client=staging, retry=NO_RETRY) as client:
        with pytest.raises(NotFoundError) as caught:
            client.get_job("j1")
        assert KEY not in str(caught.value) and KEY not in repr(caught.value.body)
    assert header(server, "Authorization") == f"apiKey {KEY}"


def test_an_explicit_key_wins_over_the_injected_clients_auth_header(server: FaultServer) -> None:
    server.script("GET", "/jobs/j1", Reply(200, JOB))
    injected = httpx.Client(headers={"Authorization": "Bearer someone-elses-token"})
    with injected, ShopClient(KEY, base_url=server.url, http_client=injected) as client:
        client.get_job("j1")
    assert header(server, "Authorization") == f"apiKey {KEY}"


def test_an_injected_auth_header_without_the_prefix_is_sent_as_it_was_given(server: FaultServer) -> None:
    server.script("GET", "/jobs/j1", Reply(200, JOB))
    injected = httpx.Client(base_url=server.url, headers={"Authorization": "Bearer tok-123456789"})
    with injected, ShopClient(http_client=injected) as client:
        client.get_job("j1")
    assert header(server, "Authorization") == "Bearer tok-123456789"


def test_without_any_key_nothing_is_sent(server: FaultServer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("IONQ_API_KEY", raising=False)
    with (
        httpx.Client(base_url=server.url) as injected,
        ShopClient(http_client=injected) as client,
        pytest.raises(MissingAPIKeyError),
    ):
        client.get_job("j1")
    assert server.requests == []


def test_the_injected_clients_event_hooks_run_sync_and_async(server: FaultServer) -> None:
    server.script("GET", "/jobs/j1", Reply(200, JOB), Reply(200, JOB))
    seen: list[str] = []

    def on_request(request: httpx.Request) -> None:
        seen.append(f"request {request.url.path}")

    def on_response(response: httpx.Response) -> None:
        seen.append(f"response {response.status_code}")

    async def aon_request(request: httpx.Request) -> None:
        on_request(request)

    async def aon_response(response: httpx.Response) -> None:
        on_response(response)

    hooks: dict[str, list[Any]] = {"request": [on_request], "response": [on_response]}
    with (
        httpx.Client(base_url=server.url, event_hooks=hooks) as injected,
        ShopClient(KEY, http_client=injected) as c,
    ):
        c.get_job("j1")

    async def call() -> None:
        ahooks: dict[str, list[Any]] = {"request": [aon_request], "response": [aon_response]}
        async with (
            httpx.AsyncClient(base_url=server.url, event_hooks=ahooks) as injected,
            AsyncShopClient(KEY, http_client=injected) as client,
        ):
            await client.get_job("j1")

    asyncio.run(call())
    assert seen == ["request /jobs/j1", "response 200"] * 2


# --- timeouts -------------------------------------------------------------------------------------


def recording_transport(sent: list[httpx.Request]) -> httpx.MockTransport:
    def answer(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(200, json=JOB)

    return httpx.MockTransport(answer)


def read_timeout(request: httpx.Request) -> float | None:
    value: float | None = request.extensions["timeout"]["read"]
    return value


def test_timeouts_come_from_the_injected_client_unless_given(server: FaultServer) -> None:
    sent: list[httpx.Request] = []
    injected = httpx.Client(transport=recording_transport(sent), timeout=7.0)
    with injected:
        with ShopClient(KEY, base_url="https://api.invalid/v0", http_client=injected) as client:
            client.get_job("j1")
            assert client.deadline == 21.0  # its default deadline follows the timeout in force
        with ShopClient(KEY, base_url="https://api.invalid/v0", http_client=injected, timeout=2.0) as client:
            client.get_job("j1")
    assert [read_timeout(request) for request in sent] == [7.0, 2.0]


def test_a_per_call_timeout_applies_to_that_call_only() -> None:
    sent: list[httpx.Request] = []
    injected = httpx.Client(transport=recording_transport(sent))
    with (
        injected,
        ShopClient(KEY, base_url="https://api.invalid/v0", http_client=injected, timeout=60) as client,
    ):
        client._request(GET_JOB, {"uuid": "j1"}, timeout=5)
        client._request(GET_JOB, {"uuid": "j1"}, timeout=httpx.Timeout(3.0, read=90.0))
        client._request(GET_JOB, {"uuid": "j1"}, timeout=None)  # none at all, as in httpx
        client._request(GET_JOB, {"uuid": "j1"})
    assert [read_timeout(request) for request in sent] == [5.0, 90.0, None, 60.0]


def test_a_deadline_the_caller_chose_still_bounds_a_call_with_a_longer_timeout() -> None:
    sent: list[httpx.Request] = []
    injected = httpx.Client(transport=recording_transport(sent))
    with (
        injected,
        ShopClient(KEY, base_url="https://api.invalid/v0", http_client=injected, deadline=2.0) as client,
    ):
        client._request(GET_JOB, {"uuid": "j1"}, timeout=30)
    timeout = read_timeout(sent[0])
    assert timeout is not None and timeout <= 2.0


# --- extra headers --------------------------------------------------------------------------------


def test_extra_headers_go_with_that_request_only_and_win_over_the_clients(server: FaultServer) -> None:
    server.script("GET", "/jobs/j1", Reply(200, JOB), Reply(200, JOB))
    with ShopClient(KEY, base_url=server.url, headers={"X-Trace": "client"}) as client:
        client._request(GET_JOB, {"uuid": "j1"}, extra_headers={"x-trace": "call", "X-Once": "1"})
        client._request(GET_JOB, {"uuid": "j1"})
    assert (header(server, "X-Trace", 0), header(server, "X-Once", 0)) == ("call", "1")
    assert (header(server, "X-Trace", 1), header(server, "X-Once", 1)) == ("client", None)
    assert [name.lower() for name in server.requests[0].headers].count("x-trace") == 1


@pytest.mark.parametrize("name", ["Authorization", "authorization", " AUTHORIZATION"])
def test_headers_cannot_replace_the_api_key(server: FaultServer, name: str) -> None:
    with ShopClient(KEY, base_url=server.url) as client, pytest.raises(ValueError, match="api_key"):
        client._request(GET_JOB, {"uuid": "j1"}, extra_headers={name: "apiKey other"})
    with pytest.raises(ValueError, match="api_key"):
        ShopClient(KEY, base_url=server.url, headers={name: "apiKey other"})
    assert server.requests == []


# --- raw responses --------------------------------------------------------------------------------


def test_raw_response_gives_status_headers_request_id_and_the_parsed_model(server: FaultServer) -> None:
    server.script(
        "GET", "/jobs/j1", Reply(503, {"error": "busy"}), Reply(200, JOB, headers={"X-Request-Id": "req-42"})
    )
    with ShopClient(KEY, base_url=server.url, retry=FakeTime().policy()) as client:
        raw = to_raw_response(client.get_job)("j1")
        assert isinstance(raw, APIResponse)
        assert (raw.status_code, raw.request_id, raw.http_version) == (200, "req-42", "HTTP/1.1")
        assert raw.headers["content-type"] == "application/json"
        assert isinstance(raw.elapsed, datetime.timedelta)
        assert raw.retries_taken == 1
        assert (raw.method, raw.url) == ("GET", server.url + "/jobs/j1")
        assert raw.json() == JOB
        job = raw.parse()
        assert isinstance(job, Job) and job.status == "completed"
        assert raw.parse() is job
        assert KEY not in repr(raw)
        server.script("GET", "/jobs/j1", Reply(200, JOB))
        assert isinstance(client.get_job("j1"), Job), "the raw mark outlived its call"


def test_raw_response_defers_decoding_and_still_raises_error_statuses(server: FaultServer) -> None:
    server.script(
        "GET", "/jobs/j1", Reply(200, {"id": "j1", "state": "new-shape"}), Reply(404, {"message": "gone"})
    )
    with ShopClient(KEY, base_url=server.url) as client:
        raw = to_raw_response(client.get_job)("j1")
        assert raw.json()["state"] == "new-shape"
        with pytest.raises(ResponseDecodeError):
            raw.parse()
        with pytest.raises(NotFoundError):
            to_raw_response(client.get_job)("j1")


def test_async_raw_response(server: FaultServer) -> None:
    server.script("GET", "/jobs/j1", Reply(200, JOB, headers={"X-Request-Id": "req-7"}))

    async def call() -> tuple[APIResponse[Job], Job]:
        async with AsyncShopClient(KEY, base_url=server.url) as client:
            raw = await async_to_raw_response(client.get_job)("j1")
            server.script("GET", "/jobs/j1", Reply(200, JOB))
            return raw, await client.get_job("j1")

    raw, plain = asyncio.run(call())
    assert (raw.status_code, raw.request_id) == (200, "req-7")
    assert raw.parse().id == "j1"
    assert isinstance(plain, Job)


def test_a_raw_wrapper_refuses_a_method_that_bypasses_the_transport() -> None:
    with pytest.raises(TypeError, match="_request"):
        to_raw_response(lambda: JOB)()


# --- masking in the helpers -----------------------------------------------------------------------


def test_a_failed_jobs_text_is_masked_in_wait_for_job_errors(server: FaultServer) -> None:
    failure = {"code": "AuthError", "error": f"rejected header apiKey {KEY}"}
    server.script("GET", "/jobs/j1", Reply(200, {"id": "j1", "status": "failed", "failure": failure}))
    with (
        ShopClient(KEY, base_url=server.url, retry=FakeTime().policy()) as client,
        pytest.raises(JobFailedError) as caught,
    ):
        client.wait_for_job("j1")
    error = caught.value
    for text in (str(error), repr(error.args), repr(error.failure), repr(error.job), repr(error.body)):
        assert KEY not in text and KEY[:8] not in text
    assert "rejected header apiKey <redacted>" in str(error)


def test_a_failed_jobs_text_is_masked_in_async_wait_for_job_errors(server: FaultServer) -> None:
    failure = {"code": "AuthError", "error": f"rejected {KEY}"}
    server.script("GET", "/jobs/j1", Reply(200, {"id": "j1", "status": "failed", "failure": failure}))

    async def call() -> JobFailedError:
        async with AsyncShopClient(KEY, base_url=server.url, retry=FakeTime().policy()) as client:
            try:
                await client.wait_for_job("j1")
            except JobFailedError as exc:
                return exc
        raise AssertionError("no error raised")

    error = asyncio.run(call())
    assert KEY not in str(error) and KEY not in repr(error.failure) and KEY not in repr(error.job)


def test_a_cursor_quoted_in_a_pagination_error_is_masked(server: FaultServer) -> None:
    cursor = f"cursor-{KEY}"
    server.script(
        "GET",
        "/jobs",
        Reply(200, {"jobs": [JOB], "next": cursor}),
        Reply(200, {"jobs": [JOB], "next": cursor}),
    )
    with ShopClient(KEY, base_url=server.url) as client, pytest.raises(IonQAPIError) as caught:
        list(client.iter_jobs())
    assert "did not advance" in str(caught.value)
    assert KEY not in str(caught.value) and KEY not in repr(caught.value.args)


def test_the_helpers_cannot_be_called_without_the_clients_masking() -> None:
    with pytest.raises(TypeError, match="redact"):
        next(iter_pages(lambda cursor: {}, "next"))  # type: ignore[call-arg]
