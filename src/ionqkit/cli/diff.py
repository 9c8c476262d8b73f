"""`ionqkit diff OLD NEW`: classify the changes between two OpenAPI specs.

OLD and NEW are file paths or `git:REV:PATH` (PATH relative to the repository root, as for
`git show`). Exit 0 when nothing at or above --fail-on changed, 1 when something did, 2 when an
input cannot be read.
"""

from __future__ import annotations

import sys

from ionqkit.cli.options import DiffOptions


def execute(options: DiffOptions) -> int:
    from ionqkit.diff.compare import compare
    from ionqkit.diff.renames import read_renames
    from ionqkit.diff.report import render
    from ionqkit.diff.sources import load_source
    from ionqkit.findings import Severity

    renames = read_renames(options.renames)
    old, new = load_source(options.old), load_source(options.new)
    report = compare(old.doc, new.doc, renames, input_warnings=old.warnings + new.warnings)
    sys.stdout.write(render(report, options.format))
    if options.fail_at is None or report.max_level is None:
        return 0
    return 1 if report.max_level >= Severity(options.fail_at) else 0
