"""Keeps live API keys out of every log record, from any logger, at any level.

A server or proxy can echo the key back (in a response header, a body, a request id), and httpcore
logs response headers at DEBUG; so can hpack under HTTP/2, a borrowed client's event hooks, or the
caller's own code. A logging.Filter would have to sit on every one of those loggers by name (a
logger's filters do not see records propagated from its children), so instead the process's
LogRecord factory is wrapped once: every record is created through it, whichever logger makes it,
and a record whose text holds a registered key is rewritten with the key masked before any
handler sees it. Clients register their key for as long as they exist.

A LogRecord factory set later that does not call the one it replaced would bypass this; each new
client re-wraps the factory if it is no longer ours.
"""

from __future__ import annotations

import logging
import threading
from collections import Counter
from collections.abc import Callable
from typing import Any

from .masking import MIN_FRAGMENT, MIN_SECRET, mask_all


class _Registry:
    """The keys of the clients alive now, counted: two clients may share one key."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.counts: Counter[str] = Counter()
        self.active: tuple[str, ...] = ()  # read without the lock: replaced whole, never mutated

    def update(self) -> None:
        self.active = tuple(self.counts)


_registry = _Registry()


def register(secret: str) -> None:
    """Mask `secret` in every log record until a matching unregister()."""
    if len(secret) < MIN_SECRET:
        return
    with _registry.lock:
        _registry.counts[secret] += 1
        _registry.update()
        current = logging.getLogRecordFactory()
        if not getattr(current, _MARK, False):
            logging.setLogRecordFactory(_guarded(current))


def unregister(secret: str) -> None:
    with _registry.lock:
        if _registry.counts[secret] <= 1:
            _registry.counts.pop(secret, None)
        else:
            _registry.counts[secret] -= 1
        _registry.update()


# Per copy of this module: a standalone package's runtime is a copy with its own registry, and it
# must wrap the factory too when ionqkit's (or another copy's) wrapper is already in place.
_MARK = "_masks_keys_" + __name__.replace(".", "_")


def _guarded(previous: Callable[..., logging.LogRecord]) -> Callable[..., logging.LogRecord]:
    # A new closure per wrap, each calling the factory it replaced: if a factory set after ours
    # calls ours, wrapping it again makes a longer chain (masking twice), never a loop.
    def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = previous(*args, **kwargs)
        secrets = _registry.active
        if secrets:
            _mask_record(record, secrets)
        return record

    setattr(factory, _MARK, True)
    return factory


def _holds(text: str, secrets: tuple[str, ...]) -> bool:
    return any(secret[:MIN_FRAGMENT] in text for secret in secrets)


def _mask_record(record: logging.LogRecord, secrets: tuple[str, ...]) -> None:
    try:
        message = record.getMessage()
    except Exception:
        # A broken format call: logging reports it later by printing msg and args, so those
        # must not hold the key either.
        message = f"{record.msg} {record.args!r}"
    if _holds(message, secrets):
        # The message is formatted here once and for all: args could hold the key in any object.
        record.msg = mask_all(message, secrets)
        record.args = None
    if record.exc_info and record.exc_info[0] is not None and not record.exc_text:
        # Formatters reuse exc_text when it is set; set it only when there is something to mask.
        text = logging.Formatter().formatException(record.exc_info)
        if _holds(text, secrets):
            record.exc_text = mask_all(text, secrets)
    if record.stack_info and _holds(record.stack_info, secrets):
        record.stack_info = mask_all(record.stack_info, secrets)
