from __future__ import annotations

import json

import httpx
import pytest

from ionqkit.runtime import (
    APITimeoutError,
    BadRequestError,
    NotFoundError,
    ResponseDecodeError,
    ServerError,
)
from ionqkit.runtime.retry import NO_RETRY

from .faultserver import FaultServer, Reply
from .shop import Circuit, ShopClient

JOB = {"id": "j1", "status": "completed"}


def test_success_is_decoded_into_the_declared_model(server: FaultServer) -> None:
    server.script("GET", "/jobs/j1", Reply(200, {"id": "j1", "status": "running", "extra": 1}))
    with ShopClient("k", base_url=server.url) as client:
        job = client.get_job("j1")
    assert (job.id, job.status) == ("j1", "running")


def test_slow_response_raises_a_timeout_error_without_retrying(server: FaultServer) -> None:
    server.script("GET", "/jobs/j1", Reply(200, JOB, delay=1.0), Reply(200, JOB))
    with (
        ShopClient("k", base_url=server.url, timeout=0.2) as client,
        pytest.raises(APITimeoutError) as caught,
    ):
        client.get_job("j1")
    assert "ReadTimeout" in str(caught.value)
    assert caught.value.status is None
    assert len(server.requests) == 1


def test_malformed_json_success_body_is_a_decode_error(server: FaultServer) -> None:
    server.script("GET", "/jobs/j1", Reply(200, b'{"id": "j1", "status": '))
    with ShopClient("k", base_url=server.url) as client, pytest.raises(ResponseDecodeError) as caught:
        client.get_job("j1")
    assert caught.value.status == 200
    assert "not valid JSON" in str(caught.value)
    assert caught.value.body == '{"id": "j1", "status": '


def test_success_body_of_the_wrong_shape_is_a_decode_error(server: FaultServer) -> None:
    server.script("GET", "/jobs/j1", Reply(200, {"id": "j1"}))
    with (
        ShopClient("k", base_url=server.url) as client,
        pytest.raises(ResponseDecodeError, match="status: Field required"),
    ):
        client.get_job("j1")


def test_html_error_page_maps_to_a_typed_error_with_its_text(server: FaultServer) -> None:
    page = "<html><body><h1>502 Bad Gateway</h1></body></html>"
    server.script("GET", "/jobs/j1", Reply(502, page, {"Content-Type": "text/html"}))
    with ShopClient("k", base_url=server.url, retry=NO_RETRY) as client, pytest.raises(ServerError) as caught:
        client.get_job("j1")
    assert caught.value.status == 502
    assert caught.value.body == page
    assert "non-JSON error body (text/html)" in str(caught.value)


def test_html_page_with_status_200_is_a_decode_error_not_a_crash(server: FaultServer) -> None:
    server.script("GET", "/jobs/j1", Reply(200, "<html>maintenance</html>", {"Content-Type": "text/html"}))
    with ShopClient("k", base_url=server.url) as client, pytest.raises(ResponseDecodeError):
        client.get_job("j1")


def test_json_error_body_carries_status_message_and_request_id(server: FaultServer) -> None:
    body = {"error": "BadRequest", "message": "shots must be positive", "statusCode": 400}
    server.script("POST", "/jobs", Reply(400, body, {"X-Request-Id": "req-42"}))
    with (
        ShopClient("k", base_url=server.url, validate=False) as client,
        pytest.raises(BadRequestError) as caught,
    ):
        client.create_job(body={"shots": -1})
    error = caught.value
    assert (error.status, error.request_id, error.body) == (400, "req-42", body)
    assert "shots must be positive" in str(error)
    assert "req-42" in str(error)


def test_404_maps_to_not_found(server: FaultServer) -> None:
    server.script("GET", "/jobs/nope", Reply(404, {"error": "NotFound", "message": "no such job"}))
    with ShopClient("k", base_url=server.url) as client, pytest.raises(NotFoundError, match="no such job"):
        client.get_job("nope")


def test_query_arrays_repeat_keys_by_default_and_join_when_explode_is_false(server: FaultServer) -> None:
    server.script("GET", "/jobs", Reply(200, {"jobs": []}))
    with ShopClient("k", base_url=server.url) as client:
        client.get_jobs(ids=["a", "b"], targets=["qpu.aria-1", "simulator"])
    sent = server.requests[0]
    assert sent.query == {"ids": ["a", "b"], "targets": ["qpu.aria-1,simulator"]}
    assert "next" not in sent.raw_query  # None means "not sent"


def test_path_parameters_are_escaped_so_they_stay_one_segment(server: FaultServer) -> None:
    server.script("GET", "/jobs/a%2Fb%3Fc", Reply(200, JOB))
    server.script("GET", "/jobs/%2E%2E", Reply(200, JOB))
    with ShopClient("k", base_url=server.url) as client:
        client.get_job("a/b?c")
        client.get_job("..")
    assert [request.path for request in server.requests] == ["/jobs/a%2Fb%3Fc", "/jobs/%2E%2E"]


def test_model_bodies_are_sent_by_wire_name_without_unset_fields(server: FaultServer) -> None:
    server.script("POST", "/jobs", Reply(200, JOB), Reply(200, JOB))
    with ShopClient("k", base_url=server.url, validate=False) as client:
        client.create_job(body=Circuit.model_validate({"qubits": 2, "1q_gates": 3}))
        client.create_job(body={"circuit": Circuit(qubits=1), "shots": 10})
    first, second = (json.loads(request.body) for request in server.requests)
    assert first == {"qubits": 2, "1q_gates": 3}
    assert second == {"circuit": {"qubits": 1}, "shots": 10}
    assert server.requests[0].headers["Content-Type"] == "application/json"


def test_base_url_path_is_kept_when_joining(server: FaultServer) -> None:
    server.script("GET", "/v0.4/backends", Reply(200, ["simulator"]))
    with ShopClient(base_url=server.url + "/v0.4/") as client:
        assert client.get_backends() == ["simulator"]


def test_closing_the_client_closes_its_http_client_but_not_a_borrowed_one() -> None:
    with ShopClient("k") as owned:
        pass
    assert owned._http.is_closed
    borrowed = httpx.Client()
    with ShopClient("k", http_client=borrowed):
        pass
    assert not borrowed.is_closed
    borrowed.close()
