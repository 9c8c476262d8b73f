"""`ionqkit diff` on the two comparisons users run: v0.3 -> v0.4 (with renames) and the seed cut at
32 KB (indentation restored) -> the full v0.4 spec. Beside each: parsing both specs alone (the floor
every diff pays) and the whole command in a fresh process."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

from ionqkit.diff.compare import compare
from ionqkit.diff.renames import load_renames
from ionqkit.spec.loader import load_bytes, load_path

from .common import REPO, Row, median_time, run_command

SHARED = REPO.parent / "shared"
V03 = REPO / "specs" / "ionq-v0.3.openapi.yaml"
V04 = REPO / "specs" / "ionq-v0.4.openapi.yaml"
RENAMES = REPO / "specs" / "renames" / "ionq-v0.3-to-v0.4.yaml"


def _seed_tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "_ionqkit_tools_restore_seed003", REPO / "tools" / "specs" / "restore_seed003.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run(repeat: int = 3) -> list[Row]:
    rows = []
    renames = load_renames(RENAMES)

    def parse_pair() -> None:
        load_path(V03)
        load_path(V04)

    def diff_pair() -> None:
        compare(load_path(V03), load_path(V04), renames).changes  # noqa: B018

    rows.append(Row("diff", "parse v0.3 + v0.4 (floor)", median_time(parse_pair, repeat), repeat))
    pair = median_time(diff_pair, repeat)
    rows.append(Row("diff", "compare v0.3 -> v0.4 (in process)", pair, repeat, "parse v0.3 + v0.4 (floor)"))
    command: list[str | Path] = [
        sys.executable,
        "-m",
        "ionqkit",
        "diff",
        V03,
        V04,
        "--renames",
        RENAMES,
        "--fail-on",
        "none",
    ]
    whole = median_time(lambda: run_command(command), repeat)
    rows.append(Row("diff", "ionqkit diff v0.3 v0.4 (process)", whole, repeat, "parse v0.3 + v0.4 (floor)"))
    if (SHARED / "seeds").is_dir():
        tool = _seed_tool()
        full_path = SHARED / tool.FULL_NAME
        full_text = full_path.read_text(encoding="utf-8")
        restored, _ = tool.restore_seed((SHARED / tool.SEED_NAME).read_text(encoding="utf-8"), full_text)

        def parse_cut() -> None:
            load_bytes(restored, name="seed-003")
            load_path(full_path)

        def diff_cut() -> None:
            compare(load_bytes(restored, name="seed-003"), load_path(full_path)).changes  # noqa: B018

        rows.append(Row("diff", "parse seed-cut + full v0.4 (floor)", median_time(parse_cut, repeat), repeat))
        cut = median_time(diff_cut, repeat)
        floor = "parse seed-cut + full v0.4 (floor)"
        rows.append(Row("diff", "compare seed-cut -> full v0.4 (in process)", cut, repeat, floor))
    return rows
