"""The exported job-payload schema against lint: what lint accepts validates, what lint rejects (where
JSON Schema can say it) is rejected at the same pointer."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from ionqkit.spec.pointers import unescape_pointer_token
from ionqkit.validators import LintConfig, lint
from ionqkit.validators.jsonschema_export import DIALECT, NOT_EXPRESSED, dumps, export
from ionqkit.validators.registry import RULES
from ionqkit.validators.view import detect_version
from tests.validators import test_corpus
from tests.validators.jsonschema_export.helpers import (
    default_validator,
    rejected_at,
    schema_for,
    validator_for,
)
from tests.validators.samples import BELL, CORPUS, MULTI, NATIVE, QASM3, payload, since_capture
from tests.validators.test_rules import BOUNDARIES, HITS, Edit, Hit

V04_CORPUS = sorted((CORPUS / "v0.4").glob("*.json"))

# The one-defect cases of test_rules/test_corpus whose defect is one JSON Schema cannot express
# (the schema's description lists each, NOT_EXPRESSED): out of scope, and checked to stay so.
OUT_OF_SCOPE = {
    "IQ207": "an index compared with input.qubits, another value of the document",
    "IQ208": "the case repeats a qubit across `control` and `target`, two fields",
    "IQ702": "gates counted over the whole job (the case lowers the limit below one list's length, "
    "which the schema reports at that list, not at `input` where lint counts the job)",
    "IQ704": "the body's size in bytes",
}
# Rules the schema expresses in some forms only: (code, pointer pattern) -> why this form is lint's.
OUT_OF_SCOPE_FORMS = {
    ("IQ401", r"/circuit/\d+/(targets?|controls?)(/\d+)?$"): "a circuit without `qubits` needs its "
    "highest index + 1; lint reports the first index past the target's count, once per job",
    ("IQ401", r"/input/data$"): "the qubits an OpenQASM program declares: text JSON Schema cannot count",
}


def out_of_scope(code: str, pointer: str) -> str | None:
    """Why a one-defect case is left to lint, or None if the schema must reject it where lint does."""
    if code in OUT_OF_SCOPE:
        return OUT_OF_SCOPE[code]
    forms = (why for (c, form), why in OUT_OF_SCOPE_FORMS.items() if c == code and re.search(form, pointer))
    return next(forms, None)


def lint_errors(data: Any, *, limits: dict[str, float] | None = None, api_version: str = "auto") -> set[str]:
    config = LintConfig(limits=limits or {})
    found = lint(json.dumps(data, indent=2), config=config, api_version=api_version)
    return {d.pointer for d in found if d.is_error}


# --- the schema itself ----------------------------------------------------------------------------


def test_the_schema_passes_the_2020_12_meta_schema() -> None:
    schema = schema_for()
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == DIALECT == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"].startswith("urn:ionqkit:job-payload:v0.4:")


def test_export_is_deterministic_and_sorted() -> None:
    first, second = dumps(schema_for()), dumps(schema_for())
    assert first == second
    assert first == json.dumps(json.loads(first), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def test_every_reference_resolves_and_every_definition_is_used() -> None:
    schema = schema_for()
    text = dumps(schema)
    refs = {unescape_pointer_token(ref.removeprefix("#/$defs/")) for ref in _refs(schema)}
    assert refs == set(schema["$defs"]), text[:200]


def _refs(node: Any) -> list[str]:
    if isinstance(node, dict):
        own = [node["$ref"]] if isinstance(node.get("$ref"), str) else []
        return own + [ref for value in node.values() for ref in _refs(value)]
    if isinstance(node, list):
        return [ref for value in node for ref in _refs(value)]
    return []


def test_the_description_lists_what_only_lint_checks() -> None:
    description = schema_for()["description"]
    assert set(OUT_OF_SCOPE) | {code for code, _ in OUT_OF_SCOPE_FORMS} <= set(NOT_EXPRESSED)
    for code in NOT_EXPRESSED:
        assert code in RULES and f"{code}: " in description
    assert "IQ502" in description  # warnings are accepted, and the schema says so


def test_the_id_follows_the_content() -> None:
    base = schema_for()
    tighter = schema_for(LintConfig(limits={"max_controls": 3}))
    assert base["$id"] != tighter["$id"]


# --- what lint accepts, the schema accepts ------------------------------------------------------------


@pytest.mark.parametrize("path", V04_CORPUS, ids=lambda p: p.name)
def test_every_real_client_payload_lint_accepts_is_valid(path: Path) -> None:
    """... and what changed at IonQ since the capture (a retired backend) both reject, in one place."""
    data = json.loads(path.read_bytes())
    since = {pointer for _, pointer in since_capture(path)}
    assert lint_errors(data) == since
    assert rejected_at(default_validator(), data) == since


@pytest.mark.parametrize("base, edit", BOUNDARIES)
def test_boundary_values_lint_accepts_are_valid(base: dict[str, Any], edit: Edit) -> None:
    data = payload(base)
    edit(data)
    assert lint_errors(data) == set()
    assert rejected_at(default_validator(), data) == set()


@pytest.mark.parametrize("base", [BELL, NATIVE, MULTI], ids=["qis", "native", "multi"])
def test_the_sample_payloads_are_valid(base: dict[str, Any]) -> None:
    assert rejected_at(default_validator(), base) == set()


def _v04(hit: Hit) -> bool:
    data = payload(hit.base)
    hit.edit(data)
    return hit.api_version != "v0.3" and (hit.api_version == "v0.4" or detect_version(data) == "v0.4")


def _clean(hit: Hit) -> bool:
    data = payload(hit.base)
    hit.edit(data)
    return not lint_errors(data, limits=hit.limits, api_version=hit.api_version)


def _controlled_swap(data: dict[str, Any]) -> None:
    data["input"]["qubits"] = 3
    data["input"]["circuit"][0] = {"gate": "swap", "controls": [0], "targets": [1, 2]}


# test_rules' IQ210 case also puts a qubit out of range (an error); this one has the warning alone.
CLEAN_SWAP = Hit("IQ210", BELL, _controlled_swap, "/input/circuit/0", None)
WARNING_HITS = [
    h for h in [*HITS, CLEAN_SWAP] if RULES[h.code].severity.value != "error" and _v04(h) and _clean(h)
]
ERROR_HITS = [h for h in HITS if RULES[h.code].severity.value == "error" and _v04(h)]


def test_every_warning_lint_gives_on_a_v04_payload_has_a_clean_case() -> None:
    warnings = {code for code, rule in RULES.items() if rule.severity.value == "warning"}
    assert warnings - {h.code for h in WARNING_HITS} == {"IQ111"}  # IQ111 is a v0.3 payload's


@pytest.mark.parametrize("hit", WARNING_HITS, ids=[h.code for h in WARNING_HITS])
def test_what_lint_only_warns_about_is_valid(hit: Hit) -> None:
    data = payload(hit.base)
    hit.edit(data)
    config = LintConfig(limits=hit.limits or {})
    before = {d.code for d in lint(json.dumps(hit.base, indent=2), config=config)}
    found = lint(json.dumps(data, indent=2), config=config)
    assert not any(d.is_error for d in found)
    assert {d.code for d in found} - before == {hit.code}  # the base's own (QASM3: IQ113) beside it
    assert rejected_at(validator_for(hit.limits), data) == set()


# --- what lint rejects, the schema rejects where lint says -------------------------------------------


# 5,001 circuits take jsonschema seconds to walk.
ERROR_CASES = [
    pytest.param(h, id=f"{h.code}-{i}", marks=[pytest.mark.slow] if h.code == "IQ701" else [])
    for i, h in enumerate(ERROR_HITS)
]


@pytest.mark.parametrize("hit", ERROR_CASES)
def test_a_one_defect_payload_is_rejected_where_lint_reports_it(hit: Hit) -> None:
    data = payload(hit.base)
    hit.edit(data)
    lint_at = lint_errors(data, limits=hit.limits, api_version=hit.api_version)
    assert hit.pointer in lint_at
    schema_at = rejected_at(validator_for(hit.limits), data)
    if out_of_scope(hit.code, hit.pointer):
        # Left to lint, as the schema's description says: not reported where lint reports it.
        assert hit.pointer not in schema_at
        return
    assert hit.pointer in schema_at
    # ... and nowhere lint does not: the editor points at the real fault.
    assert schema_at <= lint_at


def _corpus_cases() -> list[Any]:
    cases = []
    for path in V04_CORPUS:
        gates = test_corpus._has_gates(path)
        mutants = test_corpus.GATE_MUTANTS + test_corpus.JOB_MUTANTS if gates else test_corpus.JOB_MUTANTS
        cases += [pytest.param(path, m, id=f"{path.name}-{m.__name__}") for m in mutants]
    return cases


@pytest.mark.parametrize(("path", "mutant"), _corpus_cases())
def test_a_one_defect_client_payload_is_rejected_where_lint_reports_it(
    path: Path, mutant: Callable[[dict[str, Any], str], tuple[str, str]]
) -> None:
    data = json.loads(path.read_text())
    code, pointer = mutant(data, test_corpus._gates_pointer(data) if test_corpus._has_gates(path) else "")
    lint_at = lint_errors(data)
    assert pointer in lint_at
    schema_at = rejected_at(default_validator(), data)
    if out_of_scope(code, pointer):
        assert pointer not in schema_at
        return
    assert pointer in schema_at
    assert schema_at <= lint_at


# --- the schema follows the spec and the config -------------------------------------------------------


def test_the_configured_limits_are_the_schemas() -> None:
    data = payload(BELL)
    data["input"]["qubits"] = 5
    data["input"]["circuit"][0] = {"gate": "x", "controls": [0, 1, 2], "target": 3}
    assert rejected_at(default_validator(), data) == set()
    tight = validator_for({"max_controls": 2})
    assert rejected_at(tight, data) == {"/input/circuit/0/controls"}
    assert lint_errors(data, limits={"max_controls": 2}) == {"/input/circuit/0/controls"}


def test_a_configured_backend_is_listed_with_its_qubit_count() -> None:
    config = LintConfig(backends={"qpu.forte-9": {"kind": "qpu", "family": "forte", "qubits": 4}})
    validator = Draft202012Validator(schema_for(config))
    data = payload(NATIVE)
    data["backend"] = "qpu.forte-9"
    assert rejected_at(validator, data) == set()
    data["input"]["qubits"] = 5
    assert rejected_at(validator, data) == {"/input/qubits"}
    data["input"]["qubits"] = 3
    data["input"]["circuit"][2] = {"gate": "ms", "targets": [1, 2], "phases": [0, 0]}
    assert rejected_at(validator, data) == {"/input/circuit/2/gate"}


# --- random payloads: nothing lint accepts is rejected ------------------------------------------------

VALUES = st.sampled_from(
    [
        0,
        1,
        2,
        5,
        -1,
        1.0,
        1.5,
        0.25,
        -0.5,
        "1",
        None,
        True,
        [],
        [0],
        [0, 1],
        [1, 0, 1],
        [0.5, 0.25],
        ["XX"],
        ["Q"],
    ]
)
GATE_FIELDS = ["target", "targets", "control", "controls", "rotation", "phase", "phases", "angle", "terms",
               "coefficients", "time", "colour"]  # fmt: skip
GATE_NAMES = ["x", "h", "rx", "cnot", "swap", "xx", "zz", "pauliexp", "gpi", "gpi2", "ms", "nop", "bogus"]


@st.composite
def gates(draw: st.DrawFn) -> dict[str, Any]:
    fields = draw(st.lists(st.sampled_from(GATE_FIELDS), max_size=4, unique=True))
    return {"gate": draw(st.sampled_from(GATE_NAMES)), **{f: draw(VALUES) for f in fields}}


@st.composite
def jobs(draw: st.DrawFn) -> dict[str, Any]:
    job_type = draw(st.sampled_from(["ionq.circuit.v1", "ionq.multi-circuit.v1", "ionq.qasm3.v1"]))
    data: dict[str, Any] = {"type": job_type}
    backends = ["simulator", "qpu.aria-1", "qpu.forte-1", "qpu.harmony", "qpu.tempo-1", "qpu.aria-9", None]
    data["backend"] = draw(st.sampled_from(backends))
    noise = [{"model": "ideal"}, {"model": "aria-1", "seed": 0}, {"model": "forte-1", "seed": None}]
    noise += [{"model": "forte-enterprise-1"}, {"model": "zz"}, {}, "x"]
    shots = [1, 0, 100, 499, 500, "100", "0", " 7 ", 2.5, 100.0, "x", 1_000_001, "\u00b2", "\u0663"]
    optional = {
        "shots": st.sampled_from(shots),
        "noise": st.sampled_from(noise),
        "settings": st.sampled_from([{"error_mitigation": {"debiasing": True}}, {"compilation": {"opt": 1}}]),
        "metadata": st.sampled_from([{"a": "b"}, {"a": 1}, {"k" * 41: "v"}, []]),
    }
    for key, values in optional.items():
        if draw(st.booleans()):
            data[key] = draw(values)
    circuit = st.lists(gates(), max_size=3)
    qubits = st.sampled_from([2, 3, 25, 26, 29, 30, 30.0, 0])
    gateset = draw(st.sampled_from(["qis", "native", None, "nat"]))
    if job_type == "ionq.multi-circuit.v1":
        entry = st.fixed_dictionaries(
            {"circuit": circuit}, optional={"gateset": st.sampled_from(["qis", "native"]), "qubits": qubits}
        )
        inp: dict[str, Any] = {
            "qubits": draw(qubits),
            "circuits": draw(st.lists(entry, min_size=1, max_size=2)),
        }
    elif job_type == "ionq.qasm3.v1" and draw(st.booleans()):
        declares = draw(st.sampled_from(["qubit[3] q;", "qubit[26] q;", "qubit[n] q;", ""]))
        inp = {"data": f"OPENQASM 3;\n{declares}", "qubits": draw(qubits)}
    else:
        inp = {"qubits": draw(qubits), "circuit": draw(circuit)}
    if gateset is not None:
        inp["gateset"] = gateset
    if draw(st.booleans()):
        del inp["qubits"]  # counted by the highest index (or the program's declarations): lint's alone
    data["input"] = inp
    return data


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=jobs())
def test_a_random_payload_lint_finds_no_error_in_is_valid(data: dict[str, Any]) -> None:
    rejected = rejected_at(default_validator(), data)
    assert not rejected or lint_errors(data), f"the schema rejects at {sorted(rejected)}; lint accepts"


# --- rules lint changed since the export was written ------------------------------------------------


def test_a_system_ionqkit_does_not_list_is_rejected_until_configured() -> None:
    """IQ403 is an error: `qpu.tempo-1` is rejected, and accepted once the lint config lists it."""
    data = payload(BELL)
    data["backend"] = "qpu.tempo-1"
    assert lint_errors(data) == rejected_at(default_validator(), data) == {"/backend"}
    config = LintConfig(backends={"qpu.tempo-1": {"kind": "qpu", "family": "tempo", "qubits": 30}})
    assert not [d for d in lint(json.dumps(data), config=config) if d.is_error]
    assert rejected_at(Draft202012Validator(schema_for(config)), data) == set()


def test_debiasing_with_few_shots_is_valid() -> None:
    """IQ503 is a warning (IonQ runs the job without debiasing), shots absent (100) included."""
    data = payload(BELL)
    del data["shots"]
    assert {d.code for d in lint(json.dumps(data))} == {"IQ503"}
    assert rejected_at(default_validator(), data) == set()


def _qasm3(backend: str, qubits: Any, noise: dict[str, Any] | None = None) -> dict[str, Any]:
    data = payload(QASM3)
    data["backend"] = backend
    data["input"]["qubits"] = qubits
    if noise is not None:
        data["noise"] = noise
    return data


@pytest.mark.parametrize(
    ("data", "rejected"),
    [
        (_qasm3("qpu.aria-1", 25), set()),
        (_qasm3("qpu.aria-1", 26), {"/input/qubits"}),
        (_qasm3("qpu.aria-1", 26.0), {"/input/qubits"}),  # no type check of its own: any number
        (_qasm3("simulator", 29, {"model": "forte-enterprise-1"}), set()),
        (_qasm3("simulator", 30, {"model": "forte-enterprise-1"}), {"/input/qubits"}),
        (_qasm3("simulator", 26, {"model": "aria-1"}), {"/input/qubits"}),
        (
            _qasm3("qpu.forte-1", 36, {"model": "aria-1"}),
            set(),
        ),  # a noise model applies on the simulator only
    ],
    ids=["aria-25", "aria-26", "aria-26.0", "fallback-29", "fallback-30", "model-aria", "qpu-ignores-model"],
)
def test_a_qasm3_jobs_input_qubits_is_checked_against_the_target(
    data: dict[str, Any], rejected: set[str]
) -> None:
    """IQ401 on the `input.qubits` qiskit-ionq sends with OpenQASM 3 jobs; a noise model without a
    count leaves the simulator's own (29)."""
    assert lint_errors(data) == rejected
    assert rejected_at(default_validator(), data) == rejected


