"""Two installs: `pip install ionqkit` gives the clients, the models and the linter with light
dependencies; the code generator's toolchain is the `codegen` extra, the only place with exact pins."""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from importlib.metadata import requires
from pathlib import Path

import pytest
from packaging.requirements import Requirement

from ionqkit.cli import generate as generate_command
from ionqkit.codegen.standalone import DEPENDENCIES

from .wheelhouse import base_and_extra

Cli = Callable[..., tuple[int, str, str]]
# What `ionqkit generate` checks is installed before it runs: what the codegen extra must hold.
TOOLCHAIN = set(generate_command.TOOLCHAIN.values())


def requirements() -> tuple[dict[str, str], dict[str, str]]:
    """(base, codegen extra) as the installed distribution's metadata states them: name -> spec."""
    return base_and_extra(requires("ionqkit") or [], "codegen")


def test_the_base_install_pulls_no_generator_toolchain() -> None:
    base, _ = requirements()
    assert TOOLCHAIN.isdisjoint(base), base
    assert {"httpx", "pydantic", "orjson"} <= set(base)
    assert not [f"{name}{spec}" for name, spec in base.items() if spec.startswith("==")]


def test_the_codegen_extra_holds_the_toolchain_and_pins_what_shapes_the_bytes() -> None:
    _, codegen = requirements()
    assert set(codegen) == TOOLCHAIN
    assert codegen["datamodel-code-generator"].startswith("==")
    assert codegen["ruff"].startswith("==")


def test_generate_without_the_extra_exits_2_naming_it(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(generate_command, "TOOLCHAIN", {"ionqkit_no_such_module": "datamodel-code-generator"})
    code, out, err = cli("generate", "--check")
    assert code == 2
    assert err == (
        "error: generate: needs the code generator toolchain, which is not installed "
        "(datamodel-code-generator): pip install 'ionqkit[codegen]'\n"
    )
    assert out == ""


def test_the_toolchain_is_found_where_make_installs_it() -> None:
    assert generate_command.missing_toolchain() == []


def _lower_bounds(requirements: list[str] | tuple[str, ...]) -> dict[str, str]:
    """name -> the version of its `>=` bound."""
    bounds = {}
    for text in requirements:
        requirement = Requirement(text)
        (bound,) = [spec.version for spec in requirement.specifier if spec.operator == ">="]
        bounds[requirement.name.lower()] = bound
    return bounds


def test_a_standalone_package_needs_the_versions_ionqkits_runtime_needs() -> None:
    """DEPENDENCIES (a standalone project's pyproject.toml) may not allow a version older than
    ionqkit's own runtime is declared to work with."""
    pyproject = Path(__file__).resolve().parents[2] / "pyproject.toml"
    declared = _lower_bounds(tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["dependencies"])
    standalone = _lower_bounds(DEPENDENCIES)
    assert standalone == {name: declared.get(name) for name in standalone}
