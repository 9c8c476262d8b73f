"""Modules of the dev-script folders (fuzz/, bench/) for tests, loaded as `python fuzz` loads them.

Those folders are not importable packages (their __init__.py refuses `import fuzz`), so a test
never imports them by a top-level name: it loads the folder's __main__.py under a private name and
asks its `load()` for a module, which comes back as `_ionqkit_fuzz.<module>`. The tests thereby
exercise the same loading path the runner uses.
"""

from __future__ import annotations

import importlib.util
import sys
from functools import cache
from pathlib import Path
from types import ModuleType

REPO = Path(__file__).resolve().parents[1]


@cache
def _runner(folder: str) -> ModuleType:
    name = f"_ionqkit_{folder}_main"
    spec = importlib.util.spec_from_file_location(name, REPO / folder / "__main__.py")
    assert spec and spec.loader, folder
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def dev_module(folder: str, module: str) -> ModuleType:
    """`folder/module.py` (e.g. "fuzz", "engine"), imported under the folder's private package."""
    loaded: ModuleType = _runner(folder).load(module)
    return loaded
