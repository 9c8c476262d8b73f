"""Raw response access: `client.with_raw_response.get_job(...)` returns an APIResponse.

The generated `with_raw_response` view wraps each operation method with to_raw_response (or
async_to_raw_response). The wrapper marks the call through a context variable; the transport sees
the mark, reads the response as usual (same retries, deadline, size cap and error mapping: an
error status still raises), and hands back the status, headers and body with the decoding left to
`.parse()`. So a body that does not match the spec can still be looked at, and the method
signatures, typed once, serve both views.
"""

from __future__ import annotations

import codecs
import functools
from collections.abc import Awaitable, Callable
from contextvars import ContextVar
from datetime import timedelta
from typing import Any, Generic, ParamSpec, TypeVar

import httpx
import orjson

from .errors import request_id_from

T = TypeVar("T")
P = ParamSpec("P")

__all__ = ["APIResponse", "async_to_raw_response", "to_raw_response"]

_RAW: ContextVar[bool] = ContextVar("ionqkit_raw_response", default=False)

_UNPARSED: Any = object()


def take_raw_mark() -> bool:
    """True when the current call came through a raw-response wrapper (and clears the mark, so
    that a request the call makes on the way cannot take it)."""
    if not _RAW.get():
        return False
    _RAW.set(False)
    return True


class APIResponse(Generic[T]):
    """A success response, read in full, before it is decoded into the model.

    `status_code`, `reason_phrase`, `headers`, `http_version`, `elapsed`, `method`, `url`,
    `content`, `retries_taken` and `request_id` describe what arrived; `text` and `json()` read
    the body; `parse()` decodes it as the method would have (raising ResponseDecodeError if it
    does not match the spec) and caches the result. The request, which carries the API key, is
    not kept.
    """

    def __init__(
        self,
        response: httpx.Response,
        content: bytes,
        *,
        method: str,
        url: str,
        retries_taken: int,
        parse: Callable[[], T],
    ) -> None:
        self.status_code = response.status_code
        self.reason_phrase = response.reason_phrase
        self.headers = response.headers
        self.http_version = response.http_version
        try:
            self.elapsed: timedelta = response.elapsed
        except RuntimeError:  # httpx records no time for a response built in memory (MockTransport)
            self.elapsed = timedelta(0)
        self.encoding = response.charset_encoding
        self.method = method
        self.url = url
        self.content = content
        self.retries_taken = retries_taken
        self._parse = parse
        self._parsed: T = _UNPARSED

    @property
    def request_id(self) -> str | None:
        """The id the server gave this request (for support tickets), if it sent one."""
        return request_id_from(self.headers)

    @property
    def text(self) -> str:
        charset = self.encoding or "utf-8"
        try:
            codecs.lookup(charset)
        except LookupError:
            charset = "utf-8"
        return self.content.decode(charset, errors="replace")

    def json(self) -> Any:
        return orjson.loads(self.content)

    def parse(self) -> T:
        """The body decoded into the method's return type (cached after the first call)."""
        if self._parsed is _UNPARSED:
            self._parsed = self._parse()
        return self._parsed

    def __repr__(self) -> str:
        return f"<APIResponse [{self.status_code} {self.reason_phrase}] {self.method} {self.url}>"


def _checked(result: object, method: Callable[..., Any]) -> APIResponse[Any]:
    if not isinstance(result, APIResponse):
        name = getattr(method, "__qualname__", repr(method))
        raise TypeError(f"{name} did not send its request through the client's _request")
    return result


def to_raw_response(method: Callable[P, T]) -> Callable[P, APIResponse[T]]:
    """`method` (a bound operation method of a sync client) returning an APIResponse instead."""

    @functools.wraps(method)
    def call(*args: P.args, **kwargs: P.kwargs) -> APIResponse[T]:
        token = _RAW.set(True)
        try:
            return _checked(method(*args, **kwargs), method)
        finally:
            _RAW.reset(token)

    return call


def async_to_raw_response(method: Callable[P, Awaitable[T]]) -> Callable[P, Awaitable[APIResponse[T]]]:
    """`method` (a bound operation method of an async client) returning an APIResponse instead."""

    @functools.wraps(method)
    async def call(*args: P.args, **kwargs: P.kwargs) -> APIResponse[T]:
        # Set inside the coroutine: the mark lives in the context of the task that awaits it.
        token = _RAW.set(True)
        try:
            return _checked(await method(*args, **kwargs), method)
        finally:
            _RAW.reset(token)

    return call
