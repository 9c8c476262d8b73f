"""Fixtures for the spec-diff tests: tiny OpenAPI documents built in code, loaded like files."""

from __future__ import annotations

import importlib.util
import io
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from ionqkit.spec.loader import Document, load_bytes

REPO = Path(__file__).resolve().parents[2]
REFERENCE_V04 = Path("reference") / "ionq-v0.4-2026-05.openapi.yml"
UPSTREAM_V04 = Path("reference") / "ionq-v0.4-2026-09.openapi.json"  # what specs/ follows
RENAMES_V03_V04 = REPO / "specs" / "renames" / "ionq-v0.3-to-v0.4.yaml"

DocFactory = Callable[..., Document]


def dump(data: Any, fmt: str) -> str:
    if fmt == "json":
        return json.dumps(data, indent=2) + "\n"
    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = False
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


@pytest.fixture
def make_doc() -> DocFactory:
    """make_doc(data, fmt="yaml", name=...) -> a Document parsed from the dumped text."""

    def factory(data: dict[str, Any], fmt: str = "yaml", name: str = "") -> Document:
        text = dump(data, fmt)
        return load_bytes(text, name=name or f"spec.{fmt}")

    return factory


@pytest.fixture(scope="session")
def v03_fragment(shared: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Seed 001's embedded v0.3 OpenAPI (GET /jobs/{UUID} and the Job schema) as a YAML file."""
    text = (shared / "seeds" / "001_9840ff19c7ea4108.txt").read_text(encoding="utf-8")
    match = re.search(r"^````yaml[^\n]*\n(.*?)^````", text, re.MULTILINE | re.DOTALL)
    assert match, "seed 001 no longer embeds a fenced YAML block"
    path = tmp_path_factory.mktemp("v03") / "ionq-v0.3-fragment.yaml"
    path.write_text(match.group(1), encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def restored_seed_003(shared: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Seed 003 with its YAML indentation restored by aligning it to the full spec.

    The alignment is tools/specs/restore_seed003.restore_seed.
    """
    module_path = REPO / "tools" / "specs" / "restore_seed003.py"
    spec = importlib.util.spec_from_file_location("_ionqkit_tools_restore_seed003", module_path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    seed = (shared / "seeds" / "003_4cb836928e8a9b69.txt").read_text(encoding="utf-8")
    full = (shared / "reference" / "ionq-v0.4-2026-05.openapi.yml").read_text(encoding="utf-8")
    restored, _ = module.restore_seed(seed, full)
    path = tmp_path_factory.mktemp("seed003") / "seed-003-restored.yaml"
    path.write_text(restored, encoding="utf-8")
    return path
