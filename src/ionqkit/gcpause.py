"""`collector_paused()`: CPython's cyclic garbage collector held off around work that allocates a
great deal and leaves no garbage cycles behind.

The collector runs when allocations outnumber deallocations by a threshold, and its older
generations walk every tracked object alive, however few of them could be garbage. Two things
ionqkit does set it off again and again for nothing: parsing a large payload (the largest job is
600,000 dicts and lists, none in a cycle; collections took half of the time of linting it), and
importing the linter into a client process (some 40 modules, while pydantic's and httpx's objects
fill the heap the collector walks; collections cost more than the import). Refcounting frees
everything as usual meanwhile; collection resumes, as the caller had it, when the work is done.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Hold off the cyclic collector for the block; leave it as it was (on or off) afterwards."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()
