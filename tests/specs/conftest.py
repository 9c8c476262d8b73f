"""Fixtures for the spec tests: the upstream material (read in place), the documents embedded in the
seeds, and our specs before and after their overlays."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from spec_helpers import JOB_OVERLAY, JOB_SCHEMA, V03_OVERLAY, V03_SPEC, apply_overlay

from ionqkit.codegen.loader import load_bytes, load_path

REPO_ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """Upstream reference data, read in place: ../shared beside the repository (as in CI)."""
    path = (REPO_ROOT / ".." / "shared").resolve()
    if not path.is_dir():
        pytest.fail(f"upstream reference data not found at {path} (expected ../shared beside the repo)")
    return path


def _fenced_block(text: str, opening: str, closing: str) -> str:
    start = re.search(opening, text, re.MULTILINE)
    assert start, f"no block opening {opening!r}"
    end = text.find(closing, start.end())
    assert end != -1, f"block opened by {opening!r} is not closed"
    return text[start.end() : end]


@pytest.fixture(scope="session")
def seed_v03(shared_dir: Path) -> Any:
    """The OpenAPI fragment embedded in seed 001 (between the ````yaml fence and its closing fence)."""
    path = shared_dir / "seeds" / "001_9840ff19c7ea4108.txt"
    block = _fenced_block(path.read_text(encoding="utf-8"), r"^````yaml[^\n]*\n", "````")
    return load_bytes(block, name=f"{path}#yaml").data


@pytest.fixture(scope="session")
def seed_job_schema(shared_dir: Path) -> Any:
    """The JSON Schema of seed 004: from the first line that is exactly "{" to the end of the file."""
    path = shared_dir / "seeds" / "004_9b8e3cb1525c288e.txt"
    text = path.read_text(encoding="utf-8")
    start = re.search(r"^\{$", text, re.MULTILINE)
    assert start, "seed 004 has no JSON block"
    return load_bytes(text[start.start() :], name=f"{path}#json").data


@pytest.fixture(scope="session")
def v03_facts(shared_dir: Path) -> str:
    return (shared_dir / "reference" / "facts" / "v03-facts.md").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def v03_spec() -> Any:
    return load_path(V03_SPEC).data


@pytest.fixture(scope="session")
def v03_overlay() -> Any:
    return load_path(V03_OVERLAY).data


@pytest.fixture(scope="session")
def v03_spec_patched(v03_spec: Any, v03_overlay: Any) -> Any:
    return apply_overlay(v03_spec, v03_overlay)


@pytest.fixture(scope="session")
def job_schema() -> Any:
    return load_path(JOB_SCHEMA).data


@pytest.fixture(scope="session")
def job_overlay() -> Any:
    return load_path(JOB_OVERLAY).data


@pytest.fixture(scope="session")
def job_schema_patched(job_schema: Any, job_overlay: Any) -> Any:
    return apply_overlay(job_schema, job_overlay)
