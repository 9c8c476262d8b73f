"""What the bundled generated clients offer on every operation: per-call `timeout` and
`extra_headers`, `with_raw_response`, the model a `$ref` alias names as the return type, docstrings
with Args/Returns/Raises, `job_id` as the one name for a job's id, and an injected httpx client's
base_url honoured (never the default server), sync and async."""

from __future__ import annotations

import asyncio
import inspect
import json
import re
import typing
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx
import pytest
from pydantic import BaseModel, RootModel

from ionqkit.generated import ionq_v0_3, ionq_v0_4
from ionqkit.runtime import APIResponse
from ionqkit.runtime.retry import NO_RETRY
from tests.runtime.faultserver import FaultServer, Reply

KEY = "sk-staging-0123456789abcdef"
JOB_ID = "617a1f8b-59d4-435d-aa33-695433d7155e"
REPO = Path(__file__).resolve().parents[2]


def spec_job() -> dict[str, Any]:
    """The spec's own example answer to GET /jobs/{UUID}, with our job id."""
    spec = json.loads((REPO / "generated/ionq_v0_4/spec.snapshot.json").read_text(encoding="utf-8"))
    get_job = spec["paths"]["/jobs/{UUID}"]["get"]["responses"]["200"]["content"]["application/json"]
    job: dict[str, Any] = get_job["examples"]["Single Circuit"]["value"]
    return {**job, "id": JOB_ID, "status": "completed"}


JOB = spec_job()
PACKAGES = pytest.mark.parametrize("package", [ionq_v0_4, ionq_v0_3], ids=["v0.4", "v0.3"])


def client_classes(package: ModuleType) -> list[Any]:
    return [package.Client, package.AsyncClient]


def operations(cls: type) -> dict[str, Callable[..., Any]]:
    """The generated operation methods (not the pagination and polling helpers)."""
    return {
        name: member
        for name, member in vars(cls).items()
        if inspect.isfunction(member)
        and not name.startswith("_")
        and not name.startswith("iter_")
        and name != "wait_for_job"
    }


@pytest.fixture
def servers() -> Iterator[tuple[FaultServer, FaultServer]]:
    """(staging, decoy): the decoy stands in for the spec's default server."""
    staging, decoy = FaultServer(), FaultServer()
    staging.start()
    decoy.start()
    try:
        yield staging, decoy
    finally:
        staging.stop()
        decoy.stop()


@PACKAGES
def test_every_operation_takes_a_per_call_timeout_and_extra_headers(package: ModuleType) -> None:
    for cls in client_classes(package):
        for name, method in operations(cls).items():
            parameters = inspect.signature(method).parameters
            for option in ("timeout", "extra_headers"):
                assert parameters[option].kind is inspect.Parameter.KEYWORD_ONLY, (cls, name)
                assert parameters[option].default is not inspect.Parameter.empty, (cls, name)


@PACKAGES
def test_every_operation_has_a_raw_response_twin(package: ModuleType) -> None:
    for cls in client_classes(package):
        client = cls("k", base_url="https://api.invalid/v0")
        raw = client.with_raw_response
        assert set(operations(cls)) <= set(vars(raw))
        for name in operations(cls):
            assert inspect.signature(getattr(raw, name)) == inspect.signature(getattr(client, name))


@PACKAGES
def test_no_method_returns_a_root_model_that_only_wraps_another_model(package: ModuleType) -> None:
    for cls in client_classes(package):
        for name, method in [*operations(cls).items(), ("wait_for_job", getattr(cls, "wait_for_job", None))]:
            if method is None:
                continue
            returned = typing.get_type_hints(method)["return"]
            if isinstance(returned, type) and issubclass(returned, RootModel):
                root = returned.model_fields["root"].annotation
                assert not (isinstance(root, type) and issubclass(root, BaseModel)), (name, returned, root)


def test_get_job_returns_the_union_of_the_job_kinds_the_spec_lists() -> None:
    """Since September 2026 GET /jobs/{UUID} answers one of four job shapes (GetJobResponse is their
    anyOf, not an alias of one model), so the job is `.root` of what get_job returns."""
    models = ionq_v0_4.models
    returned = typing.get_type_hints(ionq_v0_4.Client.get_job)["return"]
    assert returned is models.GetJobResponse
    kinds = typing.get_args(returned.model_fields["root"].annotation)
    assert kinds == (
        models.SingleCircuitJob,
        models.MultiCircuitJob,
        models.QaoaJob,
        models.QuantumFunctionJob,
    )
    assert typing.get_type_hints(ionq_v0_4.AsyncClient.wait_for_job)["return"] is returned


@PACKAGES
def test_every_operation_documents_its_arguments_return_and_errors(package: ModuleType) -> None:
    for cls in client_classes(package):
        for name, method in operations(cls).items():
            doc = inspect.getdoc(method) or ""
            sections = re.findall(r"^(Args|Returns|Raises):$", doc, flags=re.MULTILINE)
            assert sections == ["Args", "Returns", "Raises"], (name, doc)
            args = doc.split("Args:")[1].split("Returns:")[0]
            documented = re.findall(r"^    (\w+): ", args, flags=re.MULTILINE)
            assert documented == [p for p in inspect.signature(method).parameters if p != "self"], name
            assert "Error: " in doc.split("Raises:")[1]


