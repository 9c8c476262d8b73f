"""wait_for_job: poll a job until it is done, with a growing interval and a hard deadline.

Its errors quote the job the server sent (its failure message, its status), so each goes through
the client's `redact` (the API key masked, as in every other error) before it is raised.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from enum import Enum
from typing import Any, TypeVar

from .errors import JobCanceledError, JobFailedError, WaitTimeoutError
from .pagination import Redact, wire_field

J = TypeVar("J")

#: Statuses after which a job never changes again (v0.3 and v0.4 share these names).
DONE, FAILED, CANCELED = "completed", "failed", "canceled"


def job_status(job: Any) -> str:
    status = wire_field(job, "status")
    if isinstance(status, Enum):
        status = status.value
    return str(status)


class _Schedule:
    """Poll intervals growing by `factor` up to `max_interval`, never sleeping past the deadline."""

    def __init__(self, now: float, timeout: float, interval: float, max_interval: float, factor: float = 1.5):
        if timeout < 0 or interval <= 0:
            raise ValueError("timeout must be >= 0 and poll interval > 0")
        self.deadline = now + timeout
        self.interval = interval
        self.max_interval = max(interval, max_interval)
        self.factor = factor

    def next_sleep(self, now: float) -> float | None:
        """Seconds to sleep before the next poll, or None when the deadline has passed."""
        remaining = self.deadline - now
        if remaining <= 0:
            return None
        delay = min(self.interval, remaining)
        self.interval = min(self.interval * self.factor, self.max_interval)
        return delay


def _settle(job_id: str, job: Any, redact: Redact) -> bool:
    """True when `job` is completed; raises for failed/canceled; False while it still runs."""
    status = job_status(job)
    if status == DONE:
        return True
    if status == FAILED:
        failure = wire_field(job, "failure")
        error = JobFailedError(f"job {job_id} failed: {failure}", job_id=job_id, job=job, failure=failure)
        raise redact(error)
    if status == CANCELED:
        raise redact(JobCanceledError(f"job {job_id} was canceled", job_id=job_id, job=job))
    return False


def _timeout(job_id: str, job: Any, timeout: float) -> WaitTimeoutError:
    status = job_status(job)
    return WaitTimeoutError(
        f"job {job_id} not finished after {timeout:g}s (last status {status!r})",
        job_id=job_id,
        job=job,
        last_status=status,
    )


def wait_for_job(
    fetch: Callable[[], J],
    job_id: str,
    *,
    timeout: float,
    poll_interval: float,
    max_poll_interval: float,
    sleep: Callable[[float], None],
    monotonic: Callable[[], float],
    redact: Redact,
) -> J:
    schedule = _Schedule(monotonic(), timeout, poll_interval, max_poll_interval)
    while True:
        job = fetch()
        if _settle(job_id, job, redact):
            return job
        delay = schedule.next_sleep(monotonic())
        if delay is None:
            raise redact(_timeout(job_id, job, timeout))
        sleep(delay)


async def async_wait_for_job(
    fetch: Callable[[], Awaitable[J]],
    job_id: str,
    *,
    timeout: float,
    poll_interval: float,
    max_poll_interval: float,
    sleep: Callable[[float], Awaitable[None]],
    monotonic: Callable[[], float],
    redact: Redact,
) -> J:
    schedule = _Schedule(monotonic(), timeout, poll_interval, max_poll_interval)
    while True:
        job = await fetch()
        if _settle(job_id, job, redact):
            return job
        delay = schedule.next_sleep(monotonic())
        if delay is None:
            raise redact(_timeout(job_id, job, timeout))
        await sleep(delay)
