"""`ionqkit` command line: parse -> options -> execute.

cli/parser.py builds every command's arguments (and nothing else) and turns them into that
command's frozen options (cli/options.py: conversion and the rules between arguments, once);
cli/<command>.py holds that command's `execute(options) -> exit code`, a thin layer over the
package that does the work (ionqkit.codegen, ionqkit.validators, ionqkit.diff, ionqkit.migrate),
imported inside execute() so `ionqkit --help` and no-op runs stay fast. This module runs the
chosen command and turns what it raises into an exit code.

Exit codes: 0 success, 1 findings (lint errors, stale output, breaking changes), 2 bad input,
usage or a refusal by the machine (disk full, permissions), 3 internal error (a bug in ionqkit:
the message asks for a report; IONQKIT_DEBUG=1 shows the traceback).
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import sys
from collections.abc import Sequence

from ionqkit.cli import parser
from ionqkit.errors import IonqkitError
from ionqkit.escape import printable

TYPE_CHECKING = False  # typing is not imported at run time: see ionqkit/__init__.py
if TYPE_CHECKING:
    from typing import NoReturn

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = parser.EXIT_USAGE
EXIT_INTERNAL = 3


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        options = parser.parse(argv)
        if options is None:
            parser.build_parser().print_help(sys.stderr)
            return EXIT_USAGE
        return int(parser.execute_module(options).execute(options))
    except IonqkitError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except OSError as exc:  # the machine refused (disk full, permissions): not a bug in ionqkit
        print(f"error: {_os_error(exc)}", file=sys.stderr)
        return EXIT_USAGE
    except Exception as exc:  # a bug in ionqkit, not bad input: say so in one line
        if os.environ.get("IONQKIT_DEBUG"):
            import traceback  # here: it costs more to import (7 ms) than a small lint takes to run

            traceback.print_exc()
        print(
            f"internal error: {type(exc).__name__}: {exc}\n"
            "This is a bug in ionqkit; rerun with IONQKIT_DEBUG=1 for the traceback and report it.",
            file=sys.stderr,
        )
        return EXIT_INTERNAL


def entry() -> NoReturn:
    """The `ionqkit` program: main(), then a hard exit once the output is flushed.

    After `generate` has imported the model generator and the spec validator, the interpreter's
    own teardown (freeing every module and object one by one) takes about 0.08 s, a tenth of a
    cold run. Nothing is left for it to do: every command closes its files, joins its processes
    and removes its temporary folders before returning. (mypy exits the same way.)
    """
    _guard_standard_streams()
    code = main()
    try:
        sys.stdout.flush()
    except BrokenPipeError:  # the reader has gone; what it did not read no longer matters
        pass
    except OSError as exc:  # e.g. output to a full disk: the output is incomplete, so say so
        print(f"error: cannot write the output: {_os_error(exc)}", file=sys.stderr)
        code = code or EXIT_USAGE
    with contextlib.suppress(OSError):
        sys.stderr.flush()
    os._exit(code)


def _os_error(exc: OSError) -> str:
    where = f"{exc.filename}: " if exc.filename else ""
    return printable(f"{where}{exc.strerror or exc}")


class _ClosedStdout(io.TextIOWrapper):
    """Standard output when the program was started with it closed (`>&-`): the first write fails
    as a write to a closed descriptor does, so the command ends with one error line and exit 2
    instead of losing its report in silence."""

    def __init__(self) -> None:
        super().__init__(io.BytesIO(), encoding="utf-8")

    def write(self, text: str) -> int:
        raise OSError(errno.EBADF, "standard output is closed")


def _guard_standard_streams() -> None:
    """Make a run started with stdin, stdout or stderr closed behave (Python sets those to None).

    Descriptors 0-2 are reserved with /dev/null first: otherwise the next file opened would get
    one of them, and a child that inherits it (ruff, git) would write into that file. Then a closed
    stdout fails its first write (see _ClosedStdout); a closed stderr drops the messages, and the
    exit code still says what happened; a closed stdin is reported by `-` (ionqkit.spec.inputs).
    """
    for fd, mode in ((0, os.O_RDONLY), (1, os.O_WRONLY), (2, os.O_WRONLY)):
        try:
            os.fstat(fd)
        except OSError:
            opened = os.open(os.devnull, mode)
            if opened != fd:
                os.dup2(opened, fd)
                os.close(opened)
    if sys.stdout is None:
        sys.stdout = _ClosedStdout()
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - lives as long as the process
