"""Fixtures for the migration tests: captured client payloads and a v0.4 payload validator."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from ionqkit.spec.specload import load_spec

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "v03"
REPO = Path(__file__).resolve().parents[2]


def client_payloads() -> list[Path]:
    return sorted(FIXTURES.glob("*.json"))


@pytest.fixture(scope="session")
def v04_payload_validator() -> jsonschema.Draft4Validator:
    """JobCreationPayload of our v0.4 spec (overlay applied), as a JSON Schema validator."""
    spec = load_spec(
        REPO / "specs" / "ionq-v0.4.openapi.yaml", REPO / "specs" / "overlays" / "ionq-v0.4.overlay.yaml"
    )
    components: dict[str, Any] = spec.data["components"]
    return jsonschema.Draft4Validator(
        {"$ref": "#/components/schemas/JobCreationPayload", "components": components}
    )


def read(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))
