"""Fixtures for the validator tests (sample payloads live in samples.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.validators.samples import SHARED_REFERENCE


@pytest.fixture
def shared_reference() -> Path:
    return SHARED_REFERENCE
