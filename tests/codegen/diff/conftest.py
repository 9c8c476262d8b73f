"""Fixtures for the spec-diff tests: tiny OpenAPI documents built in code, loaded like files."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from typing import Any

import pytest
from ruamel.yaml import YAML

from ionqkit.codegen.loader import Document, load_bytes

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