@PACKAGES
def test_a_jobs_id_is_called_job_id_everywhere(package: ModuleType) -> None:
    for cls in client_classes(package):
        assert "job_id" in inspect.signature(cls.wait_for_job).parameters
        for name, method in operations(cls).items():
            parameters = list(inspect.signature(method).parameters)
            assert "uuid" not in parameters, name
            endpoint = getattr(package.client, "_" + name.upper())
            if re.match(r"^/jobs/\{[^}]+\}", endpoint.path):
                assert parameters[1] == "job_id", (name, parameters)


def test_get_job_accepts_a_timeout_and_extra_headers_and_sends_them() -> None:
    sent: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(200, json=JOB)

    injected = httpx.Client(transport=httpx.MockTransport(answer), base_url="https://staging.invalid/v0.4")
    with injected, ionq_v0_4.Client(KEY, http_client=injected) as ionq:
        job = ionq.get_job(JOB_ID, timeout=5, extra_headers={"X-Trace": "t-1"})
        done = ionq.wait_for_job(job_id=JOB_ID, request_timeout=4, extra_headers={"X-Trace": "t-2"})
    assert job.root.status == done.root.status == ionq_v0_4.models.JobStatus.COMPLETED
    assert [str(request.url) for request in sent] == [f"https://staging.invalid/v0.4/jobs/{JOB_ID}"] * 2
    assert [request.headers["x-trace"] for request in sent] == ["t-1", "t-2"]
    assert [request.extensions["timeout"]["read"] for request in sent] == [5.0, 4.0]
    with pytest.raises(ValueError, match="api_key"), ionq_v0_4.Client(KEY, http_client=injected) as ionq:
        ionq.get_job(JOB_ID, extra_headers={"Authorization": "apiKey another"})
    assert len(sent) == 2


def test_an_injected_base_url_is_used_and_the_default_never(
    servers: tuple[FaultServer, FaultServer], monkeypatch: pytest.MonkeyPatch
) -> None:
    staging, decoy = servers
    monkeypatch.setattr(ionq_v0_4.Client, "DEFAULT_BASE_URL", decoy.url)
    staging.script("GET", f"/v0.4/jobs/{JOB_ID}", Reply(200, JOB))
    injected = httpx.Client(base_url=staging.url + "/v0.4", headers={"X-Env": "staging"})
    with injected, ionq_v0_4.Client(KEY, http_client=injected, retry=NO_RETRY) as ionq:
        job = ionq.get_job(JOB_ID)
    assert isinstance(job.root, ionq_v0_4.models.SingleCircuitJob)
    assert decoy.requests == []
    [request] = staging.requests
    headers = {name.lower(): value for name, value in request.headers.items()}
    assert (headers["x-env"], headers["authorization"]) == ("staging", f"apiKey {KEY}")


def test_an_injected_async_base_url_is_used_and_the_default_never(
    servers: tuple[FaultServer, FaultServer], monkeypatch: pytest.MonkeyPatch
) -> None:
    staging, decoy = servers
    monkeypatch.setattr(ionq_v0_4.AsyncClient, "DEFAULT_BASE_URL", decoy.url)
    staging.script("GET", f"/v0.4/jobs/{JOB_ID}", Reply(200, JOB), Reply(200, JOB))

    async def call() -> APIResponse[Any]:
        async with (
            httpx.AsyncClient(base_url=staging.url + "/v0.4", headers={"X-Env": "staging"}) as injected,
            ionq_v0_4.AsyncClient(KEY, http_client=injected, retry=NO_RETRY) as ionq,
        ):
            await ionq.get_job(JOB_ID)
            return await ionq.with_raw_response.get_job(JOB_ID)

    raw = asyncio.run(call())
    assert decoy.requests == []
    assert len(staging.requests) == 2
    assert all(r.headers.get("X-Env") == "staging" for r in staging.requests)
    assert raw.parse().root.status == ionq_v0_4.models.JobStatus.COMPLETED


def test_with_raw_response_on_the_generated_client(servers: tuple[FaultServer, FaultServer]) -> None:
    staging, _ = servers
    staging.script("GET", f"/jobs/{JOB_ID}", Reply(200, JOB, headers={"X-Request-Id": "req-9"}))
    with ionq_v0_4.Client(KEY, base_url=staging.url) as ionq:
        raw = ionq.with_raw_response.get_job(JOB_ID, timeout=10)
    assert (raw.status_code, raw.request_id) == (200, "req-9")
    job = raw.parse()
    assert isinstance(job.root, ionq_v0_4.models.SingleCircuitJob) and job.root.id == JOB_ID


def test_with_raw_response_over_an_in_memory_transport_reports_zero_elapsed() -> None:
    """httpx records no elapsed time for a response built in memory (MockTransport in tests)."""
    http = httpx.Client(transport=httpx.MockTransport(lambda request: httpx.Response(200, json=JOB)))
    with ionq_v0_4.Client(api_key=KEY, http_client=http, base_url="https://mock.invalid/v0.4") as client:
        raw = client.with_raw_response.get_job(JOB_ID)
    assert raw.status_code == 200
    assert raw.elapsed.total_seconds() == 0
    assert raw.parse().root.id == JOB_ID
