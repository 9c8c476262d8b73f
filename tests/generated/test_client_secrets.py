"""The API key never leaves the Authorization header: not in errors raised through the generated
clients (their text, repr, attributes, cause chain or formatted traceback), not in httpx/httpcore
DEBUG logs, and never in generated code, even when IONQ_API_KEY is set while generating."""

from __future__ import annotations

import asyncio
import logging
import re
import traceback
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest

from ionqkit.generated import ionq_v0_3, ionq_v0_4
from ionqkit.runtime import IonQAPIError

KEY = "ionq-canary-key-8f14e45fceea167a5a36dedd4bea2543"
REPO = Path(__file__).resolve().parents[2]

Handler = Callable[[httpx.Request], httpx.Response]


def unauthorized(request: httpx.Request) -> httpx.Response:
    return httpx.Response(401, json={"error": "Unauthorized", "message": f"echo: {request.headers}"})


def html_server_error(request: httpx.Request) -> httpx.Response:
    return httpx.Response(500, text=f"<html>{request.headers['Authorization']}</html>")


def broken_connection(request: httpx.Request) -> httpx.Response:
    raise httpx.ConnectError(f"refused while sending {request.headers}", request=request)


def error_texts(error: BaseException) -> list[str]:
    texts = [str(error), repr(error), "".join(traceback.format_exception(error))]
    texts += [repr(value) for value in vars(error).values()]
    return texts


@pytest.mark.parametrize("handler", [unauthorized, html_server_error, broken_connection])
@pytest.mark.parametrize("package", [ionq_v0_4, ionq_v0_3], ids=["v0.4", "v0.3"])
def test_errors_and_debug_logs_of_generated_clients_never_show_the_key(
    handler: Handler, package: object, caplog: pytest.LogCaptureFixture
) -> None:
    # A server that echoes the request headers back into its error body is the worst case:
    # the runtime must keep the body (it is the server's message) yet not leak the key in it.
    caplog.set_level(logging.DEBUG)
    sent: list[str] = []

    def recording(request: httpx.Request) -> httpx.Response:
        sent.append(request.headers.get("Authorization", ""))
        return handler(request)

    http = httpx.Client(transport=httpx.MockTransport(recording))
    client = package.Client(KEY, base_url="https://api.invalid/v0", http_client=http)  # type: ignore[attr-defined]
    with client, pytest.raises(IonQAPIError) as caught:
        client.get_backends()
    assert sent and sent[0] == f"apiKey {KEY}", "the key was not sent, so the checks below prove nothing"
    assert caplog.records, "DEBUG logging recorded nothing"
    for text in [*error_texts(caught.value), caplog.text, repr(client)]:
        assert KEY not in text
    if handler is html_server_error:  # the server's words are kept, only the key is masked
        assert caught.value.body == "<html>apiKey <redacted></html>"


def test_the_async_client_keeps_the_key_out_of_its_errors_too(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)

    async def call() -> IonQAPIError:
        http = httpx.AsyncClient(transport=httpx.MockTransport(unauthorized))
        async with ionq_v0_4.AsyncClient(
            KEY, base_url="https://api.invalid/v0.4", http_client=http
        ) as client:
            try:
                await client.get_job("j1")
            except IonQAPIError as exc:
                return exc
        raise AssertionError("no error raised")

    error = asyncio.run(call())
    for text in [*error_texts(error), caplog.text]:
        assert KEY not in text


# Assignments of credential-like names to literals, bearer/apiKey headers with a literal, and
# long opaque tokens outside the manifests' sha256 fields.
KEY_LIKE = [
    re.compile(r"(?i)(api[_-]?key|secret|token|password)\s*[:=]\s*['\"][A-Za-z0-9_\-]{12,}['\"]"),
    re.compile(r"(?i)\b(apiKey|Bearer)\s+[A-Za-z0-9_\-]{12,}"),
    re.compile(r"\bsk-[A-Za-z0-9]{8,}"),
]


# Placeholders that the specs' own documentation uses in examples.
PLACEHOLDERS = ("your-api-key", "your_api_key")


def key_like_strings(folder: Path) -> list[str]:
    found = []
    for path in sorted(folder.rglob("*")):
        if path.is_file() and path.suffix in (".py", ".json", ".md", ".typed"):
            text = path.read_text(encoding="utf-8")
            for pattern in KEY_LIKE:
                found += [
                    f"{path}: {m.group(0)}"
                    for m in pattern.finditer(text)
                    if not m.group(0).lower().endswith(PLACEHOLDERS)
                ]
    return found


def test_committed_generated_code_holds_no_key_like_string() -> None:
    assert key_like_strings(REPO / "generated") == []


def test_the_scan_finds_a_planted_key(tmp_path: Path) -> None:
    (tmp_path / "client.py").write_text(f'API_KEY = "{KEY}"\nheaders = {{"Authorization": "apiKey {KEY}"}}\n')
    assert len(key_like_strings(tmp_path)) == 2


def test_generating_with_a_key_in_the_environment_does_not_embed_it(
    cli: Callable[..., tuple[int, str, str]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("IONQ_API_KEY", KEY)
    spec = REPO / "specs" / "ionq-v0.4.openapi.yaml"
    overlay = REPO / "specs" / "overlays" / "ionq-v0.4.overlay.yaml"
    code, out, err = cli(
        "generate", "--spec", spec, "--overlay", overlay, "--out", tmp_path, "--package", "p"
    )
    assert code == 0, err
    files = [p for p in (tmp_path / "p").rglob("*") if p.is_file()]
    assert any(p.name == "client.py" for p in files)
    assert all(KEY.encode() not in p.read_bytes() for p in files)
    assert KEY not in out + err
    assert key_like_strings(tmp_path) == []
