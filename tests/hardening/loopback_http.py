"""A hostile HTTP/1.1 server on 127.0.0.1, in a thread, for the client-runtime hardening tests.

Each test hands it one `respond(handler)` function that writes whatever the attack needs: echoed
credentials, a body trickled a byte at a time, a body larger than the client accepts.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

Respond = Callable[[BaseHTTPRequestHandler], None]


@contextmanager
def serve(respond: Respond) -> Iterator[str]:
    """The base URL of a server answering every request with `respond`; stopped on exit."""

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def _answer(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            if length:
                self.rfile.read(length)
            # The client giving up (mid-body) is what most of these tests want.
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                respond(self)

        def do_GET(self) -> None:
            self._answer()

        def do_POST(self) -> None:
            self._answer()

        def log_message(self, format: str, *args: Any) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    try:
        host, port = httpd.server_address[:2]
        yield f"http://{host!s}:{port}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def head(handler: BaseHTTPRequestHandler, status: int, headers: dict[str, str]) -> None:
    handler.send_response(status)
    for name, value in headers.items():
        handler.send_header(name, value)
    handler.end_headers()
    handler.wfile.flush()


def send(handler: BaseHTTPRequestHandler, status: int, body: bytes, headers: dict[str, str]) -> None:
    head(handler, status, {**headers, "Content-Length": str(len(body))})
    handler.wfile.write(body)


def trickle(byte_every: float, total: int) -> Respond:
    """200 with a JSON body whose bytes come one at a time, `byte_every` seconds apart: every read
    finishes well inside any per-read timeout, so only a per-call deadline stops the client."""

    def respond(handler: BaseHTTPRequestHandler) -> None:
        head(handler, 200, {"Content-Type": "application/json", "Content-Length": str(total)})
        for _ in range(total):
            handler.wfile.write(b" ")
            handler.wfile.flush()
            time.sleep(byte_every)

    return respond


def trickled_headers(byte_every: float, total: int) -> Respond:
    """A status line, then header bytes one at a time: the response never starts its body."""

    def respond(handler: BaseHTTPRequestHandler) -> None:
        handler.wfile.write(b"HTTP/1.1 200 OK\r\nX-Slow: ")
        for _ in range(total):
            handler.wfile.write(b"a")
            handler.wfile.flush()
            time.sleep(byte_every)
        handler.close_connection = True  # then hang up: a client still waiting sees a protocol error

    return respond


def chunked(size: int, status: int = 200, chunk: int = 64 * 1024) -> Respond:
    """A body of `size` bytes with no Content-Length (chunked), generated as it is sent."""

    def respond(handler: BaseHTTPRequestHandler) -> None:
        head(handler, status, {"Content-Type": "application/json", "Transfer-Encoding": "chunked"})
        block = b" " * chunk
        sent = 0
        while sent < size:
            part = block[: min(chunk, size - sent)]
            handler.wfile.write(b"%x\r\n%s\r\n" % (len(part), part))
            sent += len(part)
        handler.wfile.write(b"0\r\n\r\n")

    return respond
