"""ionqkit's own wheel, built as a package index would get it: it carries the LICENSE (Apache-2.0,
the declared license), and its metadata keeps the generator toolchain in the `codegen` extra.

Built by the setuptools of this venv (the dev extra asks for one new enough for license
expressions) without build isolation, so nothing is fetched; from a copy of the sources, so the
build leaves no egg-info or build/ folder in the working tree.
"""

from __future__ import annotations

import email.parser
import shutil
import zipfile
from pathlib import Path

import pytest

from ionqkit import __version__
from ionqkit.cli.generate import TOOLCHAIN as TOOLCHAIN_MODULES

from .wheelhouse import base_and_extra, build_wheel

TOOLCHAIN = set(TOOLCHAIN_MODULES.values())  # what `ionqkit generate` checks is installed


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    repo = Path(__file__).resolve().parents[2]
    source = tmp_path_factory.mktemp("source")
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy(repo / name, source / name)
    # src/ionqkit links the top-level folders in; the copy holds what they point to.
    shutil.copytree(repo / "src", source / "src", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    return build_wheel(source, tmp_path_factory.mktemp("dist"))


@pytest.mark.slow
def test_the_wheel_carries_the_license_file(wheel: Path) -> None:
    repo = Path(__file__).resolve().parents[2]
    info = f"ionqkit-{__version__}.dist-info"
    with zipfile.ZipFile(wheel) as archive:
        metadata = email.parser.Parser().parsestr(archive.read(f"{info}/METADATA").decode())
        license_text = archive.read(f"{info}/licenses/LICENSE")
        names = set(archive.namelist())
    assert metadata["License-Expression"] == "Apache-2.0"
    assert metadata.get_all("License-File") == ["LICENSE"]
    assert license_text == (repo / "LICENSE").read_bytes()
    assert b"Apache License" in license_text and b"Version 2.0, January 2004" in license_text
    # The index page shows the README; the templates standalone output needs ship in the wheel.
    assert metadata["Description-Content-Type"] == "text/markdown"
    assert {
        "ionqkit/templates/pyproject.toml.jinja",
        "ionqkit/templates/README.md.jinja",
        "ionqkit/templates/__init__.py.jinja",
        "ionqkit/runtime/host.py",
        "ionqkit/codegen/standalone.py",
    } <= names


@pytest.mark.slow
def test_requires_dist_holds_the_toolchain_only_under_the_codegen_extra(wheel: Path) -> None:
    info = f"ionqkit-{__version__}.dist-info"
    with zipfile.ZipFile(wheel) as archive:
        metadata = email.parser.Parser().parsestr(archive.read(f"{info}/METADATA").decode())
    base, codegen = base_and_extra(metadata.get_all("Requires-Dist") or [], "codegen")
    assert {"httpx", "pydantic", "orjson"} <= set(base)
    assert TOOLCHAIN.isdisjoint(base)
    assert set(codegen) == TOOLCHAIN
    assert "==" in codegen["datamodel-code-generator"] and "==" in codegen["ruff"]
    assert not [name for name, spec in base.items() if "==" in spec]  # the base install has ranges only
