"""Rule documentation says which rules `lint --fix` fixes, and how safely."""

from __future__ import annotations

import json

import pytest

from ionqkit.cli import main
from ionqkit.validators.docs import as_dict, explain, markdown
from ionqkit.validators.registry import IQ110, IQ207, IQ502


def test_json_says_whether_a_rule_is_fixable() -> None:
    assert as_dict(IQ502)["fix"] == {
        "safety": "safe",
        "availability": "always",
        "title": "write the integer",
    }
    assert as_dict(IQ207)["fix"] is None


def test_explain_and_markdown_name_the_fix_and_the_flag_it_needs() -> None:
    assert "Fix: safe fix, always available (`ionqkit lint --fix`): write the integer." in explain(IQ502)
    assert "Fix: unsafe fix, sometimes available (`ionqkit lint --fix --unsafe-fixes`)" in explain(IQ110)
    assert "Fix" not in explain(IQ207)
    text = markdown()
    assert "| code | name | severity | fix | summary |" in text
    assert "| [IQ502](#iq502) | shots-as-string | warning | safe |" in text
    assert "| [IQ110](#iq110) | v03-payload | error | unsafe |" in text
    assert "| [IQ207](#iq207) | qubit-out-of-range | error |  |" in text


def test_rules_lists_the_fixable_ones(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules"]) == 0
    lines = {line.split()[0]: line for line in capsys.readouterr().out.splitlines()}
    assert "  safe fix  " in lines["IQ502"] and "  unsafe fix  " in lines["IQ211"]
    assert " fix " not in lines["IQ207"]
    assert main(["rules", "IQ206", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["fix"]["safety"] == "safe"
