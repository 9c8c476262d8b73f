"""`python fuzz` (what `make fuzz` runs): every target, 102,000 inputs in all, each target in its
own process (`python fuzz TARGET --runs N`, which also runs one target by hand).

Not part of CI (it takes about half an hour on two cores); the smoke run in tests/fuzz is.
Crashing inputs are saved under .fuzz/crashes/<target>/; exit 1 if any target found one.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.machinery
import importlib.util
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from types import ModuleType

HERE = Path(__file__).resolve().parent
PACKAGE = "_ionqkit_fuzz"

# Inputs per target: the cheap targets take the bulk, generate (a full render per input) the least.
BUDGET = {
    "lint_target": 60_000,
    "migrate_target": 30_000,
    "diff_target": 8_000,
    "generate_target": 2_000,
    "overlay_target": 2_000,
}


def load(module: str) -> ModuleType:
    """This folder's `module`, imported as `_ionqkit_fuzz.<module>`. fuzz/ is no importable package
    (fuzz/__init__.py refuses), so its modules import each other relatively inside a package with
    a private name that this registers without running __init__.py. Tests load targets this way."""
    if PACKAGE not in sys.modules:
        spec = importlib.machinery.ModuleSpec(PACKAGE, None, is_package=True)
        spec.submodule_search_locations = [str(HERE)]
        sys.modules[PACKAGE] = importlib.util.module_from_spec(spec)
    return importlib.import_module(f"{PACKAGE}.{module}")


def run_all(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="python fuzz", epilog=f"one target: python fuzz {{{','.join(BUDGET)}}} --runs N"
    )
    parser.add_argument(
        "--scale", type=float, default=1.0, help="multiply every budget (0.01 for a quick look)"
    )
    parser.add_argument("--engine", choices=("auto", "atheris", "random"), default="auto")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args(argv)

    def run(target: str) -> int:
        runs = max(1, int(BUDGET[target] * args.scale))
        command = [sys.executable, str(HERE), target, f"--runs={runs}", f"--seed={args.seed}"]
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


def main(argv: list[str]) -> int:
    if argv and argv[0] in BUDGET:
        code: int = load(argv[0]).main(argv[1:])
        return code
    return run_all(argv)


if __name__ == "__main__":
    # `python fuzz` puts fuzz/ itself first on sys.path, which would make `engine`, `seeds` and
    # `mutate` importable top-level names in this process: drop it, the modules load via PACKAGE.
    if sys.path and Path(sys.path[0]).resolve() == HERE:
        del sys.path[0]
    raise SystemExit(main(sys.argv[1:]))
