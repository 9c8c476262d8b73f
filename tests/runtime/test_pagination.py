from __future__ import annotations

import asyncio

import pytest
from pydantic import RootModel

from ionqkit.runtime import IonQAPIError
from ionqkit.runtime.pagination import iter_pages, wire_field

from .faultserver import FaultServer, Reply
from .shop import AsyncShopClient, Circuit, ShopClient


def page(ids: list[str], next: str | None) -> Reply:
    return Reply(200, {"jobs": [{"id": job_id, "status": "completed"} for job_id in ids], "next": next})


def test_iterating_follows_the_next_cursor_over_three_pages(server: FaultServer) -> None:
    server.script("GET", "/jobs", page(["a", "b"], "c2"), page(["c"], "c3"), page(["d"], None))
    with ShopClient("k", base_url=server.url) as client:
        ids = [job.id for job in client.iter_jobs()]
    assert ids == ["a", "b", "c", "d"]
    assert [request.query.get("next") for request in server.requests] == [None, ["c2"], ["c3"]]


def test_async_iteration_follows_the_same_cursor(server: FaultServer) -> None:
    server.script("GET", "/jobs", page(["a"], "c2"), page(["b"], "c3"), page(["c"], ""))

    async def collect() -> list[str]:
        async with AsyncShopClient("k", base_url=server.url) as client:
            return [job.id async for job in client.iter_jobs()]

    assert asyncio.run(collect()) == ["a", "b", "c"]
    assert len(server.requests) == 3


def test_a_cursor_that_does_not_advance_stops_with_an_error() -> None:
    pages = iter_pages(lambda cursor: {"items": [], "next": "same"}, "next", redact=lambda error: error)
    next(pages)
    next(pages)
    with pytest.raises(IonQAPIError, match="did not advance"):
        next(pages)


def test_wire_field_reads_renamed_fields_by_their_alias() -> None:
    circuit = Circuit.model_validate({"qubits": 1, "1q_gates": 5})
    assert wire_field(circuit, "1q_gates") == 5
    assert wire_field(circuit, "qubits") == 1
    assert wire_field({"next": "x"}, "next") == "x"


def test_wire_field_looks_through_root_models() -> None:
    class Wrapped(RootModel[Circuit]):
        pass

    assert wire_field(Wrapped.model_validate({"qubits": 3}), "qubits") == 3
