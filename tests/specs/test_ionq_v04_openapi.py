"""specs/ionq-v0.4.openapi.yaml: valid, and every structural fact equals upstream's."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

from openapi_spec_validator import validate

from ionqkit.spec.loader import load_bytes, load_path
from ionqkit.spec.specload import load_spec

REPO = Path(__file__).resolve().parents[2]
# tools/ is a folder of scripts, not a package: load the rebuild tool from its file, privately named.
_SPEC = importlib.util.spec_from_file_location(
    "_ionqkit_tools_rebuild_v04", REPO / "tools" / "specs" / "rebuild_v04.py"
)
assert _SPEC and _SPEC.loader
rebuild = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(rebuild)
FULL_NAME: str = rebuild.FULL_NAME
SEED_NAME: str = rebuild.SEED_NAME
SPEC = REPO / "specs" / "ionq-v0.4.openapi.yaml"
OVERLAY = REPO / "specs" / "overlays" / "ionq-v0.4.overlay.yaml"
PROSE = {"description", "summary", "x-codeSamples"}


def without_prose(node: Any) -> Any:
    if isinstance(node, dict):
        return {k: without_prose(v) for k, v in node.items() if k not in PROSE}
    if isinstance(node, list):
        return [without_prose(v) for v in node]
    return node


def test_spec_is_valid_openapi_before_and_after_the_overlay() -> None:
    validate(load_path(SPEC).data)
    loaded = load_spec(SPEC, OVERLAY)
    assert len(loaded.applied) == 10


def test_structure_names_enums_limits_and_examples_equal_upstream(shared: Path) -> None:
    ours = load_path(SPEC).data
    upstream = load_path(shared / FULL_NAME).data
    assert without_prose(ours) == without_prose(upstream)


def test_no_upstream_prose_is_kept(shared: Path) -> None:
    upstream_text = (shared / FULL_NAME).read_text()
    ours = load_path(SPEC).data
    found = []

    def walk(node: Any, pointer: str) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                prose = key in ("description", "summary") and isinstance(value, str) and len(value) > 40
                if prose and value in upstream_text:
                    found.append(pointer + "/" + key)
                walk(value, f"{pointer}/{key}")
        elif isinstance(node, list):
            for index, value in enumerate(node):
                walk(value, f"{pointer}/{index}")

    walk(ours, "")
    assert found == []


def test_seed_003_restores_to_a_prefix_of_the_spec(shared: Path) -> None:
    seed_text = (shared / SEED_NAME).read_text()
    full = load_path(shared / FULL_NAME)
    restored, differences = rebuild.restore_seed(seed_text, full.text)
    assert rebuild.check_prefix(load_bytes(restored, name="seed").data, full.data) > 400
    assert differences and all("[email protected]" in d for d in differences)


def test_overlay_fixes_the_documented_upstream_defects() -> None:
    data = load_spec(SPEC, OVERLAY).data
    schemas = data["components"]["schemas"]
    for gate in ("Gate_QisGate", "Gate_NativeGate"):
        for operand in ("targets", "controls"):
            assert schemas[gate]["properties"][operand]["items"] == {
                "type": "integer",
                "format": "int32",
                "minimum": 0,
            }
    assert data["security"] == [{"apiKeyAuth": []}]
    assert data["paths"]["/backends"]["get"]["security"] == [], "public endpoints stay public"
    assert set(schemas["Usages"]["required"]) <= set(schemas["Usages"]["properties"])
    assert "Metadata" not in data["components"]["examples"]
