"""`ionqkit lint`: check job payload files (JSON or YAML), directories, or `-` for stdin.

Exit 0 when there are no errors (warnings alone pass unless --warnings-as-errors), 1 when there
are errors, 2 when a path cannot be read or the arguments/config are wrong.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

PAYLOAD_SUFFIXES = (".json", ".yaml", ".yml")


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH", help="payload files, directories, or - for stdin")
    from ionqkit.findings.formats import LINT_FORMATS

    parser.add_argument("--format", choices=LINT_FORMATS, default="text")
    parser.add_argument(
        "--select",
        action="append",
        default=[],
        metavar="CODES",
        help="only these codes or prefixes (comma-separated; repeatable)",
    )
    parser.add_argument(
        "--ignore",
        action="append",
        default=[],
        metavar="CODES",
        help="skip these codes or prefixes (comma-separated; repeatable)",
    )
    parser.add_argument(
        "--api-version",
        choices=("auto", "v0.3", "v0.4"),
        default=None,
        help="API version to check against (default: from config, else auto)",
    )
    parser.add_argument(
        "--config",
        type=Path,
        metavar="FILE",
        help="TOML file with a [tool.ionqkit.lint] table (default: nearest pyproject.toml)",
    )
    parser.add_argument("--warnings-as-errors", action="store_true", help="exit 1 on warnings too")
    parser.add_argument(
        "-j",
        "--jobs",
        type=_jobs,
        default=1,
        metavar="N",
        help="lint files on N processes (0: one per core; default 1, as a few files lint faster "
        "than worker processes start); the report is the same for any N",
    )


def _jobs(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 0:
        raise argparse.ArgumentTypeError("must be 0 (one per core) or more")
    return value


def files_to_check(paths: list[str]) -> tuple[list[str], list[str]]:
    """(files in order, problems) for the given paths; directories are searched recursively."""
    found: list[str] = []
    problems: list[str] = []
    for raw in paths:
        if raw == "-":
            found.append(raw)
            continue
        path = Path(raw)
        if path.is_dir():
            found.extend(
                str(p)
                for p in sorted(path.rglob("*"))
                if p.suffix in PAYLOAD_SUFFIXES and p.is_file() and not _hidden(p.relative_to(path))
            )
        elif path.exists():
            found.append(raw)
        else:
            problems.append(f"{raw}: no such file or directory")
    return found, problems


def _hidden(relative: Path) -> bool:
    return any(part.startswith(".") for part in relative.parts)


def run(args: argparse.Namespace) -> int:
    from dataclasses import replace

    from ionqkit.errors import InputError
    from ionqkit.escape import printable
    from ionqkit.spec.inputs import read_stdin
    from ionqkit.validators import config as lint_config
    from ionqkit.validators.batch import STDIN, lint_files
    from ionqkit.validators.render import RENDERERS, LintReport

    config = lint_config.load(args.config)
    if args.select:
        config = replace(config, select=lint_config.codes(args.select, "--select"))
    if args.ignore:
        config = replace(config, ignore=(*config.ignore, *lint_config.codes(args.ignore, "--ignore")))
    if args.warnings_as_errors:
        config = replace(config, warnings_as_errors=True)
    api_version = args.api_version or config.api_version
    files, problems = files_to_check(args.paths)
    stdin = None
    if STDIN in files:
        try:
            stdin = read_stdin()
        except InputError as exc:
            problems.append(str(exc))
            files = [name for name in files if name != STDIN]
    diagnostics = []
    checked = 0
    for result in lint_files(files, api_version=api_version, config=config, jobs=args.jobs, stdin=stdin):
        if result.problem is not None:
            problems.append(result.problem)
            continue
        checked += 1
        diagnostics.extend(result.diagnostics)
    sys.stdout.write(RENDERERS.render(LintReport(diagnostics, checked, unread=len(problems)), args.format))
    for problem in problems:
        print(f"error: {printable(problem)}", file=sys.stderr)
    if problems:
        return 2
    return 1 if any(d.is_error for d in diagnostics) else 0
