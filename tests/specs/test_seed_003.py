"""Seed 003 is the first 32 KB of IonQ's May 2026 v0.4 spec (indentation lost): restored by
tools/specs/restore_seed003.py, it parses to a prefix of the full May spec. The diff tests and the
diff bench compare that restored cut with the full spec."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from ionqkit.spec.loader import load_bytes, load_path

REPO = Path(__file__).resolve().parents[2]
# tools/ is a folder of scripts, not a package: load the tool from its file, privately named.
_SPEC = importlib.util.spec_from_file_location(
    "_ionqkit_tools_restore_seed003", REPO / "tools" / "specs" / "restore_seed003.py"
)
assert _SPEC and _SPEC.loader
tool = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(tool)


def test_seed_003_restores_to_a_prefix_of_the_may_spec(shared: Path) -> None:
    seed_text = (shared / tool.SEED_NAME).read_text()
    full = load_path(shared / tool.FULL_NAME)
    restored, differences = tool.restore_seed(seed_text, full.text)
    assert tool.check_prefix(load_bytes(restored, name="seed").data, full.data) > 400
    assert differences and all("[email protected]" in d for d in differences)
