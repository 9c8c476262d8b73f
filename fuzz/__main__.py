"""`make fuzz`: every target, 102,000 inputs in all, each target in its own process.

Not part of CI (it takes about half an hour on two cores); the smoke run in tests/fuzz is.
Crashing inputs are saved under .fuzz/crashes/<target>/; exit 1 if any target found one.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

# Inputs per target: the cheap targets take the bulk, generate (a full render per input) the least.
BUDGET = {
    "lint_target": 60_000,
    "migrate_target": 30_000,
    "diff_target": 8_000,
    "generate_target": 2_000,
    "overlay_target": 2_000,
}


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m fuzz")
    parser.add_argument(
        "--scale", type=float, default=1.0, help="multiply every budget (0.01 for a quick look)"
    )
    parser.add_argument("--engine", choices=("auto", "atheris", "random"), default="auto")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()

    def run(target: str) -> int:
        runs = max(1, int(BUDGET[target] * args.scale))
        command = [sys.executable, "-m", f"fuzz.{target}", f"--runs={runs}", f"--seed={args.seed}"]
        result = subprocess.run(
            [*command, f"--engine={args.engine}"], check=False, capture_output=True, text=True
        )
        tail = "\n".join(result.stderr.strip().splitlines()[-3:])
        print(f"== {target}: {runs:,} inputs, exit {result.returncode}\n{tail}", flush=True)
        return result.returncode

    with ThreadPoolExecutor(max_workers=args.jobs) as pool:
        codes = list(pool.map(run, BUDGET))
    total = sum(max(1, int(n * args.scale)) for n in BUDGET.values())
    print(f"{total:,} inputs in all; {sum(1 for c in codes if c)} target(s) failed")
    return 1 if any(codes) else 0


if __name__ == "__main__":
    raise SystemExit(main())
