"""A hand-written client in the shape generated clients take, over a tiny job API.

The runtime tests use it so that they exercise exactly the calls generated code makes.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator, Mapping
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

from ionqkit.runtime import AsyncAPIClient, Endpoint, Param, SyncAPIClient
from ionqkit.runtime.pagination import aiter_pages, iter_pages, page_items
from ionqkit.runtime.polling import async_wait_for_job, wait_for_job


class Job(BaseModel):
    id: str
    status: str
    failure: dict[str, Any] | None = None


class JobsPage(BaseModel):
    jobs: list[Job]
    next: str | None = None


class Circuit(BaseModel):
    model_config = ConfigDict(populate_by_name=True)
    qubits: int
    one_q_gates: int | None = Field(default=None, alias="1q_gates")
    name: str | None = None


GET_JOBS = Endpoint[JobsPage](
    method="GET",
    path="/jobs",
    response=TypeAdapter(JobsPage),
    params=(
        Param("ids", "query", "ids"),
        Param("targets", "query", "targets", explode=False),
        Param("next", "query", "next"),
    ),
)
GET_JOB = Endpoint[Job](
    method="GET", path="/jobs/{UUID}", response=TypeAdapter(Job), params=(Param("UUID", "path", "uuid"),)
)
CREATE_JOB = Endpoint[Job](
    method="POST",
    path="/jobs",
    response=TypeAdapter(Job),
    body_media_type="application/json",
    idempotent=False,
    creates_job=True,
)
GET_BACKENDS = Endpoint[list[str]](
    method="GET", path="/backends", response=TypeAdapter(list[str]), auth_required=False
)


class ShopClient(SyncAPIClient):
    DEFAULT_BASE_URL = "https://api.invalid/v0"
    API_VERSION = "v0.4"

    def get_jobs(
        self, *, ids: list[str] | None = None, targets: list[str] | None = None, next: str | None = None
    ) -> JobsPage:
        return self._request(GET_JOBS, {"ids": ids, "targets": targets, "next": next})

    def iter_jobs(self) -> Iterator[Job]:
        for page in iter_pages(lambda cursor: self.get_jobs(next=cursor), "next", redact=self._redacted):
            yield from page_items(page, "jobs")

    def get_job(self, uuid: str) -> Job:
        return self._request(GET_JOB, {"uuid": uuid})

    def create_job(self, *, body: Circuit | Mapping[str, Any], validate: bool | None = None) -> Job:
        return self._request(CREATE_JOB, body=body, validate=validate)

    def get_backends(self) -> list[str]:
        return self._request(GET_BACKENDS)

    def wait_for_job(self, job_id: str, *, timeout: float = 60.0) -> Job:
        return wait_for_job(
            lambda: self.get_job(job_id),
            job_id,
            timeout=timeout,
            poll_interval=1.0,
            max_poll_interval=4.0,
            sleep=self.retry.sleep,
            monotonic=self.retry.monotonic,
            redact=self._redacted,
        )


class AsyncShopClient(AsyncAPIClient):
    DEFAULT_BASE_URL = "https://api.invalid/v0"

    async def get_jobs(self, *, next: str | None = None) -> JobsPage:
        return await self._request(GET_JOBS, {"next": next})

    async def iter_jobs(self) -> AsyncIterator[Job]:
        pages = aiter_pages(lambda cursor: self.get_jobs(next=cursor), "next", redact=self._redacted)
        async for page in pages:
            for item in page_items(page, "jobs"):
                yield item

    async def get_job(self, uuid: str) -> Job:
        return await self._request(GET_JOB, {"uuid": uuid})

    async def wait_for_job(self, job_id: str, *, timeout: float = 60.0) -> Job:
        return await async_wait_for_job(
            lambda: self.get_job(job_id),
            job_id,
            timeout=timeout,
            poll_interval=1.0,
            max_poll_interval=4.0,
            sleep=self.retry.async_sleep,
            monotonic=self.retry.monotonic,
            redact=self._redacted,
        )
