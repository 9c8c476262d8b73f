"""The HTTP layer every generated client inherits: request building, retries, decoding, errors.

A generated client module declares one Endpoint per operation (method, path, parameters, response
type) and its methods call `self._request(endpoint, args, body)`. Everything else - auth, retries,
JSON encoding, error mapping, response validation, the per-call deadline and the response size
cap - lives here, written and tested once.

httpx's timeouts bound each read, so a server sending a byte at a time keeps a call alive for as
long as it likes, and httpx reads a whole response into memory. So every response is streamed: the
body is read chunk by chunk, refused once it passes `max_response_bytes`, and the call is stopped
once it has run for `deadline` seconds (checked between chunks; every httpx timeout of an attempt is
also cut to the time left, so a call ends at most about one read timeout past its deadline).

Requests are built by the httpx client in use (`build_request`), so an injected client's base_url,
headers, cookies, query params, auth and event hooks apply; the client's own arguments win where
both say something (see _ClientCore).
"""

from __future__ import annotations

import codecs
import contextlib
import logging
import math
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from types import TracebackType
from typing import Any, Generic, Literal, Self, TypeVar, cast

import anyio
import httpx
import orjson
from pydantic import TypeAdapter, ValidationError

from . import encoding, host
from .auth import ApiKeyAuth, Secret, redact_headers
from .errors import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    DeadlineExceededError,
    IonQAPIError,
    RateLimitError,
    ResponseDecodeError,
    ResponseTooLargeError,
    message_from_body,
    request_id_from,
    status_error_class,
)
from .options import NOT_GIVEN, NotGiven, RequestTimeout, as_timeout, check_headers
from .prevalidate import Linter, check_job_payload, default_linter
from .response import APIResponse, take_raw_mark
from .retry import RETRY_EXCEPTIONS, RetryPolicy, parse_retry_after

T = TypeVar("T")
_E = TypeVar("_E", bound=IonQAPIError)

logger = logging.getLogger(__name__.rpartition(".")[0])  # "ionqkit.runtime", or a standalone copy's

ParamLocation = Literal["path", "query", "header", "cookie"]
ResponseKind = Literal["json", "text", "bytes", "none"]

#: How much of a non-JSON error body an exception keeps (HTML error pages can be large).
MAX_ERROR_TEXT = 2000

#: The default `max_response_bytes`: far above any IonQ response (a job's results for thousands of
#: circuits are a few MB), far below what would hurt. Counted after Content-Encoding is undone.
MAX_RESPONSE_BYTES = 64 * 1024 * 1024

#: The default `deadline` of a call is its timeout (the longest of httpx's connect, read, write and
#: pool timeouts) times this: room for a retry or two, not for a server trickling its answer.
DEADLINE_FACTOR = 3.0

#: The timeout of a client that is given none and builds its own httpx client.
DEFAULT_TIMEOUT = 60.0

#: Values httpx puts in every client's headers by itself: not a choice made by whoever built an
#: injected client, so the client's own defaults replace them.
_HTTPX_DEFAULT_HEADERS = {"user-agent": f"python-httpx/{httpx.__version__}", "accept": "*/*"}

_RETRYABLE: tuple[type[Exception], ...] = (APIStatusError, *RETRY_EXCEPTIONS)

#: The validation context responses are decoded under: generated models keep unknown fields and
#: string-enum values under it (codegen/open_responses.py writes the models' side of this).
RESPONSE_CONTEXT: dict[str, Any] = {"response": True}

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


@dataclass
class _Call:
    """One call in progress: what every attempt of it shares."""

    endpoint: Endpoint[Any]
    request: httpx.Request
    timeout: httpx.Timeout  # httpx's per-phase timeouts for this call
    deadline: float  # the most seconds the call may take (math.inf: no limit)
    until: float  # the monotonic time by which it must be done
    attempt: int = 0


