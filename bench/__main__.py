"""`make bench`: every benchmark, side by side in one run, printed as medians and ratios."""

from __future__ import annotations

import argparse
import importlib

from bench.common import Row, print_table

SUITES = ("bench.generate_bench", "bench.diff_bench")
# Suites that print their own report (medians and ratios) rather than returning rows.
REPORTS = ("bench.lint_bench", "bench.memory_bench")


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--only", choices=[s.rsplit(".", 1)[-1] for s in (*SUITES, *REPORTS)])
    args = parser.parse_args()
    rows: list[Row] = []
    for suite in SUITES:
        if args.only and not suite.endswith(args.only):
            continue
        rows += importlib.import_module(suite).run(repeat=args.repeat)
    if rows:
        print_table(rows)
    for report in REPORTS:
        if not args.only or report.endswith(args.only):
            print()
            importlib.import_module(report).main()
    return 0


raise SystemExit(main())
