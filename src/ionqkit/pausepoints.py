"""Named points where a test can stop a running command, to kill or interrupt it exactly there.

`IONQKIT_PAUSE_AT=NAME` (or `NAME@N`, the N-th time the point is reached) makes the process print
`IONQKIT_PAUSED NAME` (or `NAME@N`) on stderr and stop itself with SIGSTOP there; the test
waits for that line, then sends SIGKILL (or SIGINT and SIGCONT). No wall-clock delay picks the
moment, so the kill tests are deterministic on a loaded machine. Without the variable a point costs
one comparison; the variable is read once, at import.

Every point is listed in POINTS, so a test can kill at each one and a misspelt name fails loudly.
"""

from __future__ import annotations

import os
import signal
import sys

from ionqkit.numerals import ascii_digits

POINTS = (
    # generate (codegen/generate.py, codegen/writer.py)
    "generate:locked",  # the output folder is locked; nothing recovered or written yet
    "generate:renderer-started",  # the model renderer (a forked child) is starting; nothing written
    "generate:rendered",  # every package rendered and formatted; nothing written yet
    "stage:writing",  # the staging folder exists and holds some of the package's files
    "stage:written",  # the staging folder holds the whole package
    "swap:old-moved",  # the old package is renamed aside; the new one is not in place yet
    "swap:new-in-place",  # the new package is in place; the old one is not removed yet
    # one file replaced atomically (ionqkit/spec/atomic.py: migrate --write, tools)
    "write:temp-created",  # the temporary file exists and is empty
    "write:temp-written",  # the temporary file holds the whole content; the target is untouched
    "write:replaced",  # the target holds the new content
)

_WANTED = os.environ.get("IONQKIT_PAUSE_AT") or None
_name, _, _count = (_WANTED or "").partition("@")
_hits_left = [int(_count) if ascii_digits(_count) else 1]


def point(name: str) -> None:
    """Stop here if IONQKIT_PAUSE_AT names this point (a no-op otherwise)."""
    if _WANTED is None or name != _name:
        return
    _hits_left[0] -= 1
    if _hits_left[0] != 0:
        return
    sys.stderr.write(f"IONQKIT_PAUSED {_WANTED}\n")
    sys.stderr.flush()
    os.kill(os.getpid(), signal.SIGSTOP)


if _WANTED is not None and _name not in POINTS:
    raise SystemExit(f"IONQKIT_PAUSE_AT={_WANTED}: no such point; the points are {', '.join(POINTS)}")
