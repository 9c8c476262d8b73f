"""What the runtime takes from the package it ships in: its User-Agent and the job-payload linter.

This is the only module of the runtime that imports anything of ionqkit outside it. A standalone
package (`ionqkit generate --spec S --out D --package P`) carries a copy of the runtime as
`P._runtime` with this module replaced (codegen/standalone.py): its User-Agent names the generated
distribution, and it has no default linter, so nothing in it needs ionqkit installed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from ionqkit import __version__

#: Sent with every request unless the caller's own headers set one.
USER_AGENT = f"ionqkit/{__version__}"


def load_linter() -> Callable[..., Iterable[Any]] | None:
    """ionqkit's job-payload linter (`lint(payload, api_version=...)`), imported on first use: it
    and its rule tables are loaded only by a client that sends a job, with the cyclic collector held
    off meanwhile (ionqkit.gcpause: the client's heap made collections cost more than the import)."""
    from ionqkit.gcpause import collector_paused

    with collector_paused():
        from ionqkit.validators import lint

    return lint