class _ClientCore:
    """State and pure helpers shared by the sync and async clients.

    Arguments of every client: `api_key` (else IONQ_API_KEY); `base_url` (else the spec's first
    server); `timeout`, httpx's per-phase timeouts (connect, read, write, pool; a number sets all
    four, None turns them off; default 60 s); `deadline`, the most seconds one call may take, every
    attempt and wait included (default DEADLINE_FACTOR x the longest timeout; `math.inf` turns it
    off); `max_response_bytes`, the largest response body read (default MAX_RESPONSE_BYTES);
    `retry` and `retry_create`, the RetryPolicy; `validate`, whether job payloads are linted
    before they are sent, and `linter`, what lints them (default: ionqkit's linter; a standalone
    package has none, so it lints only with one given here, e.g. `ionqkit.validators.lint`);
    `headers`, sent with every request; `http_client`, an httpx client to send with instead of the
    client's own.

    An injected `http_client` keeps its settings: requests go to its `base_url`, carry its
    headers, cookies and query params, pass through its auth, transport and event hooks, and use
    its timeouts. Where the client's own arguments say something too, they win: an explicit
    `base_url`, `timeout` or `headers` entry replaces the injected one. Its `Authorization`
    header (the spec's auth header) is used as the key when no `api_key` is given, before
    IONQ_API_KEY, and masked like any key. The spec's default base URL is used only when neither
    says where to go. The client never closes an injected httpx client.

    The API key travels only in `api_key` (or IONQ_API_KEY, or the injected client's auth
    header): `headers` and the per-call `extra_headers` refuse the auth header, so no key goes out
    unmasked and none is silently replaced.
    """

    #: Set by each generated client class from the spec.
    DEFAULT_BASE_URL: str = ""
    API_VERSION: str = ""  # e.g. "v0.4": which rules the pre-submit linter applies
    AUTH_HEADER: str = "Authorization"
    AUTH_PREFIX: str = "apiKey "

    _http: httpx.Client | httpx.AsyncClient

    def __init__(
        self,
        api_key: str | Secret | None = None,
        *,
        base_url: str | None = None,
        timeout: RequestTimeout | NotGiven = NOT_GIVEN,
        retry: RetryPolicy | None = None,
        retry_create: bool | None = None,
        validate: bool = True,
        headers: Mapping[str, str] | None = None,
        linter: Linter | None = None,
        max_response_bytes: int = MAX_RESPONSE_BYTES,
        deadline: float | None = None,
        http_client: httpx.Client | httpx.AsyncClient | None = None,
    ) -> None:
        check_headers(headers, self.AUTH_HEADER, "headers")
        self._auth = self._make_auth(api_key, http_client)
        self._auth.guard_logs_while(self)
        injected_url = str(http_client.base_url) if http_client is not None else ""
        self.base_url = (base_url or injected_url or self.DEFAULT_BASE_URL).rstrip("/")
        if not self.base_url:
            raise ValueError("no base_url given and the spec declares no server")
        if not isinstance(timeout, NotGiven):
            self.timeout = as_timeout(timeout)
        elif http_client is not None:
            self.timeout = http_client.timeout
        else:
            self.timeout = httpx.Timeout(DEFAULT_TIMEOUT)
        policy = retry or RetryPolicy()
        if retry_create is not None:
            policy = replace(policy, retry_create=retry_create)
        self.retry = policy
        self.validate = validate
        self._linter = linter  # None: the host's linter (runtime/host.py), looked up when first needed
        self._defaults = {"User-Agent": host.USER_AGENT, "Accept": "application/json"}
        self._headers = dict(headers or {})
        if max_response_bytes < 1:
            raise ValueError(f"max_response_bytes must be at least 1, not {max_response_bytes}")
        self.max_response_bytes = max_response_bytes
        self._deadline_given = deadline is not None
        self.deadline = self._default_deadline(self.timeout) if deadline is None else deadline
        if not self.deadline > 0:
            raise ValueError(f"deadline must be a positive number of seconds, not {self.deadline}")

    def _make_auth(
        self, api_key: str | Secret | None, http_client: httpx.Client | httpx.AsyncClient | None
    ) -> ApiKeyAuth:
        prefix = self.AUTH_PREFIX
        injected = http_client.headers.get(self.AUTH_HEADER) if http_client is not None else None
        if api_key is None and injected and injected.strip():
            # The key the injected client was built to send: ours now, so that it is masked too.
            # A value without the usual prefix ("Bearer ...") is sent exactly as it was given.
            if injected.startswith(prefix):
                injected = injected[len(prefix) :]
            else:
                prefix = ""
            api_key = Secret(injected)
        return ApiKeyAuth(api_key, header=self.AUTH_HEADER, prefix=prefix)

    @staticmethod
    def _default_deadline(timeout: httpx.Timeout) -> float:
        phases = [value for value in timeout.as_dict().values() if value is not None]
        return DEADLINE_FACTOR * max(phases) if phases else math.inf

    def __repr__(self) -> str:
        return f"{type(self).__name__}(base_url={self.base_url!r}, auth={self._auth!r})"

    def _headers_for(self, endpoint: Endpoint[Any], extra_headers: Mapping[str, str] | None) -> httpx.Headers:
        """Headers of one request, lowest precedence first; the injected client's own headers are
        merged beneath these by build_request."""
        check_headers(extra_headers, self.AUTH_HEADER, "extra_headers")
        headers = httpx.Headers()
        injected = self._http.headers
        for name, value in self._defaults.items():
            theirs = injected.get(name)
            if theirs is None or theirs == _HTTPX_DEFAULT_HEADERS.get(name.lower()):
                headers[name] = value
        headers.update(self._headers)
        return headers

    def _start_call(
        self,
        endpoint: Endpoint[Any],
        args: Mapping[str, Any],
        body: Any,
        *,
        validate: bool | None,
        timeout: RequestTimeout | NotGiven,
        extra_headers: Mapping[str, str] | None,
    ) -> _Call:
        headers = self._headers_for(endpoint, extra_headers)
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
        headers.update(extra_headers or {})
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
        if isinstance(timeout, NotGiven):
            call_timeout, seconds = self.timeout, self.deadline
        else:
            call_timeout = as_timeout(timeout)
            # A client-wide deadline someone chose holds for every call; the default one follows
            # the timeout in force, so a call given a longer timeout is not cut short by it.
            seconds = self.deadline if self._deadline_given else self._default_deadline(call_timeout)
        request = self._http.build_request(
            endpoint.method, url, params=query, headers=headers, content=content, timeout=call_timeout
        )
        return _Call(endpoint, request, call_timeout, seconds, self.retry.monotonic() + seconds)

    def _may_retry(self, endpoint: Endpoint[Any]) -> bool:
        return self.retry.allows(endpoint.method, idempotent=endpoint.idempotent and not endpoint.creates_job)

    def _next_delay(self, call: _Call, error: Exception) -> float | None:
        endpoint = call.endpoint
        if not self._may_retry(endpoint):
            return None
        delay = self.retry.delay_after(error, call.attempt)
        if delay is not None and self.retry.monotonic() + delay >= call.until:
            # The error in hand says more than a deadline error after a wait that cannot help.
            return None
        if delay is not None:
            logger.info(
                "retrying %s %s in %.2fs after attempt %d: %s",
                endpoint.method,
                endpoint.path,
                delay,
                call.attempt,
                type(error).__name__,
            )
        return delay

    def _arm(self, call: _Call) -> None:
        """Cut every httpx timeout of the next attempt to the time left before the deadline."""
        if math.isinf(call.until):
            return
        left = call.until - self.retry.monotonic()
        if left <= 0:
            raise self._deadline_error(call, None)
        phases = call.timeout.as_dict().items()
        timeouts = {phase: left if value is None else min(value, left) for phase, value in phases}
        call.request.extensions = {**call.request.extensions, "timeout": timeouts}

    def _check_declared_size(self, call: _Call, response: httpx.Response) -> None:
        declared = response.headers.get("content-length", "").strip()
        if encoding.ascii_digits(declared) and int(declared) > self.max_response_bytes:
            raise self._too_large(call, response, f"Content-Length {declared}, over")

    def _check_progress(self, call: _Call, response: httpx.Response, size: int) -> None:
        """Called after each chunk of a body: refuse it past the size cap or the deadline."""
        if size > self.max_response_bytes:
            raise self._too_large(call, response, "more than")
        if self.retry.monotonic() > call.until:
            raise self._deadline_error(call, response)

    def _deadline_error(self, call: _Call, response: httpx.Response | None) -> DeadlineExceededError:
        request = call.request
        return self._redacted(
            DeadlineExceededError(
                f"no complete response within the {call.deadline:g}s deadline for this call",
                deadline=call.deadline,
                status=None if response is None else response.status_code,
                request_id=None if response is None else request_id_from(response.headers),
                method=request.method,
                url=str(request.url),
            )
        )

    def _too_large(self, call: _Call, response: httpx.Response, seen: str) -> ResponseTooLargeError:
        return self._redacted(
            ResponseTooLargeError(
                f"response body too large: {seen} the limit of {self.max_response_bytes} bytes"
                " (max_response_bytes); not read further",
                limit=self.max_response_bytes,
                status=response.status_code,
                request_id=request_id_from(response.headers),
                method=call.request.method,
                url=str(call.request.url),
            )
        )

    def _failed(self, call: _Call, exc: httpx.HTTPError) -> IonQAPIError:
        """The typed error for an httpx failure the retry policy gave up on (or does not retry)."""
        request = call.request
        if isinstance(exc, httpx.TimeoutException) and self.retry.monotonic() >= call.until:
            return self._deadline_error(call, None)
        if isinstance(exc, httpx.DecodingError):
            return self._redacted(
                ResponseDecodeError(
                    f"response body could not be decoded ({exc})", method=request.method, url=str(request.url)
                )
            )
        return self._connection_error(request, exc)

    def _scrub(self, request: httpx.Request, error: BaseException) -> None:
        """Mask the key in the headers of `request`, of every request an httpx exception in
        `error`'s chain holds, and in those exceptions' messages: callers and error reporters walk
        __context__ and read .request."""
        requests = [request]
        for link in _exception_chain(error):
            if not isinstance(link, IonQAPIError):  # ours are masked when built
                # httpx, httpcore and h11 errors can quote what the server sent.
                link.args = tuple(self._auth.redact(arg) for arg in link.args)
            if isinstance(link, httpx.RequestError):
                with contextlib.suppress(RuntimeError):  # raised before a request was attached
                    requests.append(link.request)
        for each in requests:
            for name, value in list(each.headers.items()):
                masked = self._auth.redact(value)
                if masked != value:
                    each.headers[name] = masked

    def _check_status(self, call: _Call, response: httpx.Response, content: bytes | bytearray) -> None:
        request = call.request
        logger.debug(
            "%s %s -> %d (headers sent: %s)",
            request.method,
            request.url,
            response.status_code,
            redact_headers(request.headers),
        )
        if not response.is_success:
            raise self._status_error(request, response, content)

    def _result(self, call: _Call, response: httpx.Response, content: bytearray, raw: bool) -> Any:
        """What the method returns: the decoded body, or (through with_raw_response) an
        APIResponse whose parse() decodes it."""
        if not raw:
            return self._decode(call, response, content)
        data = bytes(content)
        return APIResponse(
            response,
            data,
            method=call.request.method,
            url=self._auth.redact(str(call.request.url)),
            retries_taken=call.attempt - 1,
            parse=lambda: self._decode(call, response, data),
        )

    def _decode(self, call: _Call, response: httpx.Response, content: bytes | bytearray) -> Any:
        endpoint = call.endpoint
        if endpoint.response is None or endpoint.response_kind == "none":
            return None
        # Each problem is raised after its except block: chained there, the orjson error (its
        # .doc) or the pydantic error (its input_value) would carry the body, and any key a server
        # echoed into it, unmasked.
        problem = None
        data: Any = None
        if endpoint.response_kind == "json":
            try:
                data = orjson.loads(content)
            except orjson.JSONDecodeError as exc:
                problem = f"response body is not valid JSON ({exc})"
        elif endpoint.response_kind == "text":
            data = _text(response, content)
        else:
            data = bytes(content)
        if problem is None:
            try:
                # Leniently: a field or enum value the spec does not know yet is kept, not refused
                # (the generated models' SpecModel/SpecEnum read this context; requests stay strict).
                return endpoint.response.validate_python(data, context=RESPONSE_CONTEXT)
            except ValidationError as exc:
                detail = "; ".join(
                    f"{'/'.join(str(part) for part in error['loc']) or '<root>'}: {error['msg']}"
                    for error in exc.errors(include_url=False, include_input=False)[:5]
                )
                problem = f"response does not match the spec ({exc.error_count()} error(s)): {detail}"
        raise self._decode_error(call.request, response, content, problem)

    def _redacted(self, error: _E) -> _E:
        """`error` with the API key masked in every attribute (message, body, URL, request id...).

        Generated code passes it to the pagination and polling helpers too, whose errors quote
        what a server sent (a cursor, a job's failure)."""
        for name, value in vars(error).items():
            setattr(error, name, self._auth.redact(value))
        error.args = (error.message,)
        return error

    def _error_body(self, response: httpx.Response, content: bytes | bytearray) -> Any:
        if not content:
            return None
        try:
            return orjson.loads(content)
        except orjson.JSONDecodeError:
            # Decode only what can reach the cut (4 bytes a character at most), with room beyond
            # it so that a key straddling the cut is whole when it is masked.
            head = content[: 4 * (MAX_ERROR_TEXT + 1024)]
            return self._auth.clip(_text(response, head), MAX_ERROR_TEXT)

    def _decode_error(
        self, request: httpx.Request, response: httpx.Response, content: bytes | bytearray, message: str
    ) -> IonQAPIError:
        return self._redacted(
            ResponseDecodeError(
                message,
                status=response.status_code,
                request_id=request_id_from(response.headers),
                body=self._error_body(response, content),
                method=request.method,
                url=str(request.url),
            )
        )

    def _status_error(
        self, request: httpx.Request, response: httpx.Response, content: bytes | bytearray
    ) -> APIStatusError:
        body = self._error_body(response, content)
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

    def _connection_error(self, request: httpx.Request, exc: httpx.HTTPError) -> APIConnectionError:
        cls = APITimeoutError if isinstance(exc, httpx.TimeoutException) else APIConnectionError
        # str(exc) of an httpx error names the failure, never the request headers.
        return self._redacted(
            cls(f"{type(exc).__name__}: {exc or 'no details'}", method=request.method, url=str(request.url))
        )


