"""One place parses every command: cli/parser.py knows each command and builds its arguments."""

from __future__ import annotations

import ast
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
