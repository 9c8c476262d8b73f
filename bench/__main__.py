"""`python bench` (what `make bench` runs): every benchmark, side by side in one run, printed as
medians and ratios. `python bench --only lint_bench --rounds 5` runs one suite."""

from __future__ import annotations

import argparse
import importlib
import importlib.machinery
import importlib.util
import sys
from pathlib import Path
from types import ModuleType

HERE = Path(__file__).resolve().parent
PACKAGE = "_ionqkit_bench"

SUITES = ("generate_bench", "diff_bench")
# Suites that print their own report (medians and ratios) rather than returning rows.
REPORTS = ("lint_bench", "memory_bench", "schema_bench", "startup_bench")


def load(module: str) -> ModuleType:
    """This folder's `module`, imported as `_ionqkit_bench.<module>`. bench/ is no importable package
    (bench/__init__.py refuses), so its modules import each other relatively inside a package with
    a private name that this registers without running __init__.py."""
    if PACKAGE not in sys.modules:
        spec = importlib.machinery.ModuleSpec(PACKAGE, None, is_package=True)
        spec.submodule_search_locations = [str(HERE)]
        sys.modules[PACKAGE] = importlib.util.module_from_spec(spec)
    return importlib.import_module(f"{PACKAGE}.{module}")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python bench")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--only", choices=(*SUITES, *REPORTS))
    parser.add_argument(
        "--rounds", type=int, default=9, help="lint_bench and startup_bench timing rounds (default 9)"
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help="issue 12's targets alone (startup_bench), 3 rounds",
    )
    args = parser.parse_args(argv)
    if args.quick:
        return int(load("startup_bench").main(3, quick=True))
    rows = []
    for suite in SUITES:
        if not args.only or args.only == suite:
            rows += load(suite).run(repeat=args.repeat)
    if rows:
        load("common").print_table(rows)
    for report in REPORTS:
        if not args.only or args.only == report:
            print()
            module = load(report)
            module.main(args.rounds) if report in ("lint_bench", "startup_bench") else module.main()
    return 0


if __name__ == "__main__":
    # `python bench` puts bench/ itself first on sys.path, which would make `common` an importable
    # top-level name in this process: drop it, the modules load via PACKAGE.
    if sys.path and Path(sys.path[0]).resolve() == HERE:
        del sys.path[0]
    raise SystemExit(main(sys.argv[1:]))
