"""Model rendering in a forked child that starts importing the model generator at once.

datamodel-code-generator takes about a third of a second to import (it builds its own Pydantic
models at import time), more than loading, checking and normalizing every spec together. A child
forked before the specs are loaded pays that import on the second core while the parent loads;
the parent then sends it the normalized specs and validates them meanwhile.

The child is one-shot, not a pool worker: it takes one batch, answers and exits, and it exits as
soon as its parent's end of the pipe closes, so a killed `generate` leaves no process behind.
Without fork, on one usable core, on macOS, or in a process with other threads, the same calls
render in this process.
"""

from __future__ import annotations

import contextlib
import signal
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from ionqkit.codegen.class_names import ClassNames

Rendered = tuple[str, list[str]]  # models.py text, the generator's warnings


@dataclass(frozen=True)
class Request:
    data: dict[str, Any]
    kind: Literal["openapi", "jsonschema"]
    source: str
    class_name: str | None = None
    command: str = "ionqkit generate"  # what regenerates the package, for the file's header
    class_names: ClassNames | None = None  # overrides of inline schemas' class names


def render(request: Request) -> Rendered:
    """One request's models, in this process."""
    from ionqkit.codegen.emit_models import render_models

    return render_models(
        request.data,
        kind=request.kind,
        source=request.source,
        class_name=request.class_name,
        command=request.command,
        class_names=request.class_names,
    )


def _serve(receiver: Any, sender: Any, parent_ends: tuple[Any, ...]) -> None:
    """The child: import the generator, then render one batch of requests."""
    # Fork copied the parent's ends of both pipes; holding them would keep recv() below from
    # seeing EOF when the parent dies, and this process would wait forever.
    for end in parent_ends:
        end.close()
    # Ctrl-C reaches the whole process group; the parent handles it, and its exit ends this one.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})  # blocked by the parent across fork
    from ionqkit.codegen import emit_models

    emit_models.warm_up()  # what this process exists for: the import, while the parent loads
    try:
        batch: list[Request] = receiver.recv()
    except EOFError:  # the parent is gone, or needs no models after all
        return
    outcomes: list[Rendered | BaseException] = []
    for request in batch:
        try:
            outcomes.append(render(request))
        except Exception as exc:  # sent to the parent, which raises it as its own
            outcomes.append(exc)
            break
    with contextlib.suppress(BrokenPipeError):  # the parent is gone: nobody needs the models
        sender.send(outcomes)


def _send(connection: Any, batch: list[Request]) -> None:
    with contextlib.suppress(BrokenPipeError):  # the child was let go (close()) before it read it
        connection.send(batch)


def _can_fork(start_methods: Sequence[str]) -> bool:
    """Fork only where it pays and is safe: two cores or more, and no other thread in this process
    (the `ionqkit` program has none; a threaded host could hold a lock the child would then need).
    Not on macOS, whose system libraries may run threads of their own that Python cannot see."""
    import threading

    from ionqkit.cores import available_cores

    if sys.platform == "darwin" or "fork" not in start_methods:
        return False
    return available_cores() >= 2 and threading.active_count() == 1


class ModelRenderer:
    """start() before loading the specs, submit() once they are normalized, results() at the end.
    close() abandons the work (on an error elsewhere); it is safe to call at any point."""

    def __init__(self) -> None:
        self._process: Any = None
        self._requests: Any = None
        self._results: Any = None
        self._pending: list[Request] = []
        self._sender: Any = None

    def start(self) -> None:
        import multiprocessing

        if not _can_fork(multiprocessing.get_all_start_methods()):
            return
        context = multiprocessing.get_context("fork")
        child_requests, self._requests = context.Pipe(duplex=False)
        self._results, child_results = context.Pipe(duplex=False)
        parent_ends = (self._requests, self._results)
        self._process = context.Process(
            target=_serve, args=(child_requests, child_results, parent_ends), daemon=True
        )
        # SIGINT is blocked across the fork: the child starts with it blocked and ignores it before
        # unblocking, so a Ctrl-C in that window cannot make the child print a traceback; here it
        # stays pending and is delivered to this process once unblocked.
        blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        try:
            self._process.start()
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
        child_requests.close()
        child_results.close()

    def submit(self, requests: Sequence[Request]) -> None:
        if self._process is None:
            self._pending = list(requests)
        else:
            # From a thread: the pipe holds 64 KiB and the child reads only after its imports, so
            # a plain send() would stall this process for as long as they take.
            import threading

            batch = list(requests)
            self._sender = threading.Thread(target=_send, args=(self._requests, batch), daemon=True)
            self._sender.start()

    def results(self) -> list[Rendered]:
        """Every submitted request's models, in order; the first failure is raised (a SpecError)."""
        if self._process is None:
            pending, self._pending = self._pending, []
            return [render(request) for request in pending]
        try:
            outcomes = self._results.recv()
        except EOFError:
            code = self._process.exitcode
            raise RuntimeError(f"the model generator process died (exit code {code})") from None
        finally:
            self._finish(kill=False)
        rendered: list[Rendered] = []
        for outcome in outcomes:
            if isinstance(outcome, BaseException):
                raise outcome
            rendered.append(outcome)
        return rendered

    def close(self) -> None:
        self._pending = []
        self._finish(kill=True)

    def _finish(self, *, kill: bool) -> None:
        if self._process is None:
            return
        if kill:
            self._process.kill()
        if self._sender is not None:
            self._sender.join()  # returns at once when the child is gone: its end of the pipe closed
            self._sender = None
        self._requests.close()
        self._results.close()
        self._process.join()
        self._process = None
