"""One place parses every command: cli/parser.py knows each command and builds its arguments."""

from __future__ import annotations

import argparse
import ast
import contextlib
import io
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from ionqkit.cli import main, parser

CLI = Path(parser.__file__).parent
PACKAGE = CLI.parent


def test_every_command_has_an_execute_module() -> None:
    for command in parser.COMMANDS:
        assert command.module == f"ionqkit.cli.{command.name}"
        assert (CLI / f"{command.name}.py").is_file()


def test_arguments_are_declared_only_in_the_parser_module() -> None:
    declaring = sorted(
        path.relative_to(PACKAGE).as_posix()
        for path in PACKAGE.rglob("*.py")
        if "generated" not in path.relative_to(PACKAGE).parts
        and any(
            isinstance(node, ast.Attribute) and node.attr in {"add_argument", "add_subparsers"}
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        )
    )
    assert declaring == ["cli/parser.py"]


def test_diff_offers_sarif_and_lint_does_not_offer_markdown(capsys: pytest.CaptureFixture[str]) -> None:
    args = parser.build_parser().parse_args(["diff", "a", "b", "--format", "sarif"])
    assert args.format == "sarif"
    with pytest.raises(SystemExit) as exited:
        main(["lint", "--format", "markdown", "x.json"])
    assert exited.value.code == 2
    assert "invalid choice: 'markdown'" in capsys.readouterr().err


# Command lines that start with a command's name: parse() declares that command alone.
NAMED = [
    ["lint", "--help"],
    ["lint"],
    ["lint", "--format", "markdown", "x.json"],
    ["lint", "a.json", "jobs/", "--select", "IQ2", "--ignore", "IQ6", "-j", "0", "--api-version", "v0.3"],
    ["lint", "a.json", "--no-such-option"],
    ["generate", "--check", "-q"],
    ["generate", "--help"],
    ["diff", "old.yaml", "new.yaml", "--fail-on", "warning"],
    ["rules", "IQ207", "--format", "markdown"],
    ["migrate", "a.json", "--write"],
]


def _outcome(build: Callable[[], argparse.ArgumentParser], argv: list[str]) -> tuple[object, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            result: object = vars(build().parse_args(argv))
        except SystemExit as exc:
            result = ("exit", exc.code)
    return result, out.getvalue(), err.getvalue()


@pytest.mark.parametrize("argv", NAMED, ids=" ".join)
def test_the_named_command_alone_parses_help_and_errors_as_the_whole_command_line(argv: list[str]) -> None:
    assert _outcome(lambda: parser.build_parser(argv[0]), argv) == _outcome(parser.build_parser, argv)


def test_parse_declares_only_the_command_it_is_given(monkeypatch: pytest.MonkeyPatch) -> None:
    built: list[str | None] = []
    whole = parser.build_parser

    def spy(only: str | None = None) -> argparse.ArgumentParser:
        built.append(only)
        return whole(only)

    monkeypatch.setattr(parser, "build_parser", spy)
    parser.parse(["lint", "a.json"])
    with pytest.raises(SystemExit):
        parser.parse(["--version", "lint"])
    assert parser.parse([]) is None
    assert built == ["lint", None, None]
    subcommands = next(a for a in whole("lint")._actions if isinstance(a, argparse._SubParsersAction))
    assert list(subcommands.choices) == ["lint"]


def _no_terminal(fd: int = 1) -> os.terminal_size:
    raise OSError("not a terminal")


@pytest.mark.parametrize("env", ["132", "abc", "0", "-5", "", None])
@pytest.mark.parametrize(
    "terminal",
    [lambda fd=1: os.terminal_size((100, 40)), lambda fd=1: os.terminal_size((0, 0)), _no_terminal],
    ids=["100 wide", "0 wide", "none"],
)
def test_columns_are_the_standard_librarys(
    monkeypatch: pytest.MonkeyPatch, env: str | None, terminal: Callable[..., os.terminal_size]
) -> None:
    """The help's width: parser._columns spares the import of shutil, but answers as it would."""
    if env is None:
        monkeypatch.delenv("COLUMNS", raising=False)
    else:
        monkeypatch.setenv("COLUMNS", env)
    monkeypatch.setattr(os, "get_terminal_size", terminal)  # shutil asks os too
    assert parser._columns() == shutil.get_terminal_size().columns
