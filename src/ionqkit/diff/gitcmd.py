"""git command lines that no user-supplied revision or path can turn into an option.

`ionqkit diff git:REV:PATH` hands REV and PATH to git, and `git show --output=FILE` writes FILE:
an operand read as an option is a way to make git do what the user did not ask for. So an
operand that starts with '-' is refused before git runs (one error line, exit 2), and every
command puts `--end-of-options` before its operands as a second guard (git 2.24 or later; an
older git refuses the command, which is reported as git's own error, still exit 2).
"""

from __future__ import annotations

from collections.abc import Sequence

from ionqkit.errors import InputError

END_OF_OPTIONS = "--end-of-options"


def check_operand(value: str, what: str, *, file: str) -> None:
    """InputError unless `value` can only be read by git as the `what` (revision, path) it is."""
    if value.startswith("-"):
        raise InputError(f"a git {what} cannot start with '-': {value!r}", file=file)
    if "\0" in value:  # no process argument can hold one; refused here rather than by the OS
        raise InputError(f"a git {what} cannot contain a NUL character: {value!r}", file=file)


def git_command(subcommand: str, *operands: str, options: Sequence[str] = ()) -> list[str]:
    """`git SUBCOMMAND OPTIONS --end-of-options OPERANDS`; operands must be checked by the caller."""
    for operand in operands:
        if operand.startswith("-") or "\0" in operand:
            raise ValueError(f"unchecked git operand {operand!r}")  # a caller skipped check_operand
    return ["git", subcommand, *options, END_OF_OPTIONS, *operands]
