"""Wheels built from this interpreter's installed distributions, and wheels built by the
setuptools in this venv: installs into a fresh venv that fetch nothing from any index.

A standalone package must install from its wheel with its own dependencies and nothing of
ionqkit. `pip install --no-index --find-links HOUSE` resolves those dependencies from a folder,
which this module fills by packing the distributions installed here (their RECORD lists every
file) back into wheels: the same versions the rest of the suite runs against, with no download.
"""

from __future__ import annotations

import base64
import email.parser
import hashlib
import re
import subprocess
import sys
import zipfile
from importlib.metadata import Distribution, distribution
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

_SKIPPED_METADATA = {"RECORD", "INSTALLER", "REQUESTED", "direct_url.json"}


def _normalized(name: str) -> str:
    return re.sub(r"[-_.]+", "_", name).lower()


def _tag(dist: Distribution) -> str:
    wheel = dist.read_text("WHEEL") or ""
    tags = [line.split(":", 1)[1].strip() for line in wheel.splitlines() if line.startswith("Tag:")]
    return tags[0] if tags else "py3-none-any"


def repack(name: str, house: Path) -> Path:
    """The installed distribution `name` as a wheel in `house`."""
    dist = distribution(name)
    dist_name, version = _normalized(dist.metadata["Name"]), dist.version
    target = house / f"{dist_name}-{version}-{_tag(dist)}.whl"
    info = f"{dist_name}-{version}.dist-info"
    record: list[str] = []
    with zipfile.ZipFile(target, "w", zipfile.ZIP_STORED) as wheel:
        for file in dist.files or []:
            relative = file.as_posix()
            parts = relative.split("/")
            if relative.startswith("..") or "__pycache__" in parts:
                continue
            if parts[0].endswith(".dist-info"):
                if parts[-1] in _SKIPPED_METADATA:
                    continue
                relative = "/".join([info, *parts[1:]])
            source = Path(str(dist.locate_file(file)))
            if not source.is_file():
                continue
            data = source.read_bytes()
            wheel.writestr(relative, data)
            digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
            record.append(f"{relative},sha256={digest},{len(data)}")
        record.append(f"{info}/RECORD,,")
        wheel.writestr(f"{info}/RECORD", "\n".join(record) + "\n")
    return target


def requirement_closure(requirements: list[str]) -> list[str]:
    """The installed distributions `requirements` need, recursively (markers evaluated here)."""
    seen: dict[str, None] = {}
    pending = [Requirement(text) for text in requirements]
    while pending:
        requirement = pending.pop()
        if requirement.marker is not None and not requirement.marker.evaluate({"extra": ""}):
            continue
        key = _normalized(requirement.name)
        if key in seen:
            continue
        seen[key] = None
        pending.extend(Requirement(text) for text in distribution(requirement.name).requires or [])
    return sorted(seen)


def fill(requirements: list[str], house: Path) -> list[Path]:
    house.mkdir(parents=True, exist_ok=True)
    return [repack(name, house) for name in requirement_closure(requirements)]


def requires_dist(wheel: Path) -> list[str]:
    """The Requires-Dist of a wheel's metadata (its base install: no extras)."""
    with zipfile.ZipFile(wheel) as archive:
        name = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
        metadata = email.parser.Parser().parsestr(archive.read(name).decode())
    return [r for r in metadata.get_all("Requires-Dist") or [] if "extra ==" not in r]


def base_and_extra(requirements: list[str], extra: str) -> tuple[dict[str, str], dict[str, str]]:
    """(the base install's requirements, those `extra` alone adds): canonical name -> specifier."""
    base: dict[str, str] = {}
    extras: dict[str, str] = {}
    for text in requirements:
        requirement = Requirement(text)
        name, marker = canonicalize_name(requirement.name), requirement.marker
        if marker is None:
            base[name] = str(requirement.specifier)
        elif marker.evaluate({"extra": extra}) and not marker.evaluate({"extra": ""}):
            extras[name] = str(requirement.specifier)
    return base, extras


def build_wheel(project: Path, out: Path) -> Path:
    """A wheel of `project` by the build backend installed here (setuptools, from the dev extra),
    without build isolation: nothing is fetched."""
    code = "import setuptools.build_meta as b, sys; print(b.build_wheel(sys.argv[1]))"
    out.mkdir(parents=True, exist_ok=True)
    result = subprocess.run(
        [sys.executable, "-c", code, str(out)], cwd=project, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise AssertionError(f"building {project} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    return out / result.stdout.strip().splitlines()[-1]
