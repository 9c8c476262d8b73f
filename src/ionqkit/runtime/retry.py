"""When and how long to wait before re-sending a request.

Exponential backoff with full jitter (delay drawn uniformly from [0, min(max_delay, base * 2**n)])
spreads the retries of many clients hit by the same outage. Only idempotent methods are retried by
default: re-sending a POST /jobs whose response was lost can create, run and bill the job twice, so
that needs an explicit `retry_create=True`.
"""

from __future__ import annotations

import asyncio
import email.utils
import random
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

import httpx

from .encoding import ascii_digits
from .errors import APIStatusError, IonQAPIError, RateLimitError

RETRY_STATUSES = frozenset({429, 502, 503})
IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE", "TRACE"})

# Failures where the server cannot have started (or finished sending) a response. Read timeouts
# are deliberately absent: a server slow to answer is busy, and re-sending only adds load.
RETRY_EXCEPTIONS: tuple[type[Exception], ...] = (
    httpx.ConnectError,
    httpx.ConnectTimeout,
    httpx.RemoteProtocolError,
    httpx.ReadError,
    httpx.WriteError,
)


def parse_retry_after(value: str | None, now: float) -> float | None:
    """Seconds to wait from a Retry-After header: delta-seconds or an HTTP-date (RFC 9110 10.2.3)."""
    if value is None:
        return None
    value = value.strip()
    if ascii_digits(value):
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        return None
    return max(0.0, when.timestamp() - now)


@dataclass(frozen=True)
class RetryPolicy:
    """How a client retries. Every clock and source of randomness is injectable for tests.

    `sleep`, `async_sleep` and `monotonic` are also what wait_for_job uses to pace its polls.
    """

    max_attempts: int = 4
    base_delay: float = 0.5
    max_delay: float = 30.0
    retry_create: bool = False
    statuses: frozenset[int] = RETRY_STATUSES
    sleep: Callable[[float], None] = field(default=time.sleep, repr=False)
    async_sleep: Callable[[float], Awaitable[None]] = field(default=asyncio.sleep, repr=False)
    clock: Callable[[], float] = field(default=time.time, repr=False)  # wall clock, for HTTP-dates
    monotonic: Callable[[], float] = field(default=time.monotonic, repr=False)
    random: Callable[[], float] = field(default=random.random, repr=False)

    def allows(self, method: str, *, idempotent: bool | None = None) -> bool:
        """Whether a request with this method may be sent more than once."""
        if idempotent is None:
            idempotent = method.upper() in IDEMPOTENT_METHODS
        return idempotent or self.retry_create

    def backoff(self, attempt: int) -> float:
        """Full-jitter delay before retry number `attempt` (0-based)."""
        ceiling = min(self.max_delay, self.base_delay * 2.0**attempt)
        return self.random() * ceiling

    def delay_after(self, error: IonQAPIError | Exception, attempt: int) -> float | None:
        """Seconds to wait before the next attempt, or None when `error` must be raised now.

        `attempt` counts the attempts made so far (1 after the first failure).
        """
        if attempt >= self.max_attempts:
            return None
        if isinstance(error, APIStatusError):
            if error.status not in self.statuses:
                return None
            if isinstance(error, RateLimitError) and error.retry_after is not None:
                # Waiting less than the server asked for just earns another 429; waiting longer
                # than max_delay is the caller's call, so hand the error (with retry_after) back.
                if error.retry_after > self.max_delay:
                    return None
                return error.retry_after
            return self.backoff(attempt - 1)
        if isinstance(error, RETRY_EXCEPTIONS):
            return self.backoff(attempt - 1)
        return None


NO_RETRY = RetryPolicy(max_attempts=1)
