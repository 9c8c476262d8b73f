"""Where ionqkit's packaged data lives (works from a source checkout and from a wheel).

`PACKAGE_ROOT` and `package_file()` are plain strings, for the lint path: importing pathlib (with
urllib.parse and ipaddress) costs a one-file lint 7 ms, a tenth of it. The folders as
`pathlib.Path`s (`PACKAGE_DIR`, `SPECS_DIR`, `TEMPLATES_DIR`, `GENERATED_DIR`) are made when first
imported, for codegen and the other commands.
"""

from __future__ import annotations

import os

TYPE_CHECKING = False  # typing is not imported at run time: see ionqkit/__init__.py
if TYPE_CHECKING:
    from pathlib import Path

    PACKAGE_DIR: Path
    SPECS_DIR: Path
    TEMPLATES_DIR: Path
    GENERATED_DIR: Path

PACKAGE_ROOT = os.path.dirname(os.path.realpath(__file__))
_FOLDERS = {
    "PACKAGE_DIR": (),
    "SPECS_DIR": ("specs",),
    "TEMPLATES_DIR": ("templates",),
    "GENERATED_DIR": ("generated",),
}


def package_file(*parts: str) -> str:
    """The path of a file shipped in the package: `package_file("generated", "x", "y.json")`."""
    return os.path.join(PACKAGE_ROOT, *parts)


def __getattr__(name: str) -> Path:
    if name in _FOLDERS:
        from pathlib import Path

        folder = Path(PACKAGE_ROOT, *_FOLDERS[name])
        globals()[name] = folder  # made once
        return folder
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
