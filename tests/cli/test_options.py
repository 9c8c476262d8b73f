"""parse -> options -> execute: a command line becomes one frozen options object, which one execute runs."""

from __future__ import annotations

import dataclasses
import importlib
import typing
from pathlib import Path

import pytest

from ionqkit.cli import main, parser
from ionqkit.cli.options import (
    DiffOptions,
    GenerateOptions,
    LintOptions,
    MigrateOptions,
    Options,
    RulesOptions,
    SingleSpec,
)
from ionqkit.errors import InputError


def parse(argv: list[str]) -> Options | None:
    return parser.parse(argv)


def test_lint_with_defaults() -> None:
    assert parse(["lint", "a.json", "jobs/"]) == LintOptions(paths=("a.json", "jobs/"))


def test_lint_fix_options() -> None:
    assert parse(["lint", "--fix", "a.json"]) == LintOptions(paths=("a.json",), fix=True)
    assert parse(["lint", "--fix", "--unsafe-fixes", "-"]) == LintOptions(
        paths=("-",), fix=True, unsafe_fixes=True
    )
    assert parse(["lint", "--diff", "--unsafe-fixes", "-", "b.yaml"]) == LintOptions(
        paths=("-", "b.yaml"), diff=True, unsafe_fixes=True
    )


@pytest.mark.parametrize(
    "argv",
    [
        ["lint", "--unsafe-fixes", "a.json"],
        ["lint", "--fix", "-", "a.json"],
        ["lint", "--fix", "a.json", "-"],
    ],
)
def test_lint_fix_option_rules(argv: list[str]) -> None:
    with pytest.raises(InputError):
        parse(argv)


def test_lint_selects_and_ignores_as_given() -> None:
    assert parse(
        ["lint", "-", "--select", "IQ2", "--ignore", "IQ201,IQ202", "--ignore", "IQ3"]
    ) == LintOptions(paths=("-",), select=("IQ2",), ignore=("IQ201,IQ202", "IQ3"))


def test_lint_every_option() -> None:
    argv = ["lint", "x.yaml", "--format", "json", "--api-version", "v0.4", "--config", "lint.toml"]
    argv += ["--warnings-as-errors", "-j", "0"]
    assert parse(argv) == LintOptions(
        paths=("x.yaml",),
        format="json",
        api_version="v0.4",
        config=Path("lint.toml"),
        warnings_as_errors=True,
        jobs=0,
    )


def test_rules() -> None:
    assert parse(["rules"]) == RulesOptions()
    assert parse(["rules", "IQ207", "--format", "markdown"]) == RulesOptions(code="IQ207", format="markdown")


@pytest.mark.parametrize(
    ("fail_on", "fail_at"), [("breaking", "error"), ("warning", "warning"), ("none", None)]
)
def test_diff_fail_on_becomes_the_severity_that_fails(fail_on: str, fail_at: str | None) -> None:
    assert parse(["diff", "old.yaml", "git:HEAD:specs/new.yaml", "--fail-on", fail_on]) == DiffOptions(
        old="old.yaml", new="git:HEAD:specs/new.yaml", fail_at=fail_at
    )


def test_diff_defaults_fail_on_breaking_changes() -> None:
    assert parse(["diff", "a", "b", "--format", "sarif", "--renames", "r.yaml"]) == DiffOptions(
        old="a", new="b", format="sarif", fail_at="error", renames="r.yaml"
    )


def test_migrate() -> None:
    assert parse(["migrate", "job.json"]) == MigrateOptions(payloads=("job.json",))
    assert parse(["migrate", "./a.json", "b.json", "--write"]) == MigrateOptions(
        payloads=("./a.json", "b.json"), write=True
    )


def test_migrate_several_payloads_need_write() -> None:
    with pytest.raises(InputError, match="several payloads: add --write") as raised:
        parse(["migrate", "./a.json", "b.json"])
    assert raised.value.file == "./a.json"  # named as the user wrote it


def test_generate_from_the_configured_targets(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ALLOW_BREAKING", raising=False)
    assert parse(["generate"]) == GenerateOptions()
    assert parse(["generate", "--check", "-q", "--templates", "t1", "--templates", "t2"]) == GenerateOptions(
        check=True, quiet=True, templates=(Path("t1"), Path("t2"))
    )


def test_generate_one_spec(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ALLOW_BREAKING", raising=False)
    argv = [
        "generate",
        "--spec",
        "s.yaml",
        "--out",
        "out",
        "--package",
        "p",
        "--overlay",
        "o.yaml",
        "--force",
    ]
    assert parse(argv) == GenerateOptions(
        single=SingleSpec(spec=Path("s.yaml"), out=Path("out"), package="p", overlay=Path("o.yaml")),
        force=True,
    )


@pytest.mark.parametrize(("value", "allowed"), [("1", True), ("yes", True), ("0", False), ("", False)])
def test_generate_allow_breaking_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, value: str, allowed: bool
) -> None:
    monkeypatch.setenv("ALLOW_BREAKING", value)
    assert parse(["generate"]) == GenerateOptions(allow_breaking=allowed)
    assert parse(["generate", "--allow-breaking"]) == GenerateOptions(allow_breaking=True)


GO_WITH_SPEC = "--overlay, --out, --package, --version, --class-names and --shared-runtime go with --spec"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["generate", "--spec", "s.yaml", "--out", "out"], "--spec needs --out and --package"),
        (["generate", "--spec", "s.yaml", "--package", "p"], "--spec needs --out and --package"),
        (["generate", "--out", "out"], GO_WITH_SPEC),
        (["generate", "--overlay", "o.yaml"], GO_WITH_SPEC),
        (["generate", "--class-names", "c.yaml"], GO_WITH_SPEC),
        (["generate", "--shared-runtime"], GO_WITH_SPEC),
        (
            ["generate", "--spec", "s", "--out", "o", "--package", "p", "--shared-runtime", "--version", "1"],
            "--version is the standalone project's; not with --shared-runtime",
        ),
    ],
)
def test_generate_arguments_that_go_together(argv: list[str], message: str) -> None:
    with pytest.raises(InputError, match=message):
        parse(argv)


def test_a_rule_between_arguments_is_one_error_line_and_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["generate", "--out", "out"]) == 2
    assert capsys.readouterr().err == f"error: <command line>: {GO_WITH_SPEC}\n"


def test_no_command_is_no_options() -> None:
    assert parse([]) is None


def test_options_are_frozen() -> None:
    options = LintOptions(paths=("-",))
    with pytest.raises(dataclasses.FrozenInstanceError):
        options.jobs = 2  # type: ignore[misc]


def test_every_command_has_one_options_type_and_one_execute() -> None:
    types = [command.options for command in parser.COMMANDS]
    assert len(set(types)) == len(types) == len(typing.get_args(Options))
    assert set(types) == set(typing.get_args(Options))
    for command in parser.COMMANDS:
        assert dataclasses.is_dataclass(command.options)
        assert command.options.__dataclass_params__.frozen  # type: ignore[union-attr]
        execute = importlib.import_module(command.module).execute
        assert typing.get_type_hints(execute) == {"options": command.options, "return": int}


def test_the_options_pick_the_execute_module() -> None:
    assert parser.execute_module(RulesOptions()).__name__ == "ionqkit.cli.rules"
    assert parser.execute_module(DiffOptions(old="a", new="b")).__name__ == "ionqkit.cli.diff"
