"""Every rule: a one-defect payload it must catch (exact code, pointer, line:col) and the boundary
values it must accept."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from ionqkit.validators import Diagnostic, LintConfig, lint
from ionqkit.validators.config import load
from ionqkit.validators.registry import RULES
from tests.validators.samples import BELL, CORPUS, MULTI, NATIVE, QASM3, dumps, payload, position

Edit = Callable[[dict[str, Any]], None]


def put(pointer: str, value: Any) -> Edit:
    def edit(data: dict[str, Any]) -> None:
        *parents, last = pointer.strip("/").split("/")
        node: Any = data
        for token in parents:
            node = node[int(token)] if isinstance(node, list) else node[token]
        if isinstance(node, list):
            node[int(last)] = value
        else:
            node[last] = value

    return edit


def drop(pointer: str) -> Edit:
    def edit(data: dict[str, Any]) -> None:
        *parents, last = pointer.strip("/").split("/")
        node: Any = data
        for token in parents:
            node = node[int(token)] if isinstance(node, list) else node[token]
        del node[last]

    return edit


def both(*edits: Edit) -> Edit:
    def edit(data: dict[str, Any]) -> None:
        for e in edits:
            e(data)

    return edit


def gate(index: int, value: dict[str, Any]) -> Edit:
    return put(f"/input/circuit/{index}", value)


@dataclass
class Hit:
    code: str
    base: dict[str, Any]
    edit: Edit
    pointer: str
    needle: str | None  # text whose first character the finding points at (None: line 1 col 1)
    occurrence: int = 1
    api_version: str = "auto"
    limits: dict[str, float] | None = None
    says: str = ""  # a fragment the message must contain


SIM = both(put("/backend", "simulator"), drop("/settings"))
HITS = [
    Hit("IQ101", BELL, drop("/backend"), "", None, says="`backend`"),
    Hit("IQ102", BELL, put("/input/circuit/0/colour", "red"), "/input/circuit/0/colour", '"colour"'),
    Hit("IQ103", BELL, put("/name", 5), "/name", '"name"', says="must be a string, not integer 5"),
    Hit("IQ103", BELL, put("/backend", None), "/backend", '"backend"', says="must be a string, not null"),
    Hit("IQ104", BELL, put("/type", "ionq.circuit.v9"), "/type", '"type"'),
    Hit("IQ105", BELL, put("/input/gateset", "nat"), "/input/gateset", '"gateset"'),
    Hit("IQ114", BELL, put("/type", "ionq.qasm3.v1"), "/input/circuit", '"circuit"', says="not a gate list"),
    Hit(
        "IQ114",
        QASM3,
        put("/type", "ionq.circuit.v1"),
        "/input/data",
        '"data"',
        says="not program source in `input.data`",
    ),
    Hit(
        "IQ115",
        BELL,
        put("/settings", {"error_mitigation": {"debias": True}}),
        "/settings/error_mitigation/debias",
        '"debias"',
        says="`debias` is not a field of settings.error_mitigation",
    ),
    Hit("IQ105", BELL, put("/input/qubits", 0), "/input/qubits", '"qubits"', says="minimum is 1"),
    Hit(
        "IQ110",
        {
            "target": "simulator",
            "input": {"format": "ionq.circuit.v0", "qubits": 1, "circuit": [{"gate": "h", "target": 0}]},
        },
        put("/shots", 10),
        "",
        None,
        api_version="v0.4",
    ),
    Hit(
        "IQ111",
        {
            "target": "simulator",
            "lang": "json",
            "body": {"qubits": 1, "circuit": [{"gate": "h", "targets": [0]}]},
        },
        put("/shots", 10),
        "/body",
        '"body"',
    ),
    Hit("IQ112", BELL, put("/shots", 1000), "", None, api_version="v0.3"),
    Hit("IQ113", BELL, put("/lang", "json"), "/lang", '"lang"'),
    Hit(
        "IQ201",
        BELL,
        put("/input/circuit/0/gate", "hadamard"),
        "/input/circuit/0/gate",
        '"gate"',
        says='unknown qis gate "hadamard"',
    ),
    Hit(
        "IQ202", BELL, gate(0, {"gate": "gpi", "target": 0, "phase": 0.1}), "/input/circuit/0/gate", '"gate"'
    ),
    Hit("IQ203", BELL, drop("/input/circuit/2/rotation"), "/input/circuit/2", '{\n        "gate": "rx"'),
    Hit(
        "IQ203",
        BELL,
        gate(1, {"gate": "cnot", "target": 1}),
        "/input/circuit/1",
        '{\n        "gate": "cnot"',
        says="no `control` or `controls`",
    ),
    Hit(
        "IQ204",
        BELL,
        gate(0, {"gate": "swap", "targets": [0]}),
        "/input/circuit/0/targets",
        '"targets"',
        says="exactly 2 targets",
    ),
    Hit(
        "IQ204",
        NATIVE,
        both(put("/backend", "qpu.aria-1"), gate(2, {"gate": "ms", "targets": [1, 2], "phases": []})),
        "/input/circuit/2/phases",
        '"phases"',
        says="exactly 2 phases, not 0",
    ),
    Hit("IQ205", BELL, put("/input/circuit/0/target", 1.5), "/input/circuit/0/target", '"target"'),
    Hit("IQ205", BELL, put("/input/circuit/2/targets", [-1]), "/input/circuit/2/targets/0", "-1", 2),
    Hit("IQ206", BELL, put("/input/circuit/2/targets", [1.0]), "/input/circuit/2/targets/0", "1.0"),
    Hit(
        "IQ207",
        BELL,
        put("/input/circuit/0/target", 5),
        "/input/circuit/0/target",
        '"target"',
        says="qubit 5 is outside input.qubits=2 (valid 0..1)",
    ),
    Hit("IQ208", BELL, put("/input/circuit/1/control", 1), "/input/circuit/1/target", '"target"', 2),
    Hit(
        "IQ209",
        BELL,
        both(put("/input/qubits", 9), gate(0, {"gate": "x", "controls": list(range(8)), "target": 8})),
        "/input/circuit/0/controls",
        '"controls"',
        says="8 controls",
    ),
    Hit(
        "IQ210",
        BELL,
        gate(0, {"gate": "swap", "controls": [0], "targets": [1, 2]}),
        "/input/circuit/0",
        '{\n        "gate": "swap"',
        limits={},
    ),
    Hit(
        "IQ211",
        NATIVE,
        gate(2, {"gate": "zz", "targets": [1, 2], "phase": 0.1}),
        "/input/circuit/2/phase",
        '"phase"',
        3,
    ),
    Hit(
        "IQ212",
        BELL,
        gate(0, {"gate": "pauliexp", "targets": [0, 1], "terms": ["XQ"], "coefficients": [1.0], "time": 0.1}),
        "/input/circuit/0/terms/0",
        '"XQ"',
    ),
    Hit(
        "IQ213",
        BELL,
        gate(0, {"gate": "h", "target": 0, "targets": [1]}),
        "/input/circuit/0",
        '{\n        "gate": "h"',
        says="both `target` and `targets`",
    ),
    Hit(
        "IQ213",
        BELL,
        gate(1, {"gate": "cnot", "control": 0, "controls": [1], "target": 1}),
        "/input/circuit/1",
        '{\n        "gate": "cnot"',
        says="both `control` and `controls`",
    ),
    Hit(
        "IQ301",
        NATIVE,
        put("/input/circuit/0/phase", 1.5),
        "/input/circuit/0/phase",
        '"phase"',
        says="phase 1.5 is outside [-1.0, 1.0] turns",
    ),
    Hit(
        "IQ302",
        NATIVE,
        both(
            put("/backend", "qpu.aria-1"),
            gate(2, {"gate": "ms", "targets": [1, 2], "phases": [0, 0], "angle": 0.5}),
        ),
        "/input/circuit/2/angle",
        '"angle"',
    ),
    Hit(
        "IQ303",
        NATIVE,
        put("/backend", "qpu.aria-1"),
        "/input/circuit/2/gate",
        '"gate"',
        3,
        says="zz is not available on qpu.aria-1",
    ),
    Hit("IQ401", BELL, put("/input/qubits", 26), "/input/qubits", '"qubits"', says="exceeds 25"),
    Hit(
        "IQ401",
        BELL,
        both(drop("/input/qubits"), gate(1, {"gate": "cnot", "control": 0, "target": 30})),
        "/input/circuit/1/target",
        '"target": 30',
        says="qubit 30 needs 31 qubits: exceeds 25",
    ),
    Hit(
        "IQ401",
        QASM3,
        both(put("/backend", "qpu.aria-1"), put("/input/data", "qubit[40] q;")),
        "/input/data",
        '"data"',
        says="declares 40 qubits",
    ),
    Hit(
        "IQ401",
        BELL,
        both(SIM, put("/noise", {"model": "forte-enterprise-1"}), put("/input/qubits", 100)),
        "/input/qubits",
        '"qubits"',
        says="exceeds 29, the qubit count of simulator",
    ),
    Hit(
        "IQ401",
        QASM3,
        both(put("/backend", "qpu.aria-1"), put("/input/qubits", 26)),
        "/input/qubits",
        '"qubits"',
        says="input.qubits=26 exceeds 25",
    ),
    Hit("IQ402", BELL, put("/backend", "qpu.nowhere-1"), "/backend", '"backend"'),
    Hit("IQ403", BELL, put("/backend", "qpu.tempo-1"), "/backend", '"backend"'),
    Hit(
        "IQ403", BELL, put("/backend", "qpu.aria-9"), "/backend", '"backend"', says="not a known aria system"
    ),
    Hit("IQ404", BELL, put("/backend", "qpu.harmony"), "/backend", '"backend"'),
    Hit("IQ404", BELL, put("/backend", "qpu.aria-2"), "/backend", '"backend"', says="retired"),
    Hit("IQ405", BELL, put("/noise", {"model": "aria-1"}), "/noise", '"noise"'),
    Hit("IQ406", BELL, both(SIM, put("/noise", {"model": "aria-9"})), "/noise/model", '"model"'),
    Hit("IQ407", BELL, both(SIM, put("/noise", {"model": "aria-1", "seed": 0})), "/noise/seed", '"seed"'),
    Hit("IQ408", QASM3, put("/input/data", "qubit[n] q;"), "/input/data", '"data"', says="line 1: the size"),
    Hit("IQ501", BELL, put("/shots", 0), "/shots", '"shots"', says="shots=0 is outside 1..1000000"),
    Hit("IQ501", BELL, put("/shots", 2.5), "/shots", '"shots"'),
    # str.isdigit() is true for both; int() refuses the first and reads the second as 3.
    Hit("IQ501", BELL, put("/shots", "\u00b2"), "/shots", '"shots"', says="must be an integer"),
    Hit("IQ501", BELL, put("/shots", "\u0663"), "/shots", '"shots"', says="must be an integer"),
    Hit("IQ502", BELL, put("/shots", "1000"), "/shots", '"shots"'),
    Hit(
        "IQ503",
        BELL,
        put("/shots", 499),
        "/settings/error_mitigation/debiasing",
        '"debiasing"',
        says="IonQ accepts the job and silently runs it without debiasing",
    ),
    Hit("IQ504", BELL, put("/backend", "simulator"), "/settings/error_mitigation/debiasing", '"debiasing"'),
    Hit("IQ601", BELL, put("/metadata/n", 1), "/metadata/n", '"n"'),
    Hit("IQ602", BELL, put("/metadata", {f"k{i}": "v" for i in range(11)}), "/metadata", '"metadata"'),
    Hit("IQ603", BELL, put("/metadata", {"k" * 41: "v"}), "/metadata/" + "k" * 41, '"kkkk'),
    Hit("IQ604", BELL, put("/metadata/big", "x" * 40_001), "/metadata/big", '"big"'),
    Hit("IQ605", BELL, put("/metadata/long", "x" * 401), "/metadata/long", '"long"'),
    Hit(
        "IQ701",
        MULTI,
        put("/input/circuits", [{"circuit": [{"gate": "h", "target": 0}]}] * 5001),
        "/input/circuits",
        '"circuits"',
    ),
    Hit("IQ702", BELL, lambda d: None, "/input", '"input"', limits={"max_total_gates": 2}),
    Hit("IQ703", MULTI, put("/input/circuit", [{"gate": "h", "target": 0}]), "/input/circuits", '"circuits"'),
    Hit("IQ704", BELL, lambda d: None, "", None, limits={"max_body_bytes": 100}),
]


@pytest.mark.parametrize("hit", HITS, ids=[f"{h.code}-{i}" for i, h in enumerate(HITS)])
def test_rule_catches_its_defect(hit: Hit) -> None:
    data = payload(hit.base)
    hit.edit(data)
    text = dumps(data)
    config = LintConfig(limits=hit.limits or {})
    found = [
        d
        for d in lint(text, api_version=hit.api_version, config=config, name="job.json")
        if d.code == hit.code
    ]
    assert found, f"{hit.code} not reported"
    expected = position(text, hit.needle, hit.occurrence) if hit.needle else (1, 1)
    assert [(d.pointer, (d.line, d.column)) for d in found][:1] == [(hit.pointer, expected)]
    assert hit.says in found[0].message
    assert found[0].severity is RULES[hit.code].severity
    assert found[0].file == "job.json"


def test_every_rule_outside_the_text_family_has_a_hit_case() -> None:
    covered = {hit.code for hit in HITS}
    text_level = {code for code in RULES if code.startswith("IQ0")}  # test_parse.py covers these
    assert set(RULES) - text_level - covered == set()


@pytest.mark.parametrize("base", [BELL, NATIVE, MULTI], ids=["qis", "native", "multi"])
def test_sample_payloads_are_clean(base: dict[str, Any]) -> None:
    assert lint(dumps(base)) == []


BOUNDARIES = [
    (NATIVE, put("/input/circuit/0/phase", 1)),
    (NATIVE, put("/input/circuit/0/phase", -1)),
    (
        NATIVE,
        both(
            put("/backend", "qpu.aria-1"),
            gate(2, {"gate": "ms", "targets": [1, 2], "phases": [1, -1], "angle": 0.25}),
        ),
    ),
    (BELL, put("/shots", 1_000_000)),
    (BELL, both(put("/shots", 1), put("/settings/error_mitigation/debiasing", False))),
    (BELL, put("/shots", 500)),
    (BELL, put("/input/qubits", 25)),
    (BELL, both(SIM, put("/noise", {"model": "aria-1", "seed": 1}))),
    (BELL, both(SIM, put("/noise", {"model": "aria-1", "seed": 2**31 - 1}))),
    (BELL, both(SIM, put("/noise", {"model": "ideal", "seed": None}))),
    (BELL, put("/metadata", {f"k{i:038d}": "v" * 400 for i in range(10)})),
    (BELL, both(put("/input/qubits", 8), gate(0, {"gate": "x", "controls": list(range(7)), "target": 7}))),
    (BELL, gate(0, {"gate": "x", "controls": [0], "targets": [1]})),
    (BELL, gate(0, {"gate": "swap", "targets": [0, 1]})),
    (BELL, put("/backend", "qpu.forte-enterprise-1")),
    (BELL, both(SIM, put("/noise", {"model": "forte-enterprise-1"}), put("/input/qubits", 29))),
]


@pytest.mark.parametrize("base, edit", BOUNDARIES)
def test_boundary_values_are_accepted(base: dict[str, Any], edit: Edit) -> None:
    data = payload(base)
    edit(data)
    assert lint(dumps(data)) == []


def test_a_payload_with_many_faults_reports_all_in_document_order() -> None:
    data = payload(BELL)
    put("/shots", 0)(data)
    put("/input/circuit/0/target", 7)(data)
    put("/input/circuit/2/gate", "rq")(data)
    text = dumps(data)
    found = lint(text)
    assert [d.code for d in found] == ["IQ501", "IQ207", "IQ201"]
    assert [(d.line, d.column) for d in found] == sorted((d.line or 0, d.column or 0) for d in found)


def test_mapping_payload_gets_pointers_without_positions() -> None:
    data = payload(BELL)
    put("/input/circuit/0/target", 2)(data)
    (finding,) = lint(data)
    assert (finding.code, finding.pointer, finding.line, finding.column) == (
        "IQ207",
        "/input/circuit/0/target",
        None,
        None,
    )


def test_nan_in_a_mapping_is_reported_at_its_pointer() -> None:
    data = payload(BELL)
    put("/input/circuit/2/rotation", float("nan"))(data)
    assert [(d.code, d.pointer) for d in lint(data)] == [("IQ004", "/input/circuit/2/rotation")]


# -- What IonQ accepts, from real clients' payloads (tests/validators/corpus) --------------------


def corpus_job(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((CORPUS / name).read_text())
    return data


def codes_and_severities(found: list[Diagnostic]) -> list[tuple[str, str, str]]:
    return [(d.code, d.severity.value, d.pointer) for d in found]


# What every cirq-ionq payload gets, each from its own rule: `lang` (IQ113) and string shots (IQ502).
CIRQ_WARNINGS = {"IQ113", "IQ502"}


def but_cirq_warnings(found: list[Diagnostic]) -> list[Diagnostic]:
    return [d for d in found if d.code not in CIRQ_WARNINGS]


@pytest.mark.parametrize(
    ("name", "shots", "pointer"),
    [
        ("v0.4/qiskit-ionq-qpu-aria-debias.json", 100, "/settings/error_mitigation/debiasing"),
        ("v0.3/qiskit-ionq-qpu-aria-debias.json", 100, "/error_mitigation/debias"),
        ("v0.4/cirq-ionq-qpu-aria-debias.json", "100", "/settings/error_mitigation/debiasing"),
    ],
)
def test_debiasing_below_500_shots_is_a_warning_that_debiasing_is_off(
    name: str, shots: Any, pointer: str
) -> None:
    """IonQ accepts the job and runs it without debiasing (S09, debiasing guide): not an error."""
    data = corpus_job(name)
    data["shots"] = shots
    found = but_cirq_warnings(lint(dumps(data)))
    assert codes_and_severities(found) == [("IQ503", "warning", pointer)]
    assert "without debiasing" in found[0].message
    assert not any(d.is_error for d in lint(dumps(data)))


def test_debiasing_at_500_shots_is_silent() -> None:
    data = corpus_job("v0.4/qiskit-ionq-qpu-aria-debias.json")
    data["shots"] = 500
    assert lint(dumps(data)) == []


@pytest.mark.parametrize("version", ["v0.3", "v0.4"])
def test_a_retired_system_in_a_real_payload_is_an_error(version: str) -> None:
    """qiskit-ionq still lets a user pick qpu.aria-2; IonQ runs nothing there any more."""
    data = corpus_job(f"{version}/qiskit-ionq-qpu-aria-native-ms-multi.json")
    where = "/target" if version == "v0.3" else "/backend"
    assert data[where[1:]] == "qpu.aria-2"
    assert codes_and_severities(lint(dumps(data))) == [("IQ404", "error", where)]
    revived = LintConfig(backends={"qpu.aria-2": {"retired": False}})
    assert lint(dumps(data), config=revived) == []


def test_an_unknown_system_of_a_known_family_is_an_error_until_configured(tmp_path: Path) -> None:
    data = corpus_job("v0.4/qiskit-ionq-qpu-aria-debias.json")
    data["backend"] = "qpu.aria-9"
    found = lint(dumps(data))
    assert codes_and_severities(found) == [("IQ403", "error", "/backend")]
    assert "[tool.ionqkit.lint.backends]" in (found[0].hint or "")
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text('[tool.ionqkit.lint.backends]\n"qpu.aria-9" = { family = "aria", qubits = 25 }\n')
    assert lint(dumps(data), config=load(pyproject)) == []
    saved = tmp_path / "backends.json"  # or a saved GET /backends response that lists it
    saved.write_text(json.dumps([{"backend": "qpu.aria-9", "qubits": 25, "status": "available"}]))
    assert lint(dumps(data), config=LintConfig(backends_file=saved)) == []


INT32_MIN, INT32_MAX = -(2**31), 2**31 - 1


def seeded(seed: Any) -> str:
    """cirq-ionq's noisy-simulator job (it sends the seed it is given) with another seed."""
    data = corpus_job("v0.4/cirq-ionq-simulator-noise.json")
    assert data["noise"]["seed"] == 7
    data["noise"]["seed"] = seed
    return dumps(data)


