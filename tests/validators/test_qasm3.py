"""validators/qasm3.py: the qubits an OpenQASM 3 (or 2) program declares, or why they cannot be
counted; comments and strings are never declarations; hostile programs are read in one forward
pass and end at the first statement that cannot be read."""

from __future__ import annotations

import json
import re
import tracemalloc
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ionqkit.validators import qasm3
from ionqkit.validators.qasm3 import Unreadable, declared_qubits
from tests.validators.samples import CORPUS

MB = 1024 * 1024


def test_the_program_qiskit_ionq_sends_declares_two_qubits() -> None:
    job = json.loads((CORPUS / "v0.4" / "qiskit-ionq-qasm3-mid-measure.json").read_text())
    assert "qubit[2] q;" in job["input"]["data"]
    assert declared_qubits(job["input"]["data"]) == 2


def test_the_september_spec_example_declares_two_qubits(shared: Path) -> None:
    spec = json.loads((shared / "reference" / "ionq-v0.4-2026-09.openapi.json").read_text())
    example = spec["components"]["schemas"]["Qasm3CircuitInput"]["example"]["data"]
    assert declared_qubits(example) == 2


COUNTED = {
    "one register": ("OPENQASM 3.0;\nqubit[5] q;\nh q[0];\n", 5),
    "a single qubit": ("qubit anc;\nh anc;\n", 1),
    "several declarations are summed": ("qubit[3] a;\nqubit b;\nqubit[4] c;\n", 8),
    "OpenQASM 2 qreg": ('OPENQASM 2.0;\ninclude "qelib1.inc";\nqreg q[5];\ncreg c[5];\n', 5),
    "qreg without a size": ("qreg q;\n", 1),
    "qubit and qreg together": ("qubit[2] a;\nqreg b[3];\n", 5),
    "spaces anywhere": ("qubit [ 3 ] q ;\nqubit[2]r;\n", 5),
    "integer literal forms": ("qubit[0x10] a;\nqubit[0b11] b;\nqubit[0o7] c;\nqubit[1_000] d;\n", 1026),
    "a leading zero is decimal": ("qubit[017] q;\n", 17),
    "6,000 leading zeros": ("qubit[" + "0" * 6000 + "3] q;\n", 3),  # int() refuses 4,300+ digits
    "physical index with 6,000 leading zeros": ("h $" + "0" * 6000 + "3;\n", 4),
    "const set to a literal": ("const uint n = 4;\nqubit[n] q;\n", 4),
    "typed const": ("const int[32] width = 0x8;\nqubit[width] q;\n", 8),
    "physical qubits: highest + 1": ("OPENQASM 3.0;\nh $0;\ncx $0, $7;\nmeasure $3;\n", 8),
    "subroutine parameters are not declarations": (
        "def bell(qubit a, qubit[2] b) -> bit { h a; return measure a; }\nqubit[3] q;\n",
        3,
    ),
    "gate bodies are not declarations": ("gate g a { h a; }\nbox { qubit r; }\nqubit[2] q;\n", 2),
    "keywords inside identifiers are names": ("qubit[2] myqubit;\nbit qubits;\nqubit[1] qregs;\n", 3),
    "unicode names": ("qubit[3] θ_register;\n", 3),
}


@pytest.mark.parametrize("program, expected", COUNTED.values(), ids=list(COUNTED))
def test_declarations_are_counted(program: str, expected: int) -> None:
    assert declared_qubits(program) == expected


IGNORED_TEXT = {
    "line comment": "// qubit[40] big;\n",
    "block comment": "/* qubit[40] big;\n   still a comment */\n",
    "comment markers in a comment": "/* // qubit[40] x; /* */\n",
    "string": 'include "qubit[40] big;";\n',
    "single-quoted string": "include 'qubit[40] big;';\n",
    "comment marker in a string": 'include "// not a comment";\n',
    "pragma": "#pragma ionq qubit[40] big;\npragma qubit[40] again;\n",
    "annotation": "@ionq.note qubit[40] big;\n",
    "physical qubit in a comment": "// h $39;\n",
}


@pytest.mark.parametrize("text", IGNORED_TEXT.values(), ids=list(IGNORED_TEXT))
def test_comments_strings_pragmas_and_annotations_declare_nothing(text: str) -> None:
    assert declared_qubits(f"OPENQASM 3.0;\n{text}qubit[2] q;\nh q[0];\n") == 2


# (program, what the reason says, its line)
UNREADABLE: dict[str, tuple[str, str, int | None]] = {
    "size is an expression": ("qubit[2] a;\nqubit[2 * 3] b;\n", "the size in `qubit[2 * 3] b;` is not", 2),
    "size names an unknown identifier": (
        "qubit[n] q;\n",
        "is not an integer literal or a const set to one",
        1,
    ),
    "size names a const that is no literal": ("const uint n = 2 + 2;\nqubit[n] q;\n", "`qubit[n] q;`", 2),
    "size is a float": ("qubit[2.0] q;\n", "not an integer literal", 1),
    "size is zero": ("qubit[0] q;\n", "declares a register of size 0", 1),
    "size larger than any machine": ("qubit[" + "9" * 5000 + "] q;\n", "larger than any machine", 1),
    "physical index larger than any machine": ("h $" + "9" * 5000 + ";\n", "larger than any machine", 1),
    "two names in one declaration": ("qubit[2] a, b;\n", "is not a qubit declaration", 1),
    "declaration without its semicolon": ("h x;\nqubit[2] q\n", "`qubit[2] q` has no closing `;`", 2),
    "unterminated block comment": ("qubit[2] q;\n/* never closed\nqubit r;\n", "unterminated comment", 2),
    "unterminated string": ('include "stdgates.inc;\nqubit[2] q;\n', "unterminated string", 1),
    "declared and physical qubits mixed": ("qubit[2] q;\ncx q[0], $1;\n", "physical qubits", None),
    "no qubits at all": ('OPENQASM 3.0;\ninclude "stdgates.inc";\nbit c;\n', "declares no qubits", None),
    "uses of qubits it never declares": ("h q[0];\ncx q[0], q[1];\n", "declares no qubits", None),
    "empty program": ("", "declares no qubits", None),
}


