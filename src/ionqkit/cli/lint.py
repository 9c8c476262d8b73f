"""`ionqkit lint`: check job payload files (JSON or YAML), directories, or `-` for stdin.

Exit 0 when there are no errors (warnings alone pass unless --warnings-as-errors), 1 when there
are errors, 2 when a path cannot be read or the arguments/config are wrong. `--fix` and `--diff`
are cli/lint_fix.py.
"""

from __future__ import annotations

import sys

from ionqkit.cli.options import LintOptions


def execute(options: LintOptions) -> int:
    from ionqkit.errors import InputError
    from ionqkit.escape import printable
    from ionqkit.records import replace
    from ionqkit.spec.inputs import read_stdin
    from ionqkit.validators import config as lint_config
    from ionqkit.validators.batch import STDIN, lint_files
    from ionqkit.validators.discover import files_to_check
    from ionqkit.validators.render import RENDERERS, LintReport

    config = lint_config.load(options.config)
    if options.select:
        config = replace(config, select=lint_config.codes(options.select, "--select"))
    if options.ignore:
        config = replace(config, ignore=(*config.ignore, *lint_config.codes(options.ignore, "--ignore")))
    if options.warnings_as_errors:
        config = replace(config, warnings_as_errors=True)
    if options.spec is not None:
        config = replace(config, spec=options.spec, overlay=options.overlay)  # no overlay alone: options.py
    config.facts()  # a bad --spec is one located error before any file is read
    api_version = options.api_version or config.api_version
    files, problems = files_to_check(list(options.paths))
    if options.fix or options.diff:
        from ionqkit.cli.lint_fix import execute_fix

        return execute_fix(options, config, api_version, files, problems)
    stdin = None
    if STDIN in files:
        try:
            stdin = read_stdin()
        except InputError as exc:
            problems.append(str(exc))
            files = [name for name in files if name != STDIN]
    diagnostics = []
    checked = 0
    for result in lint_files(files, api_version=api_version, config=config, jobs=options.jobs, stdin=stdin):
        if result.problem is not None:
            problems.append(result.problem)
            continue
        checked += 1
        diagnostics.extend(result.diagnostics)
    sys.stdout.write(RENDERERS[options.format](LintReport(diagnostics, checked, unread=len(problems))))
    for problem in problems:
        print(f"error: {printable(problem)}", file=sys.stderr)
    if problems:
        return 2
    return 1 if any(d.is_error for d in diagnostics) else 0
