"""Gates in the exported schema come from gatespec's constraint table, one JSON Schema form per
constraint kind."""

from __future__ import annotations

import inspect
from dataclasses import dataclass
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from ionqkit.validators import LintConfig, constraints
from ionqkit.validators.constraints import Constraint
from ionqkit.validators.jsonschema_export import gates
from ionqkit.validators.jsonschema_export.gates import _Rules
from ionqkit.validators.registry import IQ301
from tests.validators.jsonschema_export.helpers import rejected_at, schema_for
from tests.validators.samples import BELL, payload

LIMITS = LintConfig().catalog().limits


def test_every_constraint_kind_has_a_form_or_is_checked_at_the_root() -> None:
    kinds = [
        kind
        for _, kind in inspect.getmembers(constraints, inspect.isclass)
        if issubclass(kind, Constraint) and kind is not Constraint
    ]
    assert kinds
    for kind in kinds:
        fields = {name: SAMPLE.get(name, name) for name in inspect.signature(kind).parameters}
        rules = _Rules({}, LIMITS)
        rules.add(kind(**fields), "g")  # raises for a kind without a form
        said = rules.required or rules.all_of or rules.needs or rules.props
        assert said or kind in gates.CROSS_FIELD or kind in gates.DESCRIBED


@pytest.mark.parametrize("gateset", ["qis", "native"])
def test_both_spellings_of_an_operand_are_described_once_and_accepted(gateset: str) -> None:
    """IQ213 is a warning: the gate's description says it once, not each group of gates."""
    schema = schema_for()
    gate = schema["$defs"][f"gate.{gateset}"]
    assert "(`target` or `targets`, `control` or `controls`), not both" in gate["description"]
    assert not any("not both" in branch["then"]["description"] for branch in gate["allOf"])
    data = payload(BELL)
    data["input"]["circuit"][0] = {"gate": "h", "target": 0, "targets": [0]}
    assert rejected_at(Draft202012Validator(schema), data) == set()


# A value for each constructor parameter of the constraint kinds (a parameter's own name otherwise).
SAMPLE: dict[str, Any] = {
    "code": IQ301,
    "limit": "max_controls",
    "low": "phase_min",
    "high": "phase_max",
    "fields": ("target", "targets"),
    "count": 2,
    "items": False,
    "alias": None,
    "single": "control",
    "many": "controls",
}


def test_a_constraint_kind_without_a_form_is_an_error() -> None:
    @dataclass(frozen=True)
    class Unheard(Constraint):
        field: str

    with pytest.raises(TypeError, match="no JSON Schema form for the gate constraint Unheard"):
        _Rules({}, LIMITS).add(Unheard("x"), "g")


def test_gates_taking_the_same_operands_share_one_branch_with_their_names() -> None:
    qis = schema_for()["$defs"]["gate.qis"]
    branches = qis["allOf"]
    named = [b["if"]["properties"]["gate"] for b in branches]
    listed = sorted(n for picked in named for n in picked.get("enum", [picked.get("const")]))
    assert listed == sorted(qis["properties"]["gate"]["enum"])
    plain = next(b for b in branches if "h" in b["if"]["properties"]["gate"].get("enum", []))
    assert {"x", "y", "z", "t"} <= set(plain["if"]["properties"]["gate"]["enum"])
    assert "Hadamard" in plain["then"]["description"]


@pytest.mark.parametrize(
    ("gate", "where"),
    [
        ({"gate": "rx", "target": 0}, ""),  # rotation missing: at the gate
        ({"gate": "rx", "target": 0, "rotation": "1"}, "/rotation"),
        ({"gate": "cnot", "target": 0}, ""),
        ({"gate": "swap", "target": 0}, "/target"),  # one spelling where two targets are needed
        ({"gate": "swap", "targets": [0, 1, 1]}, "/targets"),
        ({"gate": "x", "targets": []}, "/targets"),
        ({"gate": "x", "target": 0, "control": 1, "controls": list(range(2, 9))}, "/controls"),
        ({"gate": "pauliexp", "targets": [0, 1], "terms": ["XY"], "coefficients": ["a"]}, "/coefficients/0"),
        ({"gate": "h", "target": 0, "terms": ["X"]}, "/terms"),  # pauliexp's fields only on pauliexp
    ],
)
def test_a_qis_gate_fault_is_reported_at_its_field(gate: dict[str, Any], where: str) -> None:
    schema = schema_for()
    validator = Draft202012Validator({"$defs": schema["$defs"], "$ref": "#/$defs/gate.qis"})
    assert rejected_at(validator, gate) == {where}
