"""codegen.model_worker: models rendered in the pre-started child are the ones this process would
render, failures come back as SpecError, and no child outlives its use."""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
from collections.abc import Iterator
from typing import Any

import pytest

from ionqkit.codegen.model_worker import ModelRenderer, Request, render
from ionqkit.errors import SpecError


def openapi(schemas: dict[str, Any]) -> dict[str, Any]:
    return {
        "openapi": "3.0.3",
        "info": {"title": "t", "version": "1"},
        "paths": {},
        "components": {"schemas": schemas},
    }


THING = Request(
    openapi({"Thing": {"type": "object", "required": ["id"], "properties": {"id": {"type": "string"}}}}),
    "openapi",
    "thing.yaml",
)
JOB = Request(
    {"type": "object", "properties": {"shots": {"type": "integer", "minimum": 1}}},
    "jsonschema",
    "job.json",
    "Job",
)
# A schema that inherits from itself: the generator refuses it.
BROKEN = Request(openapi({"A": {"allOf": [{"$ref": "#/components/schemas/A"}]}}), "openapi", "broken.yaml")


@pytest.fixture(autouse=True)
def single_threaded(monkeypatch: pytest.MonkeyPatch) -> None:
    """The renderer forks only in a single-threaded process, as the `ionqkit` program is; the test
    runner's own threads (pytest-xdist) are idle during these tests."""
    monkeypatch.setattr(threading, "active_count", lambda: 1)


def test_the_child_renders_every_request_in_order_as_this_process_would() -> None:
    renderer = ModelRenderer()
    renderer.start()
    renderer.submit([THING, JOB])
    rendered = renderer.results()
    assert rendered == [render(THING), render(JOB)]
    assert "class Thing(SpecModel)" in rendered[0][0]
    assert "class Job(SpecModel)" in rendered[1][0]
    assert multiprocessing.active_children() == []


def test_a_generator_failure_in_the_child_is_raised_here_as_a_spec_error() -> None:
    renderer = ModelRenderer()
    renderer.start()
    renderer.submit([THING, BROKEN, JOB])
    with pytest.raises(SpecError, match=r"model generation failed: .*inheritance cycle") as caught:
        renderer.results()
    assert caught.value.file == "broken.yaml"
    assert multiprocessing.active_children() == []


# More than a pipe holds (64 KiB), so close() can catch the batch half sent.
LARGE = Request(
    openapi({f"S{i}": {"type": "object", "properties": {"x": {"type": "string"}}} for i in range(5000)}),
    "openapi",
    "large.yaml",
)


@pytest.mark.parametrize(
    "batch", [None, [THING, JOB], [LARGE]], ids=["before-submit", "while-rendering", "while-sending"]
)
def test_close_abandons_the_child_at_any_point_quietly(
    batch: list[Request] | None, capfd: pytest.CaptureFixture[str]
) -> None:
    renderer = ModelRenderer()
    renderer.start()
    if batch is not None:
        renderer.submit(batch)
    renderer.close()
    renderer.close()  # closing twice is harmless
    assert multiprocessing.active_children() == []
    assert capfd.readouterr() == ("", "")


def test_on_one_core_the_models_render_in_this_process(monkeypatch: pytest.MonkeyPatch) -> None:
    # As under `taskset -c 0` or a one-CPU container: the cores this process may use count.
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0}, raising=False)
    monkeypatch.setattr(os, "cpu_count", lambda: 1)
    renderer = ModelRenderer()
    renderer.start()
    assert multiprocessing.active_children() == []
    renderer.submit([JOB, THING])
    assert renderer.results() == [render(JOB), render(THING)]


@pytest.fixture
def another_thread(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.undo()  # the real thread count, with one more thread running
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    yield
    stop.set()
    thread.join()


def test_in_a_process_with_other_threads_the_models_render_in_this_process(another_thread: None) -> None:
    renderer = ModelRenderer()
    renderer.start()
    assert multiprocessing.active_children() == []
    renderer.submit([THING])
    assert renderer.results() == [render(THING)]


def test_on_macos_the_models_render_in_this_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "darwin")
    renderer = ModelRenderer()
    renderer.start()
    assert multiprocessing.active_children() == []
    renderer.submit([JOB])
    assert renderer.results() == [render(JOB)]
