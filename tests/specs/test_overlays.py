"""specs/overlays/*.overlay.yaml: well-formed Overlay 1.0 documents whose every action matches a node
of its spec at the moment it is applied, and whose v0.3 fixes have the documented effect."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jsonpath_rfc9535 as jsonpath
import pytest
from openapi_schema_validator import OAS30Validator

from ionqkit.spec.loader import load_path
from ionqkit.spec.overlay import apply_overlay
from ionqkit.spec.specload import load_spec

from .spec_helpers import JOB_OVERLAY, JOB_SCHEMA, V03_OVERLAY, V03_SPEC, deref

PAIRS = [pytest.param(V03_SPEC, V03_OVERLAY, id="v0.3"), pytest.param(JOB_SCHEMA, JOB_OVERLAY, id="job")]


@pytest.mark.parametrize(("spec_path", "overlay_path"), PAIRS)
def test_overlay_is_a_well_formed_overlay_1_0_document(spec_path: Path, overlay_path: Path) -> None:
    overlay = load_path(overlay_path).data
    assert overlay["overlay"] == "1.0.0"
    assert isinstance(overlay["info"]["title"], str)
    assert isinstance(overlay["info"]["version"], str)
    assert overlay["actions"]
    for action in overlay["actions"]:
        jsonpath.compile(action["target"])
        assert action["description"].strip(), f"{action['target']} has no description"
        assert ("update" in action) != (action.get("remove") is True), action["target"]


@pytest.mark.parametrize(("spec_path", "overlay_path"), PAIRS)
def test_every_action_matches_a_node_when_it_is_applied(spec_path: Path, overlay_path: Path) -> None:
    overlay = load_path(overlay_path)
    _, applied = apply_overlay(load_path(spec_path), overlay)
    assert [action.target for action in applied] == [action["target"] for action in overlay.data["actions"]]
    assert all(action.matches for action in applied)


@pytest.mark.parametrize(("spec_path", "overlay_path"), PAIRS)
def test_the_generator_loads_validates_and_patches_the_spec(spec_path: Path, overlay_path: Path) -> None:
    loaded = load_spec(spec_path, overlay_path)
    assert loaded.overlay is not None
    assert len(loaded.applied) == len(loaded.overlay.data["actions"])


def payload_is_valid(spec: Any, payload: Any) -> bool:
    schema = deref(spec, {"$ref": "#/components/schemas/JobCreationPayload"})
    return bool(OAS30Validator(schema).is_valid(payload))


@pytest.mark.parametrize("model", ["aria-2", "forte-1", "forte-enterprise-1"])
def test_documented_noise_models_are_accepted_only_once_patched(
    v03_spec: Any, v03_spec_patched: Any, model: str
) -> None:
    payload = {"target": "simulator", "noise": {"model": model}}
    assert not payload_is_valid(v03_spec, payload)
    assert payload_is_valid(v03_spec_patched, payload)


def test_fractional_shots_are_rejected_once_patched(v03_spec: Any, v03_spec_patched: Any) -> None:
    assert payload_is_valid(v03_spec, {"shots": 100.5})
    assert not payload_is_valid(v03_spec_patched, {"shots": 100.5})
    assert payload_is_valid(v03_spec_patched, {"shots": 100})


def test_gate_counts_become_integers_and_forte_enterprise_gets_characterizations(
    v03_spec_patched: Any,
) -> None:
    schemas = v03_spec_patched["components"]["schemas"]
    counts = schemas["Job"]["properties"]["gate_counts"]["properties"]
    assert {name: node["type"] for name, node in counts.items()} == {"1q": "integer", "2q": "integer"}
    assert "qpu.forte-enterprise-1" in schemas["CharacterizationBackend"]["enum"]