def _text(response: httpx.Response, content: bytes | bytearray) -> str:
    charset = response.charset_encoding or "utf-8"
    try:
        codecs.lookup(charset)
    except LookupError:
        charset = "utf-8"
    return content.decode(charset, errors="replace")


def _exception_chain(error: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    pending: list[BaseException | None] = [error]
    while pending:
        link = pending.pop()
        if link is not None and id(link) not in seen:
            seen.add(id(link))
            yield link
            pending += [link.__cause__, link.__context__]


class SyncAPIClient(_ClientCore):
    """Base of generated sync clients: owns an httpx.Client unless one is passed in."""

    _http: httpx.Client

    def __init__(
        self,
        api_key: str | Secret | None = None,
        *,
        base_url: str | None = None,
        timeout: RequestTimeout | NotGiven = NOT_GIVEN,
        retry: RetryPolicy | None = None,
        retry_create: bool | None = None,
        validate: bool = True,
        headers: Mapping[str, str] | None = None,
        linter: Linter | None = None,
        http_client: httpx.Client | None = None,
        deadline: float | None = None,
        max_response_bytes: int = MAX_RESPONSE_BYTES,
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
            max_response_bytes=max_response_bytes,
            deadline=deadline,
            http_client=http_client,
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
        timeout: RequestTimeout | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
    ) -> T:
        raw = take_raw_mark()
        call = self._start_call(
            endpoint, args or {}, body, validate=validate, timeout=timeout, extra_headers=extra_headers
        )
        try:
            response, content = self._attempts(call)
            return cast(T, self._result(call, response, content, raw))
        except BaseException as error:
            self._scrub(call.request, error)
            raise

    def _attempts(self, call: _Call) -> tuple[httpx.Response, bytearray]:
        while True:
            call.attempt += 1
            try:
                self._arm(call)
                response = self._http.send(call.request, stream=True)
                try:
                    content = self._read(call, response)
                finally:
                    response.close()
                self._check_status(call, response, content)
                return response, content
            except _RETRYABLE as exc:
                delay = self._next_delay(call, exc)
                if delay is None:
                    if isinstance(exc, httpx.HTTPError):
                        raise self._failed(call, exc) from None
                    raise
            except httpx.HTTPError as exc:
                raise self._failed(call, exc) from None
            self.retry.sleep(delay)

    def _read(self, call: _Call, response: httpx.Response) -> bytearray:
        self._check_declared_size(call, response)
        content = bytearray()
        for chunk in response.iter_bytes():
            content += chunk
            self._check_progress(call, response, len(content))
        return content

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

    _http: httpx.AsyncClient

    def __init__(
        self,
        api_key: str | Secret | None = None,
        *,
        base_url: str | None = None,
        timeout: RequestTimeout | NotGiven = NOT_GIVEN,
        retry: RetryPolicy | None = None,
        retry_create: bool | None = None,
        validate: bool = True,
        headers: Mapping[str, str] | None = None,
        linter: Linter | None = None,
        http_client: httpx.AsyncClient | None = None,
        deadline: float | None = None,
        max_response_bytes: int = MAX_RESPONSE_BYTES,
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
            max_response_bytes=max_response_bytes,
            deadline=deadline,
            http_client=http_client,
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
        timeout: RequestTimeout | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
    ) -> T:
        raw = take_raw_mark()
        call = self._start_call(
            endpoint, args or {}, body, validate=validate, timeout=timeout, extra_headers=extra_headers
        )
        try:
            response, content = await self._attempts(call)
            return cast(T, self._result(call, response, content, raw))
        except BaseException as error:
            self._scrub(call.request, error)
            raise

    async def _attempts(self, call: _Call) -> tuple[httpx.Response, bytearray]:
        while True:
            call.attempt += 1
            try:
                self._arm(call)
                response, content = await self._exchange(call)
                self._check_status(call, response, content)
                return response, content
            except _RETRYABLE as exc:
                delay = self._next_delay(call, exc)
                if delay is None:
                    if isinstance(exc, httpx.HTTPError):
                        raise self._failed(call, exc) from None
                    raise
            except httpx.HTTPError as exc:
                raise self._failed(call, exc) from None
            await self.retry.async_sleep(delay)

    async def _exchange(self, call: _Call) -> tuple[httpx.Response, bytearray]:
        """Send the call's request and read its response's body, all within the deadline.

        Under async the deadline is also a cancel scope around the whole exchange, so it holds
        while the response headers arrive too, however slowly (the sync client checks it only
        between chunks of the body).
        """
        left = call.until - self.retry.monotonic()
        response = None
        try:
            with anyio.fail_after(None if math.isinf(left) else max(left, 0.0)):
                response = await self._http.send(call.request, stream=True)
                content = await self._read(call, response)
        except TimeoutError:  # the scope's, not httpx's (whose timeouts are not TimeoutError)
            raise self._deadline_error(call, response) from None
        finally:
            if response is not None:
                await response.aclose()  # outside the cancelled scope, so that it can finish
        return response, content

    async def _read(self, call: _Call, response: httpx.Response) -> bytearray:
        self._check_declared_size(call, response)
        content = bytearray()
        async for chunk in response.aiter_bytes():
            content += chunk
            self._check_progress(call, response, len(content))
        return content

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
