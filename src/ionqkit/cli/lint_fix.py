"""`ionqkit lint --fix [--unsafe-fixes] PATH...` and `ionqkit lint --diff PATH...`.

--fix writes each file's fixes (validators/fixfiles.py: atomically, and not over a file changed
meanwhile), re-lints, and reports what is left in the chosen format; a line on stderr says how many
findings were fixed. Exit as lint does, by what is left: 0 without errors, 1 with errors, 2 if a
path could not be read or a file could not be written.

With `-` (then the only PATH), the fixed payload goes to stdout, whole, fixed or not, and the
report of what is left to stderr: an editor or a shell pipe can use it as a filter.

Files are fixed one after the other (--jobs is not used), so a file named twice, or through a
link, is fixed once. A fix whose edited text would say more than it means (a YAML anchor whose
other uses would change too) is not applied, and named on stderr.

--diff writes nothing: it prints each file's fixes as a unified diff and exits 1 if anything
would change, 0 if nothing would; 2 if a path could not be read or a file cannot be fixed because
its text does not parse (or has duplicate keys): `error: FILE:LINE:COL: CODE cause`.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from ionqkit.cli.options import LintOptions

if TYPE_CHECKING:
    from ionqkit.validators.config import LintConfig
    from ionqkit.validators.fixer import Fixed


def execute_fix(
    options: LintOptions, config: LintConfig, api_version: str, files: list[str], problems: list[str]
) -> int:
    from ionqkit.errors import InputError
    from ionqkit.escape import printable
    from ionqkit.spec.inputs import read_stdin
    from ionqkit.validators.api import fix
    from ionqkit.validators.batch import STDIN
    from ionqkit.validators.fixfiles import FileFix, encode, fix_file, unfixable, unified_diff
    from ionqkit.validators.render import RENDERERS, LintReport

    def fixer(raw: bytes, name: str) -> Fixed:
        return fix(raw, unsafe_fixes=options.unsafe_fixes, api_version=api_version, config=config, name=name)

    unread = len(problems)
    results: list[FileFix] = []
    cleaned: set[Path] = set()
    for name in files:
        if name == STDIN:
            try:
                raw = read_stdin()
            except InputError as exc:
                problems.append(str(exc))
                unread += 1
                continue
            results.append(FileFix("<stdin>", fixer(raw, "<stdin>")))
            continue
        result = fix_file(name, fixer, write=not options.diff, cleaned=cleaned)
        if result.fixed is None:
            unread += 1
        if result.problem is not None:
            problems.append(result.problem)
        results.append(result)
    fixed = [(r.name, r.fixed) for r in results if r.fixed is not None]
    err = sys.stderr
    if options.diff:
        for name, outcome in fixed:
            sys.stdout.write(unified_diff(printable(name), outcome))
            problems.extend(f"{d.where()}: {d.code} {d.message}; not fixed" for d in unfixable(outcome)[:1])
    elif files == [STDIN] and fixed:
        sys.stdout.flush()
        sys.stdout.buffer.write(encode(fixed[0][1].after))
        sys.stdout.buffer.flush()
    if not options.diff:
        report = LintReport([d for _, outcome in fixed for d in outcome.diagnostics], len(fixed), unread)
        out = err if files == [STDIN] else sys.stdout
        out.write(RENDERERS[options.format](report))
    _summary(options, fixed)
    for problem in problems:
        print(f"error: {printable(problem)}", file=err)
    if problems:
        return 2
    if options.diff:
        return 1 if any(outcome.changed for _, outcome in fixed) else 0
    return 1 if any(d.is_error for _, outcome in fixed for d in outcome.diagnostics) else 0


def _summary(options: LintOptions, fixed: list[tuple[str, Fixed]]) -> None:
    """On stderr: the files whose text kept them from any fix, the fixes that were refused, then
    one line saying how many findings were (or would be) fixed and how many unsafe fixes wait."""
    from ionqkit.escape import printable

    done = [outcome for _, outcome in fixed]
    for name, outcome in fixed:
        if outcome.blocked is not None and not options.diff:  # --diff: an error line says it
            d = outcome.blocked
            print(printable(f"warning: {d.where()}: {d.code} {d.message}; not fixed"), file=sys.stderr)
        if outcome.reverted:
            message = f"{name}: not fixed, since the result would have more errors (please report this)"
            print(printable(f"warning: {message}"), file=sys.stderr)
        for d in outcome.refused:  # e.g. a YAML anchor whose other uses the edit would change too
            message = (
                f"{d.where()}: {d.code} not fixed: the edited text would change more than the fix means to"
            )
            print(printable(f"warning: {message}"), file=sys.stderr)
    count = sum(len(o.applied) for o in done)
    files = sum(o.changed for o in done)
    waiting = 0 if options.unsafe_fixes else sum(o.unsafe_left for o in done)
    parts = []
    if count:
        verb = "Would fix" if options.diff else "Fixed"
        parts.append(f"{verb} {count} finding(s) in {files} {'file' if files == 1 else 'files'}.")
    if waiting:
        parts.append(f"{waiting} {'more ' if count else ''}fixable with --unsafe-fixes.")
    if parts:
        print(" ".join(parts), file=sys.stderr)
