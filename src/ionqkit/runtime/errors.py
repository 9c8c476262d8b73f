"""The errors a generated client raises: one hierarchy rooted at IonQAPIError.

Every error carries what a caller needs to react or report: the HTTP status (None when no response
arrived), the request id the server assigned (for support tickets), the server's error body (parsed
JSON when it was JSON, else its text) and the redacted request line. Nothing here ever holds the
API key: request information is redacted before an error is built (see auth.redact_headers).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

#: Response headers that carry a request id, most specific first.
REQUEST_ID_HEADERS = ("x-request-id", "request-id", "x-amzn-requestid", "x-amz-cf-id")


class IonQAPIError(Exception):
    """Root of every error a generated client raises."""

    def __init__(
        self,
        message: str,
        *,
        status: int | None = None,
        request_id: str | None = None,
        body: Any = None,
        method: str | None = None,
        url: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.status = status
        self.request_id = request_id
        self.body = body
        self.method = method
        self.url = url

    def __str__(self) -> str:
        parts = [self.message]
        if self.method and self.url:
            parts.append(f"[{self.method} {self.url}]")
        if self.request_id:
            parts.append(f"(request id {self.request_id})")
        return " ".join(parts)


class APIStatusError(IonQAPIError):
    """The server answered with an error status (one without a more specific class below)."""


class BadRequestError(APIStatusError):
    """400: the server rejected the request as malformed or invalid."""


class AuthenticationError(APIStatusError):
    """401: the server did not accept the API key."""


class MissingAPIKeyError(AuthenticationError):
    """The operation needs an API key and none was given (argument or IONQ_API_KEY); nothing was sent."""


class PermissionDeniedError(APIStatusError):
    """403: the key is valid but may not do this."""


class NotFoundError(APIStatusError):
    """404: no such resource (or not visible to this key)."""


class RateLimitError(APIStatusError):
    """429: too many requests; `retry_after` is the server's wait hint in seconds, if it gave one."""

    def __init__(self, message: str, *, retry_after: float | None = None, **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        self.retry_after = retry_after


class ServerError(APIStatusError):
    """5xx: the server (or a proxy in front of it) failed."""


class ResponseDecodeError(IonQAPIError):
    """A success response whose body is not what the spec declares (not JSON, or the wrong shape)."""


class APIConnectionError(IonQAPIError):
    """No usable response arrived: DNS, connect, TLS or protocol failure."""


class APITimeoutError(APIConnectionError):
    """The request did not complete within the configured timeout."""


class DeadlineExceededError(APITimeoutError):
    """The call (every attempt, and the waits between them) did not finish within the client's
    `deadline` seconds: httpx's timeouts bound each read, not a response trickled byte by byte.
    `status` is set when the response headers arrived but the body did not, in time."""

    def __init__(self, message: str, *, deadline: float, **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        self.deadline = deadline


class ResponseTooLargeError(IonQAPIError):
    """The response body is larger than the client's `max_response_bytes` (`limit`); the client
    stopped reading there, so no body is kept."""

    def __init__(self, message: str, *, limit: int, **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        self.limit = limit


class PayloadValidationError(IonQAPIError):
    """ionqkit's linter found errors in a job payload; nothing was sent."""

    def __init__(self, findings: Sequence[Any]) -> None:
        lines = [str(finding) for finding in findings]
        summary = f"job payload has {len(lines)} error(s); nothing was sent"
        super().__init__("\n  ".join([summary, *lines]))
        self.findings = tuple(findings)


class JobError(IonQAPIError):
    """A job reached a state wait_for_job cannot return: carries the last job seen."""

    def __init__(self, message: str, *, job_id: str, job: Any = None, failure: Any = None) -> None:
        super().__init__(message, body=failure)
        self.job_id = job_id
        self.job = job
        self.failure = failure


class JobFailedError(JobError):
    """The job ended with status `failed`; `failure` is the job's failure object."""


class JobCanceledError(JobError):
    """The job ended with status `canceled`."""


class WaitTimeoutError(JobError):
    """wait_for_job gave up before the job finished; `status` of the last poll is in `last_status`."""

    def __init__(self, message: str, *, job_id: str, job: Any = None, last_status: str | None = None) -> None:
        super().__init__(message, job_id=job_id, job=job)
        self.last_status = last_status


_BY_STATUS: Mapping[int, type[APIStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    429: RateLimitError,
}


def status_error_class(status: int) -> type[APIStatusError]:
    """The error class for an HTTP status; statuses without their own class map to APIStatusError."""
    if status >= 500:
        return ServerError
    return _BY_STATUS.get(status, APIStatusError)


def request_id_from(headers: Mapping[str, str]) -> str | None:
    lowered = {key.lower(): value for key, value in headers.items()}
    for name in REQUEST_ID_HEADERS:
        if name in lowered:
            return lowered[name]
    return None


def message_from_body(body: Any) -> str | None:
    """The human message in an error body: IonQ uses {"error", "message"}; proxies send text."""
    if isinstance(body, Mapping):
        for key in ("message", "error", "detail"):
            value = body.get(key)
            if isinstance(value, str) and value:
                return value
            if isinstance(value, Mapping):
                nested = message_from_body(value)
                if nested:
                    return nested
    return None