def test_program_source_in_a_circuit_job_is_rejected_at_data() -> None:
    """IQ114 both ways: `data` in a gate-list job, at /input/data, and nothing else of the input."""
    data = payload(BELL)
    data["input"] = {"gateset": "qis", "data": "OPENQASM 3;\nqubit[2] q;", "qubits": 2}
    assert lint_errors(data) == rejected_at(default_validator(), data) == {"/input/data"}


def test_the_schema_rejects_another_types_input_in_lints_words() -> None:
    """IQ114's message is written once (rules/structure.wrong_shapes): the schema says the same."""
    source = payload(BELL)
    source["input"] = {"gateset": "qis", "data": "OPENQASM 3;", "qubits": 2}
    gates = payload(QASM3)
    gates["input"]["circuit"] = [{"gate": "h", "target": 0}]
    exported = dumps(schema_for())
    for data in (source, gates):
        (message,) = [d.message for d in lint(json.dumps(data)) if d.code == "IQ114"]
        assert json.dumps(message) in exported


def test_an_unknown_key_in_an_open_object_is_valid() -> None:
    """IQ115 is a warning: the spec leaves `settings.compilation` open, and so does the schema."""
    data = payload(BELL)
    data["settings"]["compilation"] = {"opt": 1, "optimise": True}
    assert {d.code for d in lint(json.dumps(data))} == {"IQ115"}
    assert rejected_at(default_validator(), data) == set()


def test_a_job_type_with_a_slash_or_tilde_in_its_name_gets_an_escaped_reference() -> None:
    """A --spec may name a job type `acme/qaoa~v1`: its `$defs` entry keeps the name, the
    reference escapes it as a JSON pointer does, and a validator follows it."""
    from dataclasses import replace

    config = LintConfig()
    facts = config.facts()
    name = "acme/qaoa~v1"
    facts = replace(facts, payloads={**facts.payloads, name: facts.payloads["ionq.circuit.v1"]})
    schema = export(facts, config.catalog())
    assert f"job.{name}" in schema["$defs"]
    assert "#/$defs/job.acme~1qaoa~0v1" in _refs(schema)
    job = {**payload(BELL), "type": name, "shots": "many"}
    assert rejected_at(Draft202012Validator(schema), job) == {"/shots"}
    assert rejected_at(Draft202012Validator(schema), {**job, "shots": 10}) == set()
