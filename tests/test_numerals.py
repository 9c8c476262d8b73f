"""Whole numbers in text are ASCII digits: the one check (ionqkit.numerals), and every caller that
converts what it checked uses it."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from ionqkit.numerals import ascii_digits
from ionqkit.runtime.encoding import ascii_digits as runtime_ascii_digits

REPO = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("0", True),
        ("0042", True),
        ("1000000", True),
        ("", False),
        (" 7", False),
        ("-1", False),
        ("1_000", False),
        ("\u00b2", False),  # superscript two: isdigit() is true, int() refuses it
        ("\u2460", False),  # circled one: the same
        ("\u0663", False),  # Arabic-Indic three: int() reads it as 3
        ("\uff11", False),  # fullwidth one
    ],
)
def test_ascii_digits(text: str, expected: bool) -> None:
    assert ascii_digits(text) is expected
    assert runtime_ascii_digits(text) is expected  # the standalone runtime's own copy
    if expected:
        assert int(text) >= 0


def _converting_isdigit_checks(path: Path) -> list[int]:
    """Lines where an `isdigit()` test guards an int()/float() conversion (an if, a conditional
    expression or an `and` chain that holds both)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        tests: list[ast.AST] = []
        if isinstance(node, ast.If | ast.IfExp):
            tests = [node.test]
        elif isinstance(node, ast.BoolOp):
            tests = list(node.values)
        checks = any(
            isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr == "isdigit"
            for test in tests
            for n in ast.walk(test)
        )
        if (
            checks
            and isinstance(node, ast.expr | ast.stmt)
            and any(
                isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id in ("int", "float")
                for n in ast.walk(node)
            )
        ):
            found.append(node.lineno)
    return found


def test_no_isdigit_check_guards_a_conversion() -> None:
    """str.isdigit() is true for text int() refuses (a crash, exit 3) or reads in another script."""
    roots = [REPO / "src" / "ionqkit", REPO / "validators", REPO / "codegen", REPO / "tools", REPO / "bench"]
    files = {p.resolve() for root in roots for p in root.rglob("*.py")}
    files = {p for p in files if REPO / "generated" not in p.parents}
    offenders = [
        f"{p.relative_to(REPO)}:{line}" for p in sorted(files) for line in _converting_isdigit_checks(p)
    ]
    assert offenders == []


def test_the_scan_finds_such_a_check(tmp_path: Path) -> None:
    sample = tmp_path / "m.py"
    sample.write_text(
        "def f(s):\n    if s.strip().isdigit():\n        return int(s)\n    return s.isdigit() and float(s)\n"
    )
    assert _converting_isdigit_checks(sample) == [2, 4]
