"""Which specs generate which packages: `[[tool.ionqkit.generate.targets]]` in pyproject.toml."""

from __future__ import annotations

import keyword
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ionqkit.errors import InputError
from ionqkit.spec.inputs import read_text_file

from .class_names import NONE, ClassNames, check_table, load_file

PACKAGE_NAME = re.compile(r"^[a-z_][a-z0-9_]*$")


@dataclass(frozen=True)
class Target:
    spec: Path
    overlay: Path | None
    package: str
    class_names: ClassNames = field(default=NONE)  # the class-name override table (codegen/class_names.py)


MAX_PACKAGE_NAME = 100  # with the suffix of a temporary name it must fit in 255 bytes


def check_package_name(name: str, source: str = "--package") -> str:
    if not PACKAGE_NAME.match(name):
        raise InputError(f"package name {name!r} is not a lowercase Python identifier", file=source)
    if keyword.iskeyword(name):  # `import class` is a syntax error: the package could not be used
        raise InputError(f"package name {name!r} is a Python keyword", file=source)
    if len(name) > MAX_PACKAGE_NAME:
        raise InputError(f"package name is longer than {MAX_PACKAGE_NAME} characters", file=source)
    return name


def load_targets(pyproject: Path) -> tuple[list[Target], Path]:
    """(targets, output root) from a pyproject.toml; paths are relative to its folder."""
    root = pyproject.parent
    if not pyproject.exists():
        raise InputError(
            "no pyproject.toml here; run from the project root or pass --spec/--out/--package",
            file=str(pyproject),
        )
    try:
        config = tomllib.loads(read_text_file(pyproject))
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"not valid TOML: {exc}", file=str(pyproject)) from None
    section = config.get("tool", {}).get("ionqkit", {}).get("generate", {})
    raw_targets = section.get("targets")
    if not isinstance(raw_targets, list) or not raw_targets:
        raise InputError("no [[tool.ionqkit.generate.targets]] entries", file=str(pyproject))
    targets = []
    seen: set[str] = set()
    for index, raw in enumerate(raw_targets):
        where = f"{pyproject}: tool.ionqkit.generate.targets[{index}]"
        if (
            not isinstance(raw, dict)
            or not isinstance(raw.get("spec"), str)
            or not isinstance(raw.get("package"), str)
        ):
            raise InputError("each target needs string `spec` and `package`", file=where)
        package = check_package_name(raw["package"], where)
        if package in seen:
            raise InputError(f"package {package!r} is generated twice", file=where)
        seen.add(package)
        overlay = raw.get("overlay")
        targets.append(
            Target(
                root / raw["spec"],
                root / overlay if isinstance(overlay, str) else None,
                package,
                _class_names(raw.get("class_names"), root, where),
            )
        )
    out = root / str(section.get("out", "generated"))
    return targets, out


def _class_names(value: Any, root: Path, where: str) -> ClassNames:
    """A target's `class_names`: an inline table, or the path of a YAML/JSON file with one."""
    if value is None:
        return NONE
    if isinstance(value, str):
        return load_file(root / value)
    return check_table(value, f"{where}.class_names")
