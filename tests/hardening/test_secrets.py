"""The API key, or any 8-character-or-longer start of it, never shows: not in an error built from a
body cut to MAX_ERROR_TEXT (issue 10 item 8), not in any log record from any logger at any level,
and not in the httpx exceptions an error chains (item 9), even against a server that echoes the key
back in its headers, its body and its request id."""

from __future__ import annotations

import asyncio
import gc
import json
import logging
import traceback
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler

import httpx
import pytest

from ionqkit.generated import ionq_v0_4
from ionqkit.runtime import APIConnectionError, IonQAPIError, ResponseDecodeError, ServerError
from ionqkit.runtime.masking import mask
from ionqkit.runtime.retry import NO_RETRY
from ionqkit.runtime.transport import MAX_ERROR_TEXT

from .loopback_http import send, serve

KEY = "sk-SECRET123"
FRAGMENT = KEY[:8]  # the shortest start of the key that must never show
HEADER = f"apiKey {KEY}"


def texts_of(error: BaseException) -> list[str]:
    """Everything a caller, a traceback printer or an error reporter can read off an error."""
    texts = [str(error), repr(error), "".join(traceback.format_exception(error))]
    texts += [repr(value) for value in vars(error).values()]
    return texts


def chain(error: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    pending: list[BaseException | None] = [error]
    while pending:
        current = pending.pop()
        if current is None or id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        pending += [current.__cause__, current.__context__]


def assert_no_key_in_chain(error: BaseException) -> None:
    """No exception reachable through __cause__/__context__ carries a request holding the key."""
    for link in chain(error):
        request = getattr(link, "_request", None)
        if isinstance(request, httpx.Request):
            for value in request.headers.values():
                assert FRAGMENT not in value, f"{type(link).__name__}.request.headers leaks the key"
        for text in texts_of(link):
            assert FRAGMENT not in text


def client(url: str) -> ionq_v0_4.Client:
    return ionq_v0_4.Client(KEY, base_url=url, retry=NO_RETRY)


# --- item 8: mask first, then cut, then mask the fragment the cut left -------------------------


@pytest.mark.parametrize("into_key", range(1, len(KEY)))
def test_a_key_cut_anywhere_by_the_error_text_limit_leaves_no_fragment(into_key: int) -> None:
    # The body's 2,000th character falls `into_key` characters into the key. Masked before the
    # cut, no fragment survives at all, not even one shorter than the 8 characters masking needs.
    pad = "x" * (MAX_ERROR_TEXT - len("apiKey ") - into_key)
    tail = " and more text after it"
    page = f"{pad}apiKey {KEY}{tail}"

    def respond(handler: BaseHTTPRequestHandler) -> None:
        send(handler, 500, page.encode(), {"Content-Type": "text/html"})

    with serve(respond) as url, client(url) as api, pytest.raises(ServerError) as caught:
        api.get_job("j1")
    assert caught.value.body == f"{pad}apiKey <redacted>{tail}"[:MAX_ERROR_TEXT]
    for text in texts_of(caught.value):
        assert FRAGMENT not in text


def test_a_start_of_the_key_is_masked_wherever_it_appears() -> None:
    # A server (or proxy) that truncates its own echo sends a fragment, not the key.
    body = {"message": f"bad key {KEY[:9]}...", "seen": [f"apiKey {KEY[:8]}"], FRAGMENT: 1}

    def respond(handler: BaseHTTPRequestHandler) -> None:
        send(handler, 401, json.dumps(body).encode(), {"Content-Type": "application/json"})

    with serve(respond) as url, client(url) as api, pytest.raises(IonQAPIError) as caught:
        api.get_job("j1")
    for text in texts_of(caught.value):
        assert FRAGMENT not in text
    masked = {"message": "bad key <redacted>...", "seen": ["apiKey <redacted>"], "<redacted>": 1}
    assert caught.value.body == masked


def test_masking_keeps_short_fragments_and_ordinary_text() -> None:
    assert mask(f"a {KEY} b", KEY) == "a <redacted> b"
    assert mask(f"{KEY[:7]} is not enough to matter", KEY) == f"{KEY[:7]} is not enough to matter"
    assert mask(f"{KEY}{KEY}x{KEY[:10]}", KEY) == "<redacted><redacted>x<redacted>"
    assert mask("abc", "ab") == "abc"  # keys this short are not masked: they would mangle any text


def test_a_request_id_that_echoes_the_key_is_masked() -> None:
    def respond(handler: BaseHTTPRequestHandler) -> None:
        send(handler, 500, b"{}", {"Content-Type": "application/json", "X-Request-Id": KEY})

    with serve(respond) as url, client(url) as api, pytest.raises(ServerError) as caught:
        api.get_job("j1")
    assert caught.value.request_id == "<redacted>"
    for text in texts_of(caught.value):
        assert FRAGMENT not in text


# --- item 9: no log record and no chained exception holds the key ------------------------------


class Everything(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)

    def texts(self) -> list[str]:
        formatter = logging.Formatter("%(name)s %(levelname)s %(message)s")
        return [formatter.format(record) + repr(vars(record)) for record in self.records]


@pytest.fixture
def root_debug() -> Iterator[Everything]:
    """A handler on the root logger at DEBUG: it receives every record of every logger."""
    root = logging.getLogger()
    handler = Everything()
    level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    try:
        yield handler
    finally:
        root.removeHandler(handler)
        root.setLevel(level)


def echo(status: int) -> object:
    """A server that repeats the Authorization header in a response header and in the body."""

    def respond(handler: BaseHTTPRequestHandler) -> None:
        sent = handler.headers.get("Authorization", "")
        backend = {"backend": "qpu.x", "status": sent, "qubits": 2, "average_queue_time": 0}
        backend["last_updated"] = "2026-01-01"
        body = json.dumps([backend]).encode()
        send(handler, status, body, {"Content-Type": "application/json", "X-Echo": sent})

    return respond


@pytest.mark.parametrize("status", [200, 401, 500])
def test_no_log_record_of_any_logger_holds_the_key(root_debug: Everything, status: int) -> None:
    with serve(echo(status)) as url, client(url) as api:  # type: ignore[arg-type]
        try:
            api.get_backends()
        except IonQAPIError as exc:
            logging.getLogger("app").exception("the call failed: %s", exc)
            assert_no_key_in_chain(exc)
        else:
            assert status == 200
        logging.getLogger("app.audit").debug("a careless caller logs %s", HEADER)
    names = {record.name for record in root_debug.records}
    assert {"httpcore.http11", "httpx", "app.audit"} <= names, names
    for text in root_debug.texts():
        assert FRAGMENT not in text


def test_no_log_record_of_the_async_client_holds_the_key(root_debug: Everything) -> None:
    async def call(url: str) -> None:
        async with ionq_v0_4.AsyncClient(KEY, base_url=url, retry=NO_RETRY) as api:
            await api.get_backends()
            with pytest.raises(IonQAPIError) as caught:
                await api.get_backends()
            assert_no_key_in_chain(caught.value)

    answers = iter([echo(200), echo(401)])

    def respond(handler: BaseHTTPRequestHandler) -> None:
        next(answers)(handler)  # type: ignore[operator]

    with serve(respond) as url:
        asyncio.run(call(url))
    assert any(record.name.startswith("httpcore") for record in root_debug.records)
    for text in root_debug.texts():
        assert FRAGMENT not in text


def test_a_dropped_connection_chains_no_request_holding_the_key() -> None:
    def respond(handler: BaseHTTPRequestHandler) -> None:
        handler.close_connection = True  # no status line: RemoteProtocolError in the client

    with serve(respond) as url, client(url) as api, pytest.raises(APIConnectionError) as caught:
        api.get_job("j1")
    assert isinstance(caught.value.__context__, httpx.HTTPError), "no chained httpx error to check"
    assert_no_key_in_chain(caught.value)


def test_an_undecodable_body_is_a_typed_error_chaining_no_key() -> None:
    # httpx.DecodingError is not a TransportError: it used to escape the client untyped, its
    # .request (with the key) attached.
    def respond(handler: BaseHTTPRequestHandler) -> None:
        headers = {"Content-Type": "application/json", "Content-Encoding": "gzip"}
        send(handler, 200, b"this is not gzip", headers)

    with serve(respond) as url, client(url) as api, pytest.raises(ResponseDecodeError) as caught:
        api.get_job("j1")
    assert_no_key_in_chain(caught.value)


def test_the_masking_lasts_as_long_as_a_client_and_survives_a_later_record_factory(
    root_debug: Everything,
) -> None:
    key = "sk-only-this-test-4f2a9c"  # no other test's client holds it
    log = logging.getLogger("app.factory")
    original = logging.getLogRecordFactory()
    try:
        api = ionq_v0_4.Client(key)
        # A factory set later that calls ours, and one that does not: a new client wraps the
        # current factory again (the first case must not loop).
        ours = logging.getLogRecordFactory()

        def calls_ours(*args: object, **kwargs: object) -> logging.LogRecord:
            return ours(*args, **kwargs)

        logging.setLogRecordFactory(calls_ours)
        other = ionq_v0_4.Client(key)
        log.warning("chained: %s", key)
        logging.setLogRecordFactory(logging.LogRecord)
        third = ionq_v0_4.Client(key)
        log.warning("replaced: %s", key)
        assert [record.getMessage() for record in root_debug.records[-2:]] == [
            "chained: <redacted>",
            "replaced: <redacted>",
        ]
        for each in (api, other, third):
            each.close()
        del api, other, third, each
        gc.collect()
        log.warning("after: %s", key)  # no client holds the key any more: logs are left alone
        assert root_debug.records[-1].getMessage() == f"after: {key}"
    finally:
        logging.setLogRecordFactory(original)
