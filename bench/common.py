"""Timing helpers shared by the benchmarks: medians over repeated runs, ratios, one table."""

from __future__ import annotations

import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


@dataclass(frozen=True)
class Row:
    group: str
    name: str
    median_s: float
    runs: int
    baseline: str | None = None  # name of the row in the same group this one is compared with
    note: str = ""


def median_time(
    action: Callable[[], object], repeat: int, setup: Callable[[], object] | None = None
) -> float:
    times = []
    for _ in range(repeat):
        if setup is not None:
            setup()
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def run_command(command: Sequence[str | Path], cwd: Path | None = None) -> None:
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    result = subprocess.run(
        [str(c) for c in command], cwd=cwd, env=env, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(map(str, command))} failed:\n{result.stderr[-2000:]}")


def machine() -> str:
    python = f"{platform.python_implementation()} {platform.python_version()}"
    return f"{python}, {os.cpu_count()} cores, {platform.machine()}"


def print_table(rows: Sequence[Row]) -> None:
    by_name = {(r.group, r.name): r for r in rows}
    print(f"machine: {machine()}")
    print(f"{'group':<10} {'benchmark':<58} {'median':>10} {'runs':>5} {'ratio':>22}")
    for row in rows:
        ratio = ""
        if row.baseline and (row.group, row.baseline) in by_name:
            base = by_name[(row.group, row.baseline)].median_s
            ratio = f"{row.median_s / base:.2f}x {row.baseline[:14]}" if base else ""
        note = f"  {row.note}" if row.note else ""
        print(f"{row.group:<10} {row.name:<58} {row.median_s:>9.3f}s {row.runs:>5} {ratio:>22}{note}")