def seed_findings(seed: Any, limits: Mapping[str, float] | None = None) -> list[tuple[str, str]]:
    found = but_cirq_warnings(lint(seeded(seed), config=LintConfig(limits=dict(limits or {}))))
    return [(d.code, d.pointer) for d in found]


@pytest.mark.parametrize("seed", [1, 7, INT32_MAX, None])
def test_default_seed_range_accepts_one_to_int32_max(seed: Any) -> None:
    assert seed_findings(seed) == []


@pytest.mark.parametrize("seed", [0, -1, INT32_MIN, INT32_MAX + 1, 1.5, True, "7"])
def test_default_seed_range_refuses_what_pennylane_ionq_and_int32_refuse(seed: Any) -> None:
    assert seed_findings(seed) == [("IQ407", "/noise/seed")]


def test_seed_range_override_follows_the_spec_int32_alone() -> None:
    spec_only = {"noise_seed_min": INT32_MIN}
    for seed in (0, -1, INT32_MIN, INT32_MAX):
        assert seed_findings(seed, spec_only) == []
    assert seed_findings(INT32_MIN - 1, spec_only) == [("IQ407", "/noise/seed")]
    assert seed_findings(INT32_MAX + 1, spec_only) == [("IQ407", "/noise/seed")]


def test_seed_range_override_can_narrow_it() -> None:
    narrow = {"noise_seed_max": 1000}
    assert seed_findings(1000, narrow) == []
    found = lint(seeded(1001), config=LintConfig(limits=narrow))
    assert [d.message for d in found if d.code == "IQ407"] == [
        "noise seed 1001 is not an integer in [1, 1000]"
    ]


