"""The pre-submit hook: job payloads are linted by ionqkit's validator before they are sent.

A job rejected by the API after a round trip (or worse, accepted and failed on the QPU) costs time
and possibly money; the linter catches the same mistakes locally. Only findings of severity
"error" block the request: warnings describe payloads IonQ accepts, and a client must not refuse
what the server takes.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from enum import Enum
from typing import Any

from . import host
from .errors import PayloadValidationError

#: Takes the JSON-ready payload, returns findings (objects with a `severity`).
Linter = Callable[[Any], Iterable[Any]]

#: API versions the linter knows; other versions are linted with version detection ("auto").
LINTED_VERSIONS = frozenset({"v0.3", "v0.4"})


@functools.cache
def default_linter(api_version: str = "auto") -> Linter | None:
    """The linter of the package the runtime ships in, for one API version (runtime/host.py):
    ionqkit's own; None in a standalone package, which lints only with `Client(linter=...)`.

    Imported on first use, not at client construction: the linter and its rule tables are loaded
    only by a client that sends a job.
    """
    lint = host.load_linter()
    if lint is None:
        return None
    version = api_version if api_version in LINTED_VERSIONS else "auto"
    return functools.partial(lint, api_version=version)


def severity_of(finding: Any) -> str:
    severity = finding.get("severity") if isinstance(finding, dict) else getattr(finding, "severity", "error")
    if isinstance(severity, Enum):
        severity = severity.value
    return str(severity).lower()


def check_job_payload(payload: Any, linter: Linter | None) -> None:
    """Raise PayloadValidationError listing every error finding; do nothing without a linter."""
    if linter is None:
        return
    errors = [finding for finding in linter(payload) if severity_of(finding) == "error"]
    if errors:
        raise PayloadValidationError(errors)
