"""validators/api.py: lint() pauses the cyclic garbage collector while it parses and checks."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from typing import Any

import orjson
import pytest

from ionqkit.validators import api, lint
from ionqkit.validators.engine import run
from ionqkit.validators.parse import parse

JOB = orjson.dumps(
    {
        "type": "ionq.multi-circuit.v1",
        "backend": "simulator",
        "input": {
            "gateset": "qis",
            "qubits": 4,
            "circuits": [{"circuit": [{"gate": "cnot", "control": 0, "target": 1}] * 50} for _ in range(40)],
        },
    }
)


@pytest.fixture
def collections() -> Iterator[list[str]]:
    """The collector's runs, with a threshold that collects on every allocation while enabled."""
    seen: list[str] = []

    def note(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            seen.append(phase)

    threshold = gc.get_threshold()
    gc.set_threshold(1)
    gc.callbacks.append(note)
    try:
        yield seen
    finally:
        gc.callbacks.remove(note)
        gc.set_threshold(*threshold)


def test_no_collection_runs_while_a_payload_is_parsed_and_checked(
    collections: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[tuple[str, bool, int]] = []

    def spy(step: str, real: Callable[..., Any]) -> Callable[..., Any]:
        def call(*args: Any, **kwargs: Any) -> Any:
            before = len(collections)
            result = real(*args, **kwargs)
            seen.append((step, gc.isenabled(), len(collections) - before))
            return result

        return call

    monkeypatch.setattr(api, "parse", spy("parse", parse))
    monkeypatch.setattr(api, "run", spy("run", run))
    assert lint(JOB) == []
    assert seen == [("parse", False, 0), ("run", False, 0)]
    assert gc.isenabled()
    before = len(collections)
    orjson.loads(JOB)  # the control: parsing with the collector on sets off collections
    assert len(collections) > before


def test_the_collector_is_left_as_the_caller_had_it(monkeypatch: pytest.MonkeyPatch) -> None:
    gc.disable()
    try:
        lint(JOB)
        assert not gc.isenabled()
    finally:
        gc.enable()

    def fail(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("a rule failed")

    monkeypatch.setattr(api, "run", fail)
    with pytest.raises(RuntimeError):
        lint(JOB)
    assert gc.isenabled()
