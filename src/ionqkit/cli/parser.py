"""Every command's arguments, in one place: the parse step of parse -> options -> execute.

`parse(argv)` gives the chosen command's options (cli/options.py), built from argparse's namespace
right here, so no command module sees a namespace; `execute_module(options)` imports the module
whose `execute(options)` runs it. This module imports only argparse, the options and the format
names (ionqkit.findings.formats, which imports nothing): the command's own module, and whatever
heavy library it needs, is imported once the arguments are known, so `ionqkit --help` and a no-op
`ionqkit generate` stay fast.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Callable, Sequence
from types import ModuleType

from ionqkit import __version__
from ionqkit.cli.options import (
    FAIL_ON,
    DiffOptions,
    GenerateOptions,
    LintOptions,
    MigrateOptions,
    Options,
    OptionsType,
    RulesOptions,
    SchemaOptions,
    SpecUpdateOptions,
    path_argument,
)
from ionqkit.findings.formats import DIFF_FORMATS, LINT_FORMATS
from ionqkit.records import record

TYPE_CHECKING = False  # typing is not imported at run time: see ionqkit/__init__.py
if TYPE_CHECKING:
    from typing import Any, NoReturn

EXIT_USAGE = 2


class _Formatter(argparse.HelpFormatter):
    """argparse's help formatter, sized to the terminal as argparse sizes it, without `shutil`.

    argparse makes a formatter for every argument declared, and its own imports shutil (with bz2,
    lzma and zlib) for `shutil.get_terminal_size()`: 3 ms of every run, for a width that only help
    and usage messages use.
    """

    def __init__(
        self, prog: str, indent_increment: int = 2, max_help_position: int = 24, width: int | None = None
    ) -> None:
        width = _columns() - 2 if width is None else width
        super().__init__(prog, indent_increment, max_help_position, width)


def _columns() -> int:
    """shutil.get_terminal_size().columns: $COLUMNS, else the terminal's, else 80."""
    try:
        columns = int(os.environ.get("COLUMNS", ""))
    except ValueError:
        columns = 0
    if columns > 0:
        return columns
    try:
        return os.get_terminal_size(sys.__stdout__.fileno()).columns or 80  # type: ignore[union-attr]
    except (AttributeError, ValueError, OSError):
        return 80


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        sys.stderr.write(f"{self.prog}: error: {message}\n")
        raise SystemExit(EXIT_USAGE)


