"""`ionqkit diff OLD NEW`: classify the changes between two OpenAPI specs.

OLD and NEW are file paths or `git:REV:PATH` (PATH relative to the repository root, as for
`git show`). Exit 0 when nothing at or above --fail-on changed, 1 when something did, 2 when an
input cannot be read.
"""

from __future__ import annotations

import argparse
import sys

FAIL_ON = {"breaking": "error", "warning": "warning", "none": None}


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("old", metavar="OLD", help="old spec: a path or git:REV:PATH")
    parser.add_argument("new", metavar="NEW", help="new spec: a path or git:REV:PATH")
    from ionqkit.findings.formats import DIFF_FORMATS

    parser.add_argument("--format", choices=DIFF_FORMATS, default="text")
    parser.add_argument(
        "--fail-on",
        choices=tuple(FAIL_ON),
        default="breaking",
        help="exit 1 when a change at or above this level is found (default: breaking)",
    )
    parser.add_argument("--renames", metavar="FILE", help="cross-version renames (e.g. specs/renames/*.yaml)")


def run(args: argparse.Namespace) -> int:
    from ionqkit.diff.compare import compare
    from ionqkit.diff.renames import read_renames
    from ionqkit.diff.report import render
    from ionqkit.diff.sources import load_source
    from ionqkit.findings import Severity

    renames = read_renames(args.renames)
    old, new = load_source(args.old), load_source(args.new)
    report = compare(old.doc, new.doc, renames, input_warnings=old.warnings + new.warnings)
    sys.stdout.write(render(report, args.format))
    threshold = FAIL_ON[args.fail_on]
    if threshold is None or report.max_level is None:
        return 0
    return 1 if report.max_level >= Severity(threshold) else 0
