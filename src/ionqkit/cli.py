"""`ionqkit` command line: one sub-command per module, registered in COMMANDS.

A command module defines NAME, HELP, configure(parser) and run(args) -> exit code. Command modules
import their heavy dependencies inside run(), so `ionqkit --help` and no-op runs stay fast.

Exit codes: 0 success, 1 findings (lint errors, stale output, breaking changes), 2 bad input or
usage, 3 internal error (a bug in ionqkit: the message asks for a report; IONQKIT_DEBUG=1 shows
the traceback).
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
import traceback
from collections.abc import Sequence
from types import ModuleType

from ionqkit import __version__
from ionqkit.errors import IonqkitError

COMMANDS: tuple[str, ...] = (
    "ionqkit.codegen.cli",
    "ionqkit.validators.cli",
    "ionqkit.validators.rules_cli",
    "ionqkit.codegen.diff.cli",
    "ionqkit.migrate.cli",
)

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        sys.stderr.write(f"{self.prog}: error: {message}\n")
        raise SystemExit(EXIT_USAGE)


def build_parser() -> tuple[argparse.ArgumentParser, dict[str, ModuleType]]:
    parser = _Parser(prog="ionqkit", description="IonQ API code generator and job-payload linter.")
    parser.add_argument("--version", action="version", version=f"ionqkit {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    modules: dict[str, ModuleType] = {}
    for name in COMMANDS:
        module = importlib.import_module(name)
        command_parser = sub.add_parser(module.NAME, help=module.HELP, description=module.HELP)
        module.configure(command_parser)
        modules[module.NAME] = module
    return parser, modules


def main(argv: Sequence[str] | None = None) -> int:
    parser, modules = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        return int(modules[args.command].run(args))
    except IonqkitError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # a bug in ionqkit, not bad input: say so in one line
        if os.environ.get("IONQKIT_DEBUG"):
            traceback.print_exc()
        print(
            f"internal error: {type(exc).__name__}: {exc}\n"
            "This is a bug in ionqkit; rerun with IONQKIT_DEBUG=1 for the traceback and report it.",
            file=sys.stderr,
        )
        return EXIT_INTERNAL
