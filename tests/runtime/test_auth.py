from __future__ import annotations

import logging
import pickle

import pytest

from ionqkit.runtime import AuthenticationError, MissingAPIKeyError, Secret
from ionqkit.runtime.auth import redact_headers

from .faultserver import FaultServer, Reply
from .shop import ShopClient

KEY = "sk-live-0123456789abcdef"


def test_the_key_is_sent_as_an_apikey_authorization_header(server: FaultServer) -> None:
    server.script("GET", "/jobs/j1", Reply(200, {"id": "j1", "status": "ready"}))
    with ShopClient(KEY, base_url=server.url) as client:
        client.get_job("j1")
    assert server.requests[0].headers["Authorization"] == f"apiKey {KEY}"


def test_the_key_comes_from_ionq_api_key_when_not_passed(
    server: FaultServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("IONQ_API_KEY", KEY)
    server.script("GET", "/jobs/j1", Reply(200, {"id": "j1", "status": "ready"}))
    with ShopClient(base_url=server.url) as client:
        client.get_job("j1")
    assert server.requests[0].headers["Authorization"] == f"apiKey {KEY}"


def test_operations_without_auth_work_without_a_key(
    server: FaultServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("IONQ_API_KEY", raising=False)
    server.script("GET", "/backends", Reply(200, ["simulator"]))
    with ShopClient(base_url=server.url) as client:
        assert client.get_backends() == ["simulator"]
        with pytest.raises(MissingAPIKeyError, match="IONQ_API_KEY"):
            client.get_job("j1")
    assert "Authorization" not in server.requests[0].headers
    assert len(server.requests) == 1  # the keyless get_job never left the client


def test_the_key_never_shows_in_repr_str_errors_or_logs(
    server: FaultServer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)  # includes httpx and httpcore debug output
    server.script("GET", "/jobs/j1", Reply(401, {"error": "Unauthorized", "message": "bad key"}))
    client = ShopClient(KEY, base_url=server.url)
    with client, pytest.raises(AuthenticationError) as caught:
        client.get_job("j1")
    error = caught.value
    texts = [repr(client), str(client), str(error), repr(error), repr(vars(error)), caplog.text]
    assert caplog.records, "debug logging produced no records, so the log check would be vacuous"
    for text in texts:
        assert KEY not in text
    assert error.status == 401


def test_secret_masks_itself_and_refuses_pickling() -> None:
    secret = Secret(KEY)
    assert KEY not in repr(secret) and KEY not in str(secret) and KEY not in f"{secret}"
    assert secret.reveal() == KEY
    with pytest.raises(TypeError):
        pickle.dumps(secret)


def test_redact_headers_hides_credentials_case_insensitively() -> None:
    headers = {"authorization": f"apiKey {KEY}", "Accept": "application/json", "X-Custom": "t"}
    assert redact_headers(headers, frozenset({"x-custom"})) == {
        "authorization": "<redacted>",
        "Accept": "application/json",
        "X-Custom": "<redacted>",
    }
