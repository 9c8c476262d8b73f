"""Seed corpora from the real inputs: the specs, the linter's client corpus, v0.3 fixtures."""

from __future__ import annotations

import json
from pathlib import Path

from ionqkit.spec.loader import load_path

REPO = Path(__file__).resolve().parents[1]
SPECS = REPO / "specs"


def _files(*patterns: str) -> list[Path]:
    found: set[Path] = set()
    for pattern in patterns:
        found.update(p for p in REPO.glob(pattern) if p.is_file())
    return sorted(found)


def spec_files() -> list[Path]:
    return [
        REPO / "tests" / "codegen" / "data" / "mini.openapi.yaml",
        SPECS / "ionq-job.schema.json",
        SPECS / "ionq-v0.3.openapi.yaml",
        SPECS / "ionq-v0.4.openapi.yaml",
    ]


def payload_files() -> list[Path]:
    return _files("tests/validators/corpus/**/*.json", "tests/migrate/fixtures/**/*.json")


def as_seeds(files: list[Path]) -> list[bytes]:
    """Each file as written, and YAML files also as JSON (the structural mutator's input form)."""
    seeds: list[bytes] = []
    for path in files:
        raw = path.read_bytes()
        seeds.append(raw)
        if path.suffix in (".yaml", ".yml"):
            seeds.append(json.dumps(load_path(path).data).encode())
    return seeds


def spec_seeds() -> list[bytes]:
    return as_seeds(spec_files())


def payload_seeds() -> list[bytes]:
    return as_seeds(payload_files())


def overlay_files() -> list[Path]:
    return sorted((SPECS / "overlays").glob("*.yaml"))


def overlay_seeds() -> list[bytes]:
    """Our overlays, and overlays that copy an update into every match of a wide target: the
    mutator's duplications grow the update or the actions past the overlay's work budget."""
    update = {"x-copy": [{"name": f"n{i}", "v": i} for i in range(300)]}
    wide = ["$..[?@.type]", "$..*", "$.components.schemas[*]", "$..properties[*]", "$..[?@.*]"]
    amplifying = [
        {
            "overlay": "1.0.0",
            "info": {"title": "t", "version": "1"},
            "actions": [{"target": t, "update": update}],
        }
        for t in wide
    ]
    return as_seeds(overlay_files()) + [json.dumps(overlay).encode() for overlay in amplifying]
