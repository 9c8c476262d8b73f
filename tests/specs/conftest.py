"""Fixtures for the spec tests: the documents embedded in the seeds and the facts sheet (read in place
from ../shared through the `shared` fixture), and our specs before and after their overlays."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from ionqkit.spec.loader import load_bytes, load_path
from ionqkit.spec.overlay import apply_overlay

from .spec_helpers import JOB_OVERLAY, JOB_SCHEMA, V03_OVERLAY, V03_SPEC


def _fenced_block(text: str, opening: str, closing: str) -> str:
    start = re.search(opening, text, re.MULTILINE)
    assert start, f"no block opening {opening!r}"
    end = text.find(closing, start.end())
    assert end != -1, f"block opened by {opening!r} is not closed"
    return text[start.end() : end]


@pytest.fixture(scope="session")
def seed_v03(shared: Path) -> Any:
    """The OpenAPI fragment embedded in seed 001 (between the ````yaml fence and its closing fence)."""
    path = shared / "seeds" / "001_9840ff19c7ea4108.txt"
    block = _fenced_block(path.read_text(encoding="utf-8"), r"^````yaml[^\n]*\n", "````")
    return load_bytes(block, name=f"{path}#yaml").data


@pytest.fixture(scope="session")
def seed_job_schema(shared: Path) -> Any:
    """The JSON Schema of seed 004: from the first line that is exactly "{" to the end of the file."""
    path = shared / "seeds" / "004_9b8e3cb1525c288e.txt"
    text = path.read_text(encoding="utf-8")
    start = re.search(r"^\{$", text, re.MULTILINE)
    assert start, "seed 004 has no JSON block"
    return load_bytes(text[start.start() :], name=f"{path}#json").data


@pytest.fixture(scope="session")
def v03_facts(shared: Path) -> str:
    return (shared / "reference" / "facts" / "v03-facts.md").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def v03_spec() -> Any:
    return load_path(V03_SPEC).data


@pytest.fixture(scope="session")
def v03_spec_patched() -> Any:
    patched, _ = apply_overlay(load_path(V03_SPEC), load_path(V03_OVERLAY))
    return patched


@pytest.fixture(scope="session")
def job_schema() -> Any:
    return load_path(JOB_SCHEMA).data


@pytest.fixture(scope="session")
def job_schema_patched() -> Any:
    patched, _ = apply_overlay(load_path(JOB_SCHEMA), load_path(JOB_OVERLAY))
    return patched