def _generate(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 and list stale files")
    parser.add_argument(
        "--force",
        action="store_true",
        help="regenerate even when up to date (never replaces a folder ionqkit did not generate)",
    )
    parser.add_argument(
        "--overwrite",
        action="store_true",
        help="replace a package folder that ionqkit did not generate (no MANIFEST.json, or files it "
        "does not list), losing what it holds",
    )
    parser.add_argument(
        "--config",
        type=path_argument,
        default=path_argument("pyproject.toml"),
        help="project file with targets",
    )
    parser.add_argument(
        "--spec", type=path_argument, help="generate from this one spec instead of the configured ones"
    )
    parser.add_argument("--overlay", type=path_argument, help="overlay applied to --spec")
    parser.add_argument(
        "--out",
        type=path_argument,
        help="output folder for --spec: a standalone project (pyproject.toml, README.md, the package)",
    )
    parser.add_argument("--package", help="package name for --spec, e.g. ionq_v0_4")
    parser.add_argument(
        "--version",
        dest="dist_version",
        metavar="VERSION",
        help="version of the distribution --spec makes (default: the spec's info.version, 'v0.4' -> 0.4)",
    )
    parser.add_argument(
        "--shared-runtime",
        action="store_true",
        help="with --spec: write the package alone, importing ionqkit.runtime (no runtime copy, no "
        "pyproject.toml or README.md; for use where ionqkit is installed)",
    )
    parser.add_argument(
        "--class-names",
        type=path_argument,
        metavar="FILE",
        help="YAML or JSON mapping of schema name -> class name, overriding the derived names (--spec)",
    )
    parser.add_argument(
        "--templates",
        type=path_argument,
        action="append",
        default=[],
        metavar="DIR",
        help="folder of templates overriding the built-in ones by file name (repeatable)",
    )
    parser.add_argument(
        "--allow-breaking", action="store_true", help="regenerate even on breaking API changes"
    )
    parser.add_argument("-q", "--quiet", action="store_true", help="print only problems")


def _lint(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH", help="payload files, directories, or - for stdin")
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
        type=path_argument,
        metavar="FILE",
        help="TOML file with a [tool.ionqkit.lint] table (default: nearest pyproject.toml)",
    )
    parser.add_argument(
        "--spec",
        type=path_argument,
        metavar="FILE",
        help="lint against this v0.4-shaped OpenAPI spec instead of the installed one (its facts "
        "are compiled once and cached by content hash)",
    )
    parser.add_argument(
        "--overlay", type=path_argument, metavar="FILE", help="an OpenAPI Overlay applied to --spec"
    )
    parser.add_argument("--warnings-as-errors", action="store_true", help="exit 1 on warnings too")
    parser.add_argument(
        "--fix",
        action="store_true",
        help="apply the safe fixes (only the fixed spans change; each file is replaced atomically, "
        "and not if it changed meanwhile), then report what is left; with `-`, the fixed payload "
        "goes to stdout and the report to stderr",
    )
    parser.add_argument(
        "--unsafe-fixes",
        action="store_true",
        help="with --fix or --diff, apply the unsafe fixes too (they may change what IonQ runs, or the "
        "API version: `ionqkit rules` says which)",
    )
    parser.add_argument(
        "--diff",
        action="store_true",
        help="print what --fix would change as a unified diff and write nothing; exit 1 if anything "
        "would change",
    )
    parser.add_argument(
        "-j",
        "--jobs",
        type=_jobs,
        default=1,
        metavar="N",
        help="lint files on N processes (0: one per core; default 1, as a few files lint faster "
        "than worker processes start); the report is the same for any N",
    )


def _rules(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("code", nargs="?", help="a rule code (IQ207) or name (qubit-out-of-range)")
    parser.add_argument("--format", choices=("text", "json", "markdown"), default="text")


def _diff(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("old", metavar="OLD", help="old spec: a path or git:REV:PATH")
    parser.add_argument("new", metavar="NEW", help="new spec: a path or git:REV:PATH")
    parser.add_argument("--format", choices=DIFF_FORMATS, default="text")
    parser.add_argument(
        "--fail-on",
        choices=tuple(FAIL_ON),
        default="breaking",
        help="exit 1 when a change at or above this level is found (default: breaking)",
    )
    parser.add_argument("--renames", metavar="FILE", help="cross-version renames (e.g. specs/renames/*.yaml)")


def _migrate(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("payloads", nargs="+", metavar="PAYLOAD", help="v0.3 job payload (JSON)")
    parser.add_argument("--to", choices=("v0.4",), default="v0.4", help="target API version (default v0.4)")
    parser.add_argument(
        "--write",
        action="store_true",
        help="replace each file with its migrated payload (a symbolic link's target is written; "
        "hard-linked and non-regular files, and files changed meanwhile, are refused)",
    )


def _spec(parser: argparse.ArgumentParser) -> None:
    group = parser.add_subparsers(
        dest="spec_command", metavar="SUBCOMMAND", required=True, parser_class=_Parser
    )
    update_help = (
        "move a spec file to a new upstream version (normalize, keep our descriptions, check the overlay)"
    )
    update = group.add_parser("update", help=update_help, description=update_help)
    update.add_argument("new", metavar="NEW", help="the new upstream spec, JSON or YAML (- for stdin)")
    update.add_argument(
        "--spec", type=path_argument, required=True, metavar="FILE", help="our spec file to update"
    )
    update.add_argument(
        "--overlay",
        type=path_argument,
        metavar="FILE",
        help="overlay to check against the new spec (reports stale actions)",
    )
    update.add_argument(
        "--check", action="store_true", help="write nothing; exit 1 if the spec file would change"
    )
    update.add_argument(
        "--allow-stale-overlay",
        action="store_true",
        help="write the spec even when overlay actions no longer match (exit 1 still: fix the overlay next)",
    )
    update.add_argument(
        "--source",
        metavar="TEXT",
        help="how the file's header names the upstream source (default: NEW's file name)",
    )


def _schema(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--api-version", choices=("v0.4",), default="v0.4", help="API version (default v0.4)")
    parser.add_argument(
        "--spec",
        type=path_argument,
        metavar="FILE",
        help="describe payloads of this v0.4-shaped OpenAPI spec instead of the installed one",
    )
    parser.add_argument(
        "--overlay", type=path_argument, metavar="FILE", help="an OpenAPI Overlay applied to --spec"
    )
    parser.add_argument(
        "--config",
        type=path_argument,
        metavar="FILE",
        help="TOML file with a [tool.ionqkit.lint] table whose limits and backends apply "
        "(default: nearest pyproject.toml)",
    )
    parser.add_argument(
        "-o", "--output", metavar="FILE", help="write the schema to FILE (atomically) instead of stdout"
    )


def _jobs(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 0:
        raise argparse.ArgumentTypeError("must be 0 (one per core) or more")
    return value


@record(frozen=True)
class Command:
    """One command: a record, not a NamedTuple, whose string annotations typing would compile."""

    name: str
    help: str  # here, not in the module, so `ionqkit --help` imports no command module
    arguments: Callable[[argparse.ArgumentParser], None]
    options: OptionsType  # built from the parsed arguments
    module: str  # holds `execute(options) -> exit code`


COMMANDS = (
    Command(
        "generate",
        "generate typed models and clients from the IonQ specs (only what changed)",
        _generate,
        GenerateOptions,
        "ionqkit.cli.generate",
    ),
    Command(
        "lint",
        "check IonQ job payloads against the API specs and IonQ's documented limits",
        _lint,
        LintOptions,
        "ionqkit.cli.lint",
    ),
    Command("rules", "list the lint rules, or explain one", _rules, RulesOptions, "ionqkit.cli.rules"),
    Command(
        "diff",
        "compare two OpenAPI specs and classify every change (breaking, warning, info)",
        _diff,
        DiffOptions,
        "ionqkit.cli.diff",
    ),
    Command(
        "migrate",
        "rewrite v0.3 job payloads into v0.4 payloads, printing every change",
        _migrate,
        MigrateOptions,
        "ionqkit.cli.migrate",
    ),
    Command(
        "spec",
        "maintain the spec files: `spec update NEW --spec FILE` moves one to a new upstream version",
        _spec,
        SpecUpdateOptions,
        "ionqkit.cli.spec",
    ),
    Command(
        "schema",
        "write a JSON Schema of job payloads for editors and validators (what lint checks, where "
        "JSON Schema can say it)",
        _schema,
        SchemaOptions,
        "ionqkit.cli.schema",
    ),
)


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The whole command line, or with `only`, the command line of that one command."""
    parser = _Parser(prog="ionqkit", description="IonQ API code generator and job-payload linter.")
    parser.add_argument("--version", action="version", version=f"ionqkit {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for command in COMMANDS:
        if only is None or command.name == only:
            command.arguments(sub.add_parser(command.name, help=command.help, description=command.help))
    return parser


def parse(argv: Sequence[str]) -> Options | None:
    """The chosen command's options, or None when no command was named.

    A usage error argparse sees exits 2 with the usage line; one between arguments
    (e.g. `migrate a.json b.json` without --write) raises InputError.

    When `argv` starts with a command's name, only that command is declared: once the name is
    read, that command's parser alone reads the rest and writes every usage, help and error
    message, so nothing shows the difference, while declaring all five took argparse a tenth of
    a small lint's run (each parser and argument looks up translations and the terminal width).
    """
    first = argv[0] if argv else None
    only = first if any(command.name == first for command in COMMANDS) else None
    args = build_parser(only).parse_args(argv)
    if args.command is None:
        return None
    command = next(command for command in COMMANDS if command.name == args.command)
    return command.options.from_namespace(args)


def execute_module(options: Options) -> ModuleType:
    """The module whose `execute(options)` runs the command these options are for."""
    return importlib.import_module(next(c.module for c in COMMANDS if c.options is type(options)))
