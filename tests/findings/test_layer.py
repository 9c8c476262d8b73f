"""The findings layer: one severity scale, a registry that refuses a code twice, codes as constants,
and one GitHub escaping."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from ionqkit.diff.checks import CHECKS
from ionqkit.findings import Registry, Rule, Severity
from ionqkit.validators import registry as lint_registry

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "ionqkit"

# Rule modules that still pass the code as a string: they are being rewritten (gate constraints as
# data, issue 11 step 3) and move to the constants then. This list only shrinks.


def test_severity_is_ordered_and_names_each_format_level() -> None:
    assert Severity.INFO < Severity.WARNING < Severity.ERROR
    assert max([Severity.WARNING, Severity.ERROR, Severity.INFO]) is Severity.ERROR
    assert [s.label for s in Severity] == ["INFO", "WARN", "ERR"]
    assert [s.github for s in Severity] == ["notice", "warning", "error"]
    assert [s.sarif for s in Severity] == ["note", "warning", "error"]
    assert str(Severity.ERROR) == "error" and Severity("warning") is Severity.WARNING
    word: str = "error"
    assert word == Severity.ERROR  # lint's findings always compared equal to their word
    assert sorted([Severity.ERROR, Severity.INFO, Severity.WARNING]) == [
        Severity.INFO,
        Severity.WARNING,
        Severity.ERROR,
    ]  # by rank: alphabetically "error" would come first
    with pytest.raises(TypeError, match="compares only with a Severity"):
        assert Severity.ERROR > "warning"


def test_lint_and_diff_share_the_one_severity_and_registry_types() -> None:
    assert isinstance(lint_registry.RULES, Registry) and isinstance(CHECKS, Registry)
    assert all(type(rule.severity) is Severity for rule in [*lint_registry.RULES.values(), *CHECKS.values()])


def test_a_registry_refuses_a_code_twice_and_finds_by_code_or_name() -> None:
    registry = Registry([Rule("X001", "first-rule", Severity.ERROR, "first")])
    with pytest.raises(ValueError, match="duplicate finding code X001"):
        registry.add(Rule("X001", "other", Severity.WARNING, "again"))
    assert registry.find("x001") is registry.find("first-rule") is registry["X001"]
    assert registry.find("nothing") is None


def test_templates_fill_message_and_hint() -> None:
    rule = Rule("X002", "n", Severity.ERROR, "s", message="qubit {q} >= {n}", hint="use 0..{n}")
    assert rule.format(q=5, n=5) == ("qubit 5 >= 5", "use 0..5")
    with pytest.raises(ValueError, match="no message template"):
        Rule("X003", "n", Severity.ERROR, "s").format()


def test_every_lint_code_is_a_constant_named_by_its_code() -> None:
    for code, rule in lint_registry.RULES.items():
        assert getattr(lint_registry, code) is rule


def _code_literals(path: Path) -> list[str]:
    return [
        node.value
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and re.fullmatch(r"IQ\d{3}", node.value)
    ]


def test_lint_code_is_written_as_a_string_only_in_the_registry() -> None:
    folder = PACKAGE / "validators"
    found = {
        path.relative_to(folder).as_posix(): _code_literals(path)
        for path in sorted(folder.rglob("*.py"))
        if path.name != "registry.py"
    }
    assert {name: codes for name, codes in found.items() if codes} == {}


def test_a_code_literal_is_seen(tmp_path: Path) -> None:
    (tmp_path / "m.py").write_text('ctx.emit("IQ207", "/x", "m")\n')
    assert _code_literals(tmp_path / "m.py") == ["IQ207"]


def test_github_percent_encoding_is_written_once() -> None:
    # The workflow-command encoding of CR/LF lives in ionqkit.escape; a renderer with its own copy
    # would drift from it.
    holders = sorted(
        path.relative_to(PACKAGE).as_posix()
        for path in PACKAGE.rglob("*.py")
        if "generated" not in path.relative_to(PACKAGE).parts and "%0A" in path.read_text(encoding="utf-8")
    )
    assert holders == ["escape.py"]
