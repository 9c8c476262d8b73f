from __future__ import annotations

from collections.abc import Iterator

import pytest

from .faultserver import FaultServer


@pytest.fixture
def server() -> Iterator[FaultServer]:
    fault_server = FaultServer()
    fault_server.start()
    try:
        yield fault_server
    finally:
        fault_server.stop()