def test_seed_range_override_from_pyproject(tmp_path: Path) -> None:
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text("[tool.ionqkit.lint.limits]\nnoise_seed_min = -2147483648\n")
    assert but_cirq_warnings(lint(seeded(0), config=load(pyproject))) == []


@pytest.mark.parametrize(
    "ambiguous",
    [
        {"gate": "x", "target": 1, "targets": [2]},
        {"gate": "x", "controls": [0], "control": 3, "targets": [1]},
    ],
    ids=["target-and-targets", "control-and-controls"],
)
def test_both_spellings_of_an_operand_in_a_real_payload_is_a_warning_at_the_gate(
    ambiguous: dict[str, Any],
) -> None:
    data = corpus_job("v0.4/qiskit-ionq-qpu-aria-debias.json")
    data["input"]["circuit"][1] = ambiguous
    found = lint(dumps(data))
    assert codes_and_severities(found) == [("IQ213", "warning", "/input/circuit/1")]


@pytest.mark.parametrize(
    ("gate_", "others"),
    [
        ({"gate": "h", "target": 0, "targets": [0]}, []),  # redundant, not a repeated qubit
        ({"gate": "h", "targets": [1, 1], "target": 1}, [("IQ208", "/input/circuit/0/targets/1")]),
        (
            {"gate": "cnot", "control": 0, "controls": [0], "target": 0},
            [("IQ208", "/input/circuit/0/target")],
        ),
    ],
)
def test_both_spellings_of_one_qubit_are_the_warning_only(
    gate_: dict[str, Any], others: list[tuple[str, str]]
) -> None:
    data = payload(BELL)
    gate(0, gate_)(data)
    found = [(d.code, d.pointer) for d in lint(dumps(data))]
    assert sorted(found) == sorted([("IQ213", "/input/circuit/0"), *others])


def test_an_unknown_gate_or_field_close_to_a_known_one_gets_the_same_hint() -> None:
    data = json.loads(json.dumps(BELL))
    data["input"]["circuit"][0]["gate"] = "cnto"
    data["input"]["circuit"][1]["targt"] = 0
    data["settings"] = {"error_mitigaton": {}}
    hints = {(d.code, d.pointer): d.hint for d in lint(json.dumps(data))}
    assert hints[("IQ201", "/input/circuit/0/gate")] == "did you mean `cnot`?"
    assert hints[("IQ102", "/input/circuit/1/targt")] == "did you mean `target`?"
    assert hints[("IQ115", "/settings/error_mitigaton")] == "did you mean `error_mitigation`?"