@pytest.mark.parametrize("program, says, line", UNREADABLE.values(), ids=list(UNREADABLE))
def test_what_cannot_be_counted_says_why_and_where(program: str, says: str, line: int | None) -> None:
    found = declared_qubits(program)
    assert isinstance(found, Unreadable)
    assert says in found.reason
    assert found.line == line
    assert str(found).startswith(f"line {line}: " if line else found.reason)


def test_a_reason_quotes_at_most_a_short_excerpt_of_the_statement() -> None:
    found = declared_qubits("qubit[" + "n" * 10_000 + "] q;")
    assert isinstance(found, Unreadable)
    assert len(found.reason) < 120


TOKENS = ["qubit", "qreg", "const", "[", "]", "2", "0x1", "n", "=", ";", " ", "\n", "$3", "(", ")", "{", "}"]
TOKENS += ["//", "/*", "*/", '"', "'", "#pragma", "pragma", "@a", "q", "def", "*", "/"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(TOKENS), max_size=40) | st.text(max_size=80).map(lambda t: [t]))
def test_any_text_gets_a_count_or_a_reason_never_an_exception(tokens: list[str]) -> None:
    found = declared_qubits("".join(tokens))
    assert isinstance(found, Unreadable) or (isinstance(found, int) and found >= 1)


# --- hostile input ---------------------------------------------------------------------------------


def realistic_program(size: int) -> str:
    """What a transpiler writes, with comments and strings, grown to `size` characters."""
    head = 'OPENQASM 3.0;\ninclude "stdgates.inc";\nqubit[20] q;\nbit[20] c;\n'
    body = "h q[0];\ncx q[0], q[1]; // entangle\nrz(0.5) q[3];\n/* layer */\nc[0] = measure q[0];\n"
    return head + body * ((size - len(head)) // len(body))


class Recording:
    """A compiled pattern that records where each search started."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self.starts: list[int] = []

    def search(self, text: str, pos: int = 0) -> re.Match[str] | None:
        self.starts.append(pos)
        return self.pattern.search(text, pos)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.pattern, name)


def peak_bytes(program: str) -> tuple[int | Unreadable, int]:
    """declared_qubits(program) and the most memory it held at once (tracemalloc)."""
    tracemalloc.start()
    try:
        found = declared_qubits(program)
        return found, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_a_5_mb_program_is_counted_in_one_forward_pass_in_bounded_memory(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    program = realistic_program(5 * MB) + "qubit[5] late;\n"
    keyword = Recording(qasm3._KEYWORD)
    monkeypatch.setattr(qasm3, "_KEYWORD", keyword)
    found, peak = peak_bytes(program)
    assert found == 25
    # Each search for a declaration starts past the previous one: the text is never read twice.
    assert keyword.starts == sorted(set(keyword.starts))
    assert len(keyword.starts) == 3  # `qubit[20]`, `qubit[5]`, and the search that finds no more
    # The copy with comments blanked, built from its pieces (~3x here); a quadratic or per-character
    # structure would be far over.
    assert peak < 4 * len(program)


def test_memory_stays_linear_when_every_other_character_opens_a_string() -> None:
    # The densest case for the blanked copy: a piece per two characters (~5x the input).
    size = MB // 4
    found, peak = peak_bytes('""' * (size // 2) + "qubit q;")
    assert found == 1
    assert peak < 8 * size


# Each of these would cost time quadratic in its length to a scanner that searched again from every
# opening (a comment end, a closing quote, a `;`): 5 MB of it would not finish.
HOSTILE = {
    "run of /*": ("/*" * (2 * MB), "unterminated comment"),
    "run of /* with stars": ("/*" + "*" * (5 * MB), "unterminated comment"),
    "run of qubit[": ("qubit[" * MB, "has no closing `;`"),
    "run of qubit": ("qubit " * MB, "has no closing `;`"),
    "run of const": ("const " * MB, "has no closing `;`"),
    "unclosed bracket": ("qubit[" + "a" * (5 * MB) + "] q;", "is not an integer literal"),
    "long name without ;": ("qubit " + "a" * (5 * MB), "has no closing `;`"),
    "run of quotes": ('"' * MB, "declares no qubits"),
    "run of open parentheses": ("(" * (5 * MB) + "qubit[2] q;", "declares no qubits"),
}


@pytest.mark.parametrize("program, says", HOSTILE.values(), ids=list(HOSTILE))
def test_hostile_programs_end_with_a_reason(program: str, says: str, monkeypatch: pytest.MonkeyPatch) -> None:
    keyword = Recording(qasm3._KEYWORD)
    monkeypatch.setattr(qasm3, "_KEYWORD", keyword)
    found = declared_qubits(program)
    assert isinstance(found, Unreadable)
    assert says in found.reason
    assert keyword.starts == sorted(set(keyword.starts))  # forward only


def test_the_first_unreadable_declaration_ends_the_scan(monkeypatch: pytest.MonkeyPatch) -> None:
    keyword = Recording(qasm3._KEYWORD)
    monkeypatch.setattr(qasm3, "_KEYWORD", keyword)
    found = declared_qubits("qubit[n] q;\n" * 100_000)
    assert isinstance(found, Unreadable) and found.line == 1
    assert len(keyword.starts) == 1
