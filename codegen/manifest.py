"""MANIFEST.json: what a generated package was made from, and what it contains.

`inputs` holds the sha256 of every input (spec, overlay, templates) and `generator` the versions
of everything that shapes the bytes (ionqkit's codegen sources, datamodel-code-generator, ruff).
`outputs` holds the sha256 of every generated file, so `--check` can tell an edited file from a
stale input without regenerating; `project`, in standalone output only, that of every project
file written beside the package (`pyproject.toml`, `README.md`, named relative to the output
folder). Paths are relative to the project root and sorted, and there is no timestamp: the
manifest is byte-identical wherever it is made.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import ionqkit.spec
from ionqkit.spec.inputs import read_file

MANIFEST = "MANIFEST.json"
FORMAT_VERSION = 1
CODEGEN_DIR = Path(__file__).resolve().parent
SPEC_CORE_DIR = Path(ionqkit.spec.__file__).resolve().parent


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sha256_file(path: Path) -> str:
    return sha256_bytes(read_file(path))


def _version(distribution: str, module: str) -> str:
    # The installed version from the dist-info folder beside the module, found without importing
    # either the module or importlib.metadata (together they would double a no-op run's time).
    spec = importlib.util.find_spec(module)
    if spec is not None and spec.origin:
        site = Path(spec.origin).parent.parent
        prefix = distribution.replace("-", "_") + "-"
        for info in site.glob(f"{prefix}*.dist-info"):
            return info.name[len(prefix) : -len(".dist-info")]
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(distribution)
    except PackageNotFoundError:
        return "not installed"


def generator_fingerprint() -> dict[str, str]:
    digest = hashlib.sha256()
    # The modules that shape output: codegen/ itself and the spec core it loads specs with.
    for folder in (CODEGEN_DIR, SPEC_CORE_DIR):
        for source in sorted(folder.glob("*.py")):
            digest.update(f"{folder.name}/{source.name}".encode())
            digest.update(source.read_bytes())
    return {
        "codegen_sha256": digest.hexdigest(),
        "datamodel-code-generator": _version("datamodel-code-generator", "datamodel_code_generator"),
        "ruff": _version("ruff", "ruff"),
    }


@dataclass(frozen=True)
class Inputs:
    """The relative name and sha256 of each input file, by role ("spec", "overlay", "template:x")."""

    files: Mapping[str, tuple[str, str]]
    generator: Mapping[str, str]

    def as_json(self) -> dict[str, Any]:
        return {
            "generator": dict(sorted(self.generator.items())),
            "inputs": {role: {"path": p, "sha256": h} for role, (p, h) in sorted(self.files.items())},
        }


def render(inputs: Inputs, outputs: Mapping[str, bytes], project: Mapping[str, bytes] | None = None) -> bytes:
    document: dict[str, Any] = {
        "format": FORMAT_VERSION,
        **inputs.as_json(),
        "outputs": {name: sha256_bytes(data) for name, data in sorted(outputs.items())},
    }
    if project:
        document["project"] = {name: sha256_bytes(data) for name, data in sorted(project.items())}
    return (json.dumps(document, indent=2, sort_keys=False, ensure_ascii=False) + "\n").encode()


def read(package_dir: Path) -> dict[str, Any] | None:
    path = package_dir / MANIFEST
    try:
        if not path.is_file():  # a FIFO in its place must not block the run
            return None
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and data.get("format") == FORMAT_VERSION else None


def stale_files(package_dir: Path, inputs: Inputs) -> list[str]:
    """Why the package does not match its inputs: [] when it is up to date."""
    recorded = read(package_dir)
    if recorded is None:
        return [f"{package_dir.name}/{MANIFEST} (missing or unreadable)"]
    problems = []
    expected = inputs.as_json()
    if recorded.get("generator") != expected["generator"]:
        problems.append(f"{package_dir.name} (generator changed)")
    if recorded.get("inputs") != expected["inputs"]:
        changed = sorted(
            role
            for role in set(recorded.get("inputs", {})) | set(expected["inputs"])
            if recorded.get("inputs", {}).get(role) != expected["inputs"].get(role)
        )
        problems.append(f"{package_dir.name} (inputs changed: {', '.join(changed)})")
    outputs = recorded.get("outputs", {})
    present = {
        p.relative_to(package_dir).as_posix()
        for p in package_dir.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and p.name != MANIFEST
    }
    for name in sorted(set(outputs) | present):
        path = package_dir / name
        if name not in outputs:
            problems.append(f"{package_dir.name}/{name} (not generated)")
        elif not path.is_file():
            problems.append(f"{package_dir.name}/{name} (missing)")
        elif sha256_file(path) != outputs[name]:
            problems.append(f"{package_dir.name}/{name} (edited)")
    project = recorded.get("project")
    for name, digest in sorted(project.items() if isinstance(project, dict) else []):
        path = package_dir.parent / name
        if not path.is_file() or path.is_symlink():
            problems.append(f"{name} (missing)")
        elif sha256_file(path) != digest:
            problems.append(f"{name} (edited)")
    return problems


def project_files(package_dir: Path) -> set[str]:
    """The project files the package's manifest says ionqkit wrote beside it."""
    recorded = read(package_dir)
    project = recorded.get("project") if recorded is not None else None
    return set(project) if isinstance(project, dict) else set()
