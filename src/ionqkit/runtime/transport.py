"""The HTTP layer every generated client inherits: request building, retries, decoding, errors.

A generated client module declares one Endpoint per operation (method, path, parameters, response
type) and its methods call `self._request(endpoint, args, body)`. Everything else - auth, retries,
JSON encoding, error mapping, response validation - lives here, written and tested once.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from types import TracebackType
from typing import Any, Generic, Literal, Self, TypeVar

import httpx
import orjson
from pydantic import TypeAdapter, ValidationError

from ionqkit import __version__

from . import encoding
from .auth import ApiKeyAuth, Secret, redact_headers
from .errors import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    IonQAPIError,
    RateLimitError,
    ResponseDecodeError,
    message_from_body,
    request_id_from,
    status_error_class,
)
from .prevalidate import Linter, check_job_payload, default_linter
from .retry import RETRY_EXCEPTIONS, RetryPolicy, parse_retry_after

T = TypeVar("T")
_E = TypeVar("_E", bound=IonQAPIError)

logger = logging.getLogger("ionqkit.runtime")

ParamLocation = Literal["path", "query", "header", "cookie"]
ResponseKind = Literal["json", "text", "bytes", "none"]

#: How much of a non-JSON error body an exception keeps (HTML error pages can be large).
MAX_ERROR_TEXT = 2000

_RETRYABLE: tuple[type[Exception], ...] = (APIStatusError, *RETRY_EXCEPTIONS)

_PLACEHOLDER = re.compile(r"\{([^{}]+)\}")


@dataclass(frozen=True)
class Param:
    """One parameter of an operation: its wire name and the key of its value in the call's args.

    The two differ when a wire name is not an identifier (`1q_gates`) or is used twice
    (`session_id` in the path and in the query).
    """

    name: str
    location: ParamLocation
    arg: str
    explode: bool = True


@dataclass(frozen=True)
class Endpoint(Generic[T]):
    """Everything the transport needs to know about one operation."""

    method: str  # upper case, e.g. "GET"
    path: str  # template, e.g. "/jobs/{UUID}"
    response: TypeAdapter[T] | None  # None: the success response has no body
    params: tuple[Param, ...] = ()
    response_kind: ResponseKind = "json"
    body_media_type: str | None = None
    auth_required: bool = True
    idempotent: bool = True
    creates_job: bool = False  # the body is a job payload: lint it first, never retry by default

    def __post_init__(self) -> None:
        declared = {param.name for param in self.params if param.location == "path"}
        used = set(_PLACEHOLDER.findall(self.path))
        if declared != used:
            raise ValueError(f"{self.method} {self.path}: placeholders {sorted(used)} != {sorted(declared)}")


class _ClientCore:
    """State and pure helpers shared by the sync and async clients."""

    #: Set by each generated client class from the spec.
    DEFAULT_BASE_URL: str = ""
    API_VERSION: str = ""  # e.g. "v0.4": which rules the pre-submit linter applies
    AUTH_HEADER: str = "Authorization"
    AUTH_PREFIX: str = "apiKey "

    def __init__(
        self,
        api_key: str | Secret | None = None,
        *,
        base_url: str | None = None,
        timeout: float | httpx.Timeout = 60.0,
        retry: RetryPolicy | None = None,
        retry_create: bool | None = None,
        validate: bool = True,
        headers: Mapping[str, str] | None = None,
        linter: Linter | None = None,
    ) -> None:
        self._auth = ApiKeyAuth(api_key, header=self.AUTH_HEADER, prefix=self.AUTH_PREFIX)
        self.base_url = (base_url or self.DEFAULT_BASE_URL).rstrip("/")
        if not self.base_url:
            raise ValueError("no base_url given and the spec declares no server")
        self.timeout = timeout if isinstance(timeout, httpx.Timeout) else httpx.Timeout(timeout)
        policy = retry or RetryPolicy()
        if retry_create is not None:
            policy = replace(policy, retry_create=retry_create)
        self.retry = policy
        self.validate = validate
        self._linter = linter  # None: ionqkit's own linter, looked up when first needed
        self._headers = {"User-Agent": f"ionqkit/{__version__}", "Accept": "application/json"}
        self._headers.update(headers or {})

    def __repr__(self) -> str:
        return f"{type(self).__name__}(base_url={self.base_url!r}, auth={self._auth!r})"

    def _build_request(
        self, endpoint: Endpoint[Any], args: Mapping[str, Any], body: Any, validate: bool | None
    ) -> httpx.Request:
        headers = dict(self._headers)
        query: list[tuple[str, str | int | float | bool | None]] = []
        cookies: list[str] = []
        for param in endpoint.params:
            value = args.get(param.arg)
            if value is None or param.location == "path":
                continue
            if param.location == "query":
                query.extend(encoding.query_pairs(param.name, value, explode=param.explode))
            elif param.location == "header":
                headers[param.name] = encoding.header_value(value)
            else:
                cookies.append(f"{param.name}={encoding.header_value(value)}")
        if cookies:
            headers["Cookie"] = "; ".join(cookies)
        path_values = {
            param.name: args.get(param.arg) for param in endpoint.params if param.location == "path"
        }
        missing = [name for name, value in path_values.items() if value is None]
        if missing:
            raise ValueError(f"{endpoint.method} {endpoint.path}: missing path parameter(s) {missing}")
        url = self.base_url + encoding.expand_path(endpoint.path, path_values)
        content: bytes | None = None
        if body is not None:
            payload = encoding.to_json_ready(body)
            if endpoint.creates_job and (self.validate if validate is None else validate):
                check_job_payload(payload, self._linter or default_linter(self.API_VERSION))
            content = orjson.dumps(payload)
            headers["Content-Type"] = endpoint.body_media_type or "application/json"
        headers.update(self._auth.headers(required=endpoint.auth_required))
        return httpx.Request(endpoint.method, url, params=query, headers=headers, content=content)

    def _may_retry(self, endpoint: Endpoint[Any]) -> bool:
        return self.retry.allows(endpoint.method, idempotent=endpoint.idempotent and not endpoint.creates_job)

    def _next_delay(self, endpoint: Endpoint[Any], error: Exception, attempt: int) -> float | None:
        if not self._may_retry(endpoint):
            return None
        delay = self.retry.delay_after(error, attempt)
        if delay is not None:
            logger.info(
                "retrying %s %s in %.2fs after attempt %d: %s",
                endpoint.method,
                endpoint.path,
                delay,
                attempt,
                type(error).__name__,
            )
        return delay

    def _decode(self, endpoint: Endpoint[T], request: httpx.Request, response: httpx.Response) -> T:
        logger.debug(
            "%s %s -> %d (headers sent: %s)",
            request.method,
            request.url,
            response.status_code,
            redact_headers(request.headers),
        )
        if not response.is_success:
            raise self._status_error(request, response)
        if endpoint.response is None or endpoint.response_kind == "none":
            return None  # type: ignore[return-value]  # Endpoint[None] for body-less responses
        data: Any
        if endpoint.response_kind == "json":
            try:
                data = orjson.loads(response.content)
            except orjson.JSONDecodeError as exc:
                message = f"response body is not valid JSON ({exc})"
                raise self._decode_error(request, response, message) from None
        elif endpoint.response_kind == "text":
            data = response.text
        else:
            data = response.content
        try:
            return endpoint.response.validate_python(data)
        except ValidationError as exc:
            detail = "; ".join(
                f"{'/'.join(str(part) for part in error['loc']) or '<root>'}: {error['msg']}"
                for error in exc.errors(include_url=False, include_input=False)[:5]
            )
            message = f"response does not match the spec ({exc.error_count()} error(s)): {detail}"
            raise self._decode_error(request, response, message) from None

    def _redacted(self, error: _E) -> _E:
        """`error` with the API key masked in its message, body and URL."""
        error.message = self._auth.redact(error.message)
        error.body = self._auth.redact(error.body)
        error.url = self._auth.redact(error.url)
        error.args = (error.message,)
        return error

    def _decode_error(self, request: httpx.Request, response: httpx.Response, message: str) -> IonQAPIError:
        return self._redacted(
            ResponseDecodeError(
                message,
                status=response.status_code,
                request_id=request_id_from(response.headers),
                body=_error_body(response),
                method=request.method,
                url=str(request.url),
            )
        )

    def _status_error(self, request: httpx.Request, response: httpx.Response) -> APIStatusError:
        body = _error_body(response)
        status = response.status_code
        reason = response.reason_phrase or "error"
        detail = message_from_body(body)
        if detail is None:
            content_type = response.headers.get("content-type", "no content type").split(";")[0]
            detail = f"non-JSON error body ({content_type})" if body else "no details"
        cls = status_error_class(status)
        common: dict[str, Any] = {
            "status": status,
            "request_id": request_id_from(response.headers),
            "body": body,
            "method": request.method,
            "url": str(request.url),
        }
        message = f"HTTP {status} {reason}: {detail}"
        if cls is RateLimitError:
            retry_after = parse_retry_after(response.headers.get("retry-after"), self.retry.clock())
            return self._redacted(RateLimitError(message, retry_after=retry_after, **common))
        return self._redacted(cls(message, **common))

    def _connection_error(self, request: httpx.Request, exc: httpx.TransportError) -> APIConnectionError:
        cls = APITimeoutError if isinstance(exc, httpx.TimeoutException) else APIConnectionError
        # str(exc) of an httpx error names the failure, never the request headers.
        return self._redacted(
            cls(f"{type(exc).__name__}: {exc or 'no details'}", method=request.method, url=str(request.url))
        )


def _error_body(response: httpx.Response) -> Any:
    if not response.content:
        return None
    try:
        return orjson.loads(response.content)
    except orjson.JSONDecodeError:
        return response.text[:MAX_ERROR_TEXT]


class SyncAPIClient(_ClientCore):
    """Base of generated sync clients: owns an httpx.Client unless one is passed in."""

    def __init__(
        self,
        api_key: str | Secret | None = None,
        *,
        base_url: str | None = None,
        timeout: float | httpx.Timeout = 60.0,
        retry: RetryPolicy | None = None,
        retry_create: bool | None = None,
        validate: bool = True,
        headers: Mapping[str, str] | None = None,
        linter: Linter | None = None,
        http_client: httpx.Client | None = None,
    ) -> None:
        super().__init__(
            api_key,
            base_url=base_url,
            timeout=timeout,
            retry=retry,
            retry_create=retry_create,
            validate=validate,
            headers=headers,
            linter=linter,
        )
        self._owns_http = http_client is None
        self._http = http_client if http_client is not None else httpx.Client(timeout=self.timeout)

    def _request(
        self,
        endpoint: Endpoint[T],
        args: Mapping[str, Any] | None = None,
        body: Any = None,
        *,
        validate: bool | None = None,
    ) -> T:
        request = self._build_request(endpoint, args or {}, body, validate)
        attempt = 0
        while True:
            attempt += 1
            try:
                response = self._http.send(request)
                return self._decode(endpoint, request, response)
            except _RETRYABLE as exc:
                delay = self._next_delay(endpoint, exc, attempt)
                if delay is None:
                    if isinstance(exc, httpx.TransportError):
                        raise self._connection_error(request, exc) from None
                    raise
            except httpx.TransportError as exc:
                raise self._connection_error(request, exc) from None
            self.retry.sleep(delay)

    def close(self) -> None:
        if self._owns_http:
            self._http.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


class AsyncAPIClient(_ClientCore):
    """Base of generated async clients: owns an httpx.AsyncClient unless one is passed in."""

    def __init__(
        self,
        api_key: str | Secret | None = None,
        *,
        base_url: str | None = None,
        timeout: float | httpx.Timeout = 60.0,
        retry: RetryPolicy | None = None,
        retry_create: bool | None = None,
        validate: bool = True,
        headers: Mapping[str, str] | None = None,
        linter: Linter | None = None,
        http_client: httpx.AsyncClient | None = None,
    ) -> None:
        super().__init__(
            api_key,
            base_url=base_url,
            timeout=timeout,
            retry=retry,
            retry_create=retry_create,
            validate=validate,
            headers=headers,
            linter=linter,
        )
        self._owns_http = http_client is None
        self._http = http_client if http_client is not None else httpx.AsyncClient(timeout=self.timeout)

    async def _request(
        self,
        endpoint: Endpoint[T],
        args: Mapping[str, Any] | None = None,
        body: Any = None,
        *,
        validate: bool | None = None,
    ) -> T:
        request = self._build_request(endpoint, args or {}, body, validate)
        attempt = 0
        while True:
            attempt += 1
            try:
                response = await self._http.send(request)
                return self._decode(endpoint, request, response)
            except _RETRYABLE as exc:
                delay = self._next_delay(endpoint, exc, attempt)
                if delay is None:
                    if isinstance(exc, httpx.TransportError):
                        raise self._connection_error(request, exc) from None
                    raise
            except httpx.TransportError as exc:
                raise self._connection_error(request, exc) from None
            await self.retry.async_sleep(delay)

    async def aclose(self) -> None:
        if self._owns_http:
            await self._http.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()
