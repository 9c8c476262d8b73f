"""Every lint rule, in one place: stable code, name, default severity, summary, doc, sources.

Codes never change meaning once published; a retired rule keeps its code reserved. Families:
IQ0xx the JSON/YAML text itself, IQ1xx structure and API version, IQ2xx gatesets and operands,
IQ3xx native-gate parameters, IQ4xx qubits/backend/noise, IQ5xx shots and debiasing, IQ6xx
metadata, IQ7xx multi-circuit and request size. docs/rules.md is generated from this table.

A rule whose findings `ionqkit lint --fix` can fix declares it here (`fix=Fixable(...)`), as ruff's
rules do: safe where the payload IonQ runs stays the same, unsafe where it may not (or the API
version changes). The rule that finds the fault says what to change (validators/fixes.py).

Each rule is a constant named by its code: rule modules emit `IQ207`, not the string "IQ207".
"""

from __future__ import annotations

from ionqkit.findings import Fixable, Registry, Rule, Safety, Severity

E = Severity.ERROR
W = Severity.WARNING

S05 = "v0.4 spec, May 2026 (S05)"
S09 = "v0.4 spec, September 2026 (S09)"
V03_DOCS = "docs.ionq.com v0.3 API reference"
NATIVE_DOCS = "docs.ionq.com native-gates-api"
PROGRAMS_DOCS = "docs.ionq.com v0.3 writing-quantum-programs"
NOISE_DOCS = "docs.ionq.com guides/simulation-with-noise-models"
DEBIAS_DOCS = "docs.ionq.com guides/error-mitigation-debiasing"
QISKIT = "qiskit-ionq helpers.py (client)"
QISKIT_053 = "qiskit-ionq 0.5.13 helpers.py qiskit_to_ionq, test/conftest.py (client, v0.3)"
CIRQ = "cirq-ionq ionq_client.py / serializer.py (client)"
PENNYLANE = "PennyLane-IonQ device.py noise_seed (client, April 2026)"
BACKENDS_DOCS = "docs.ionq.com user-manual/backends"
BRAKET = "Amazon Braket SDK v1.104.0 release notes, 'retire Aria-2' (third party)"
RFC8259 = "RFC 8259 (JSON)"


RULES = Registry()

# -- IQ0xx: the text -------------------------------------------------------------------
IQ001 = RULES.add(
    Rule(
        "IQ001",
        "invalid-syntax",
        E,
        "The payload is not valid JSON (or YAML).",
        "The text cannot be parsed: a syntax error, a truncated document, or data after the "
        "end of the top-level value. The location is where the parser stopped.",
        (RFC8259,),
    )
)
IQ002 = RULES.add(
    Rule(
        "IQ002",
        "invalid-utf8",
        E,
        "The payload is not valid UTF-8.",
        "JSON exchanged between systems must be UTF-8; the offending byte is reported.",
        (RFC8259,),
    )
)
IQ003 = RULES.add(
    Rule(
        "IQ003",
        "byte-order-mark",
        E,
        "The payload starts with a UTF-8 byte order mark.",
        "RFC 8259 forbids a BOM in JSON text and many parsers (orjson, JavaScript's JSON.parse) "
        "reject it. The rest of the payload is still linted.",
        (RFC8259,),
        fix=Fixable(Safety.SAFE, "remove the byte order mark"),
    )
)
IQ004 = RULES.add(
    Rule(
        "IQ004",
        "non-finite-number",
        E,
        "NaN or Infinity is not a JSON number.",
        "Python's json module writes NaN/Infinity by default; no JSON parser has to accept it. "
        "For Python mappings passed to lint(), float('nan') and float('inf') values are "
        "reported at their pointer.",
        (RFC8259,),
    )
)
IQ005 = RULES.add(
    Rule(
        "IQ005",
        "duplicate-key",
        E,
        "An object has the same key twice.",
        "Parsers disagree on which value wins (first or last), so the job IonQ runs may not be "
        "the one you checked. Every repeated key is reported at its second occurrence.",
        (RFC8259,),
    )
)
IQ006 = RULES.add(
    Rule(
        "IQ006",
        "too-deep",
        E,
        "Nesting is deeper than any valid payload needs.",
        "A job payload nests about eight levels deep. Deeper input is reported at the first "
        "container past `max_depth`, which can be raised to 512 (the limit of every ionqkit reader) "
        "but no further.",
        (),
        limits=("max_depth",),
    )
)
IQ007 = RULES.add(Rule("IQ007", "empty-document", E, "The payload is empty.", "There is nothing to submit."))
# -- IQ1xx: structure and version -----------------------------------------------------------
IQ101 = RULES.add(
    Rule(
        "IQ101",
        "missing-field",
        E,
        "A required field is missing.",
        "Required fields come from the spec's creation payload for the job's `type` (then "
        "`input.gateset`): `backend`, `type` and `input` at the top level, `circuit` and "
        "`gateset` in a circuit input, `model` in `noise`.",
        (S05,),
    )
)
IQ102 = RULES.add(
    Rule(
        "IQ102",
        "unknown-field",
        E,
        "A field the spec does not define (where it allows none).",
        "Payloads, inputs, circuits, gates and `noise` are closed objects in the spec "
        "(`additionalProperties: false`), so IonQ rejects unknown fields there. Fields IonQ's own "
        "clients send and IonQ accepts are not reported (see IQ113).",
        (S05,),
        "Client extensions are listed in specs/backends.yaml `client_extensions` (pauliexp's "
        "`terms`/`coefficients`/`time` from qiskit-ionq; cirq-ionq's `lang`).",
    )
)
IQ103 = RULES.add(
    Rule(
        "IQ103",
        "wrong-type",
        E,
        "A value has the wrong JSON type.",
        "Types come from the spec. Where a spec type is a union (anyOf/oneOf), the branch is "
        "chosen from the payload's own discriminating fields (`type`, `gateset`) and never by "
        "a 'best match' guess, so the message names the real fault.",
        (S05,),
    )
)
IQ104 = RULES.add(
    Rule(
        "IQ104",
        "unknown-job-type",
        E,
        "`type` is not a job type the spec defines.",
        "Job types are the `type` enums of the spec's creation payloads, compiled into the lint "
        "facts: the linter knows the types of the spec it was generated from, or of `--spec`.",
        (S05, S09, QISKIT),
    )
)
IQ105 = RULES.add(
    Rule(
        "IQ105",
        "invalid-value",
        E,
        "A value is outside the spec's enum or bounds.",
        "Enums, minimum/maximum and maxItems from the spec, where no more specific rule "
        "applies (e.g. `input.gateset`, `input.qubits` >= 1).",
        (S05,),
    )
)
IQ110 = RULES.add(
    Rule(
        "IQ110",
        "v03-payload",
        E,
        "A v0.3 payload is being checked as v0.4.",
        "v0.3 payloads use `target`, `input.format: ionq.circuit.v0` and a top-level "
        "`error_mitigation.debias`; v0.4 needs `backend`, `type` and "
        "`settings.error_mitigation.debiasing`. The hint lists the migration. The payload's "
        "circuits are still checked.",
        (V03_DOCS, S05),
        "The version is read from fields only one version has: `target`, `input.format`, a top-level "
        "`error_mitigation` or `body` are v0.3; `backend` and `type` are v0.4. `settings` decides "
        "nothing, since qiskit-ionq 0.5.13 sent it to v0.3 too. A payload with fields of one version "
        "only is that version; one with fields of both or neither is the version asked for "
        "(--api-version, api_version=), and v0.4 under auto. So this fires only when v0.4 is asked for "
        "and the payload has v0.3 fields only.",
        fix=Fixable(
            Safety.UNSAFE,
            "rewrite the payload for v0.4 as `ionqkit migrate` does, where it maps every field "
            "(unsafe: it changes the API version)",
            always=False,
        ),
    )
)
IQ111 = RULES.add(
    Rule(
        "IQ111",
        "legacy-body-lang",
        W,
        "A v0.3 payload with the circuit in `body` + `lang`.",
        "cirq-ionq releases up to 1.4 sent the circuit as `body` with `lang: json` to the v0.3 "
        "API, which accepted it; the v0.3 docs and v0.4 use `input`.",
        (CIRQ,),
        "Recognised as v0.3 and linted as such; a warning because v0.3 accepted it.",
        fix=Fixable(
            Safety.SAFE,
            'rename `body` to `input` and remove `lang`, where `lang` is "json", `body` an object, '
            "and the payload still reads as v0.3 without them (it has `target`, `error_mitigation` or "
            "`input.format`, or v0.3 was asked for)",
            always=False,
        ),
    )
)
IQ112 = RULES.add(
    Rule(
        "IQ112",
        "v04-payload",
        E,
        "A v0.4 payload is being checked as v0.3.",
        "`backend` and `type` do not exist in v0.3. `settings` does: qiskit-ionq 0.5.13 sent its "
        '`job_settings` (e.g. `{"compilation": {"opt": 1}}`) to v0.3 as `settings`, and the v0.3 job '
        "responses its tests replay carry `settings`, so a v0.3 payload with `settings` is linted as "
        "v0.3 and `settings` is accepted there (specs/backends.yaml `v0.3.client_fields`).",
        (V03_DOCS, QISKIT_053),
        "The v0.3 docs do not list `settings`, but the client IonQ maintained for v0.3 sent it for "
        "three years; rejecting it would be a false alarm. Detection: see IQ110.",
    )
)
IQ113 = RULES.add(
    Rule(
        "IQ113",
        "client-extension",
        W,
        "A field the spec omits but IonQ's clients send.",
        'cirq-ionq sends `lang: "json"` on every job and qiskit-ionq sends `input.qubits` with '
        "OpenQASM 3 jobs; IonQ accepts both, the spec does not describe them.",
        (CIRQ, QISKIT, S09),
        "A warning, not an error: rejecting what IonQ accepts would be a false alarm.",
        fix=Fixable(
            Safety.SAFE,
            "remove a top-level key IonQ ignores (cirq-ionq's `lang`); `input.qubits` of an OpenQASM 3 "
            "job is kept, since what IonQ does with it is not documented",
            always=False,
        ),
    )
)
IQ114 = RULES.add(
    Rule(
        "IQ114",
        "input-shape-for-type",
        E,
        "The input has the shape another job type takes.",
        "The spec's circuit payload takes a gate list or OpenQASM 3 source for either job type; IonQ "
        "reads `ionq.circuit.v1` input as a gate list and `ionq.qasm3.v1` input as program source "
        "(specs/backends.yaml `job_type_inputs`). A gate list in a qasm3 job, or `data` in a circuit "
        "job, is reported once, at the field that gives it away.",
        (S09, QISKIT),
        "Which input kinds a job type takes is catalog data, overridable for a type IonQ adds.",
    )
)
IQ115 = RULES.add(
    Rule(
        "IQ115",
        "unknown-field-in-open-object",
        W,
        "A field the spec does not define, in an object the spec leaves open.",
        "Where the spec lists an object's fields but allows others (no `additionalProperties: false`), "
        "IonQ accepts an unknown key and ignores it: a misspelt option (v0.3's "
        "`settings.error_mitigation.debias` in a v0.4 job) silently does nothing.",
        (S09,),
        "A warning: the key is legal JSON for the spec, but almost always a mistake.",
    )
)
# -- IQ2xx: gatesets and operands ----------------------------------------------------------
IQ201 = RULES.add(
    Rule(
        "IQ201",
        "unknown-gate",
        E,
        "A gate name that no gateset defines.",
        "Gate names are the spec's `QisGate` and `NativeGate` enums.",
        (S05,),
    )
)
IQ202 = RULES.add(
    Rule(
        "IQ202",
        "wrong-gateset",
        E,
        "A QIS gate in a native circuit, or a native gate in a QIS circuit.",
        "A circuit uses one gateset: `input.gateset`, or in multi-circuit jobs the circuit's own "
        "`gateset`, which defaults to the parent's. `zz` exists in both (QIS takes `rotation` "
        "in radians, native takes `angle` in turns).",
        (S05, NATIVE_DOCS),
    )
)
IQ203 = RULES.add(
    Rule(
        "IQ203",
        "missing-operand",
        E,
        "A gate lacks an operand it needs.",
        "Every gate needs `target` or `targets`; cnot needs `control` or `controls`; rx/ry/rz and "
        "QIS xx/yy/zz need `rotation`; gpi/gpi2 need `phase`; ms needs `phases`; native zz needs "
        '`angle`. Real clients write controlled gates as `{"gate": "x", "controls": [...]}`, '
        "which is valid.",
        (PROGRAMS_DOCS, NATIVE_DOCS, QISKIT),
        "The table lives in specs/backends.yaml `operands` (the spec types the fields but does "
        "not say which gate needs which).",
    )
)
IQ204 = RULES.add(
    Rule(
        "IQ204",
        "wrong-arity",
        E,
        "A gate has the wrong number of targets or phases.",
        "swap, ms, zz, xx and yy act on exactly two targets; ms takes exactly two phases; "
        "`targets` and `controls` must not be empty.",
        (PROGRAMS_DOCS, NATIVE_DOCS),
    )
)
IQ205 = RULES.add(
    Rule(
        "IQ205",
        "bad-qubit-index",
        E,
        "A qubit index is not a non-negative integer.",
        "`target`/`control` are int32 in the spec, but `targets`/`controls` items are typed "
        "`number`, so 1.5 or -1 would pass a schema check; IonQ needs qubit indices.",
        (S05,),
        "Integral floats such as 1.0 are IQ206 (warning), anything else here is an error.",
    )
)
IQ206 = RULES.add(
    Rule(
        "IQ206",
        "float-qubit-index",
        W,
        "A qubit index written as an integral float (1.0).",
        "The spec types `targets` items as numbers, so 1.0 validates, and it denotes qubit 1; write 1.",
        (S05,),
        fix=Fixable(Safety.SAFE, "write the integer"),
    )
)
IQ207 = RULES.add(
    Rule(
        "IQ207",
        "qubit-out-of-range",
        E,
        "A qubit index is not below `input.qubits`.",
        "Indices run from 0 to `qubits` - 1 (a circuit's own `qubits` wins in multi-circuit "
        "jobs). IonQ fails such jobs with NotEnoughQubits.",
        (S05, PROGRAMS_DOCS),
    )
)
IQ208 = RULES.add(
    Rule(
        "IQ208",
        "repeated-qubit",
        E,
        "The same qubit appears twice in one gate.",
        "A gate's targets and controls must be distinct qubits.",
        (PROGRAMS_DOCS,),
    )
)
IQ209 = RULES.add(
    Rule(
        "IQ209",
        "too-many-controls",
        E,
        "More controls than IonQ supports.",
        "Multi-controlled gates take at most 7 controls (failure code TooManyControls).",
        (PROGRAMS_DOCS, S09),
        limits=("max_controls",),
    )
)
IQ210 = RULES.add(
    Rule(
        "IQ210",
        "controlled-swap",
        W,
        "A controlled swap.",
        "The v0.3 docs allow controls on any gate except swap, while qiskit-ionq has emitted "
        "controlled swaps as `{gate: swap, controls: [c], targets: [a, b]}`.",
        (PROGRAMS_DOCS, QISKIT),
        "Sources disagree, so this is a warning.",
    )
)
IQ211 = RULES.add(
    Rule(
        "IQ211",
        "zz-angle-as-phase",
        W,
        "A native zz gate gives its angle as `phase`.",
        "cirq-ionq serialises ZZGate(theta) as `{gate: zz, phase: theta}`; the docs and the spec "
        "call the field `angle`. The value is treated as the angle.",
        (CIRQ, NATIVE_DOCS),
        fix=Fixable(
            Safety.UNSAFE,
            "rename `phase` to `angle` (unsafe: what IonQ does with `phase` on zz is not documented)",
        ),
    )
)
IQ212 = RULES.add(
    Rule(
        "IQ212",
        "bad-pauliexp",
        E,
        "A pauliexp gate's terms do not fit its targets.",
        "Each term is a string over I/X/Y/Z with one letter per target, and `coefficients` has "
        "one real number per term.",
        (QISKIT,),
        "pauliexp's fields are absent from every spec schema; they follow qiskit-ionq.",
    )
)
IQ213 = RULES.add(
    Rule(
        "IQ213",
        "ambiguous-operand",
        W,
        "A gate gives a qubit operand in both spellings (`target` and `targets`, or `control` "
        "and `controls`).",
        "The docs and the spec offer each operand as one index or as a list, never both; with both, "
        "which qubits IonQ acts on is not documented. Reported at the gate. Every index is still "
        "checked (type, range, a qubit both control and target, repeats within a list); the same "
        "qubit in both spellings of one operand is this warning only, not IQ208.",
        (PROGRAMS_DOCS, S05),
        "A warning: the spec's gate schema lets both through, so IonQ may accept the job, but the "
        "circuit may not be the one meant. No client we captured writes both.",
    )
)
# -- IQ3xx: native parameters -------------------------------------------------------------
IQ301 = RULES.add(
    Rule(
        "IQ301",
        "phase-out-of-range",
        E,
        "A native phase is outside [-1, 1] turns.",
        "gpi/gpi2 `phase` and ms `phases` are in turns (1 turn = 2π) within [-1, 1].",
        (NATIVE_DOCS,),
        limits=("phase_min", "phase_max"),
    )
)
IQ302 = RULES.add(
    Rule(
        "IQ302",
        "ms-angle-out-of-range",
        E,
        "An ms angle is outside [0, 0.25] turns.",
        "0.25 is fully entangling (the default). The docs give no range for zz's angle, so none is checked.",
        (NATIVE_DOCS, S05),
        limits=("ms_angle_min", "ms_angle_max"),
    )
)
IQ303 = RULES.add(
    Rule(
        "IQ303",
        "wrong-two-qubit-gate",
        E,
        "ms on a Forte-family target, or zz on an Aria-family target.",
        "Aria (and Harmony) systems run ms, Forte and Tempo systems run zz. On the simulator the "
        "noise model decides; the ideal simulator accepts both.",
        (NATIVE_DOCS, QISKIT),
        "Families are in specs/backends.yaml `families`.",
    )
)
# -- IQ4xx: qubits, backend, noise ---------------------------------------------------------
IQ401 = RULES.add(
    Rule(
        "IQ401",
        "too-many-qubits",
        E,
        "The circuit needs more qubits than the target has.",
        "What a job needs: its `input.qubits` and each circuit's own `qubits`; for a circuit that "
        "declares none, its highest qubit index + 1 (reported at the first operand past the limit); "
        "for an OpenQASM job (`input.data`), the qubits its program declares (`qubit[n]`, `qubit`, "
        "`qreg name[n]`, or physical `$n` as highest index + 1) and its `input.qubits`, which "
        "qiskit-ionq sends. What the target has: the backend's count (simulator 29, Aria 25, "
        "Forte-1 36); on the simulator with a noise model, the modelled system's limit if lower "
        "(aria 25, forte-1 29, harmony 11). A noise model without a count (forte-enterprise-1) "
        "leaves the simulator's own 29. The message names the limit that applied. A backend without "
        "a count (qpu.forte-enterprise-1) is not checked.",
        (NOISE_DOCS, QISKIT, S09),
        "Counts come from specs/backends.yaml; `backends-file` (a saved GET /backends "
        "response) or `[tool.ionqkit.lint.backends]` override them. A noise model's missing count "
        "does not switch the check off: the simulator caps every job at its own count (noise-model "
        "guide: the ideal simulator runs up to 29 qubits, each noise model up to its system's).",
    )
)
IQ402 = RULES.add(
    Rule(
        "IQ402",
        "unknown-backend",
        E,
        "`backend` (or v0.3 `target`) names no known system.",
        "The v0.4 spec lists backends only in a description, so names come from "
        "specs/backends.yaml, the spec's description as a fallback, and the config.",
        (S05, S09),
        "Add systems your organisation can use under [tool.ionqkit.lint.backends].",
    )
)
IQ403 = RULES.add(
    Rule(
        "IQ403",
        "unlisted-backend",
        E,
        "`backend` names an unlisted system of a known family.",
        "For example `qpu.aria-9` or a new `qpu.tempo-*` system. A system IonQ does not run cannot "
        "take a job, and IonQ rejects the job; the message names the family the name suggests. The "
        "systems IonQ runs are the ones `GET /backends` lists (qiskit-ionq warns about a backend that "
        "list lacks).",
        (S09, QISKIT),
        "An error, not a warning: an unknown system cannot run. A new system you can use is "
        "configuration, not a lint finding: add it under `[tool.ionqkit.lint.backends]` (kind, family, "
        "qubits), or point `backends-file` at a saved `GET /backends` response, and it is known from "
        "then on.",
    )
)
IQ404 = RULES.add(
    Rule(
        "IQ404",
        "retired-backend",
        E,
        "The backend has been retired.",
        "qpu.harmony was retired in September 2024; qpu.aria-2 is retired too: IonQ's backend list "
        "marks it retired and the September 2026 spec drops it from the backends it lists (the May 2026 "
        "spec and the v0.3 target enum still name it). Its noise model `aria-2` remains a simulator "
        "option.",
        (NOISE_DOCS, V03_DOCS, BACKENDS_DOCS, S09, BRAKET),
        "An error: a retired system runs no jobs (S09 gives backends a `retired` status beside "
        "`available`/`unavailable`, and IonQ's clients dropped harmony when it retired). Retirements "
        "are `retired: true` in specs/backends.yaml; a `[tool.ionqkit.lint.backends]` entry with "
        "`retired = false` overrides one.",
    )
)
IQ405 = RULES.add(
    Rule(
        "IQ405",
        "noise-on-qpu",
        W,
        "A noise model on a QPU target has no effect.",
        "Noise models configure the simulator only; IonQ ignores them for `qpu.*`.",
        (V03_DOCS, S09),
    )
)
IQ406 = RULES.add(
    Rule(
        "IQ406",
        "unknown-noise-model",
        E,
        "`noise.model` is not a model the spec lists.",
        "Names come from the spec's NoiseModel enum (or, in specs without the enum, its description).",
        (S05, S09),
    )
)
IQ407 = RULES.add(
    Rule(
        "IQ407",
        "noise-seed-out-of-range",
        E,
        "`noise.seed` is not an integer in [1, 2^31 - 1].",
        "The specs type the seed as int32 (-2^31..2^31 - 1) and no IonQ page documents a range or "
        "what a seed of 0 or below does. PennyLane-IonQ, whose noise support an IonQ engineer added "
        "in 2026, refuses any seed outside 1..2^31 - 1 before sending the job; qiskit-ionq and "
        "cirq-ionq send the seed as given.",
        (S05, S09, PENNYLANE, QISKIT, CIRQ),
        "Default [1, 2^31 - 1]: the upper end is int32's (the only machine-readable bound); the lower "
        "end is PennyLane-IonQ's, the only client that checks seeds, since what the service does with "
        "0 or a negative seed is undocumented. To follow the spec's int32 alone, set "
        "`noise_seed_min = -2147483648` under `[tool.ionqkit.lint.limits]`. A null seed (qiskit-ionq "
        "sends it when none is set) is accepted as 'no seed'.",
        limits=("noise_seed_min", "noise_seed_max"),
    )
)
IQ408 = RULES.add(
    Rule(
        "IQ408",
        "qubits-not-counted",
        W,
        "The qubits of an OpenQASM program could not be counted, so IQ401 did not check them.",
        "The linter reads a program's global qubit declarations without running it. A size that is "
        "an expression or names something other than a `const` set to an integer literal, an "
        "unterminated comment or string, a declaration without its `;`, declared qubits mixed with "
        "physical `$n` qubits, or a program that declares no qubits at all is reported here, with "
        "the line, instead of a count.",
        (S09,),
        "A warning, not an error: the program may be valid for IonQ's compiler; only the count is "
        "unknown. Comments, strings, pragmas and annotations are never read as declarations.",
    )
)
# -- IQ5xx: shots and debiasing -----------------------------------------------------------
IQ501 = RULES.add(
    Rule(
        "IQ501",
        "invalid-shots",
        E,
        "`shots` is not an integer within the spec's bounds.",
        "Circuit jobs take 1..1,000,000 shots (bounds read from the spec).",
        (S05, S09),
    )
)
IQ502 = RULES.add(
    Rule(
        "IQ502",
        "shots-as-string",
        W,
        "`shots` is a numeric string.",
        'cirq-ionq sends shots as a string such as "100" and IonQ accepts it; the spec says integer.',
        (CIRQ, S05),
        "A warning, since IonQ accepts it.",
        fix=Fixable(Safety.SAFE, "write the integer"),
    )
)
IQ503 = RULES.add(
    Rule(
        "IQ503",
        "debias-too-few-shots",
        W,
        "Debiasing requested with fewer than 500 shots.",
        "Debiasing needs at least 500 shots. IonQ accepts such a job and runs it without "
        "debiasing, without saying so; the warning says it instead.",
        (S05, S09, DEBIAS_DOCS),
        "A warning, not an error: IonQ runs the job (the spec: 'to turn on debiasing, you must request "
        "at least 500 shots'; the debiasing guide: below 500 it is disabled and cannot be enabled).",
        limits=("debias_min_shots",),
    )
)
IQ504 = RULES.add(
    Rule(
        "IQ504",
        "debias-on-simulator",
        W,
        "Debiasing requested on the simulator.",
        "Debiasing runs on QPUs only (noisy simulation included); the request is ignored.",
        (DEBIAS_DOCS,),
    )
)
# -- IQ6xx: metadata ----------------------------------------------------------------------
IQ601 = RULES.add(
    Rule(
        "IQ601",
        "metadata-value-type",
        E,
        "A metadata value is not a string.",
        "The spec types metadata as string -> string (its own example uses numbers, which "
        "contradicts it; the schema wins).",
        (S05,),
    )
)
IQ602 = RULES.add(
    Rule(
        "IQ602",
        "metadata-too-many-keys",
        E,
        "Metadata has more than 10 keys.",
        "Documented for v0.3 only; no v0.4 limit is published.",
        (V03_DOCS,),
        "Applied to v0.4 too (the same service stores it).",
        ("metadata_max_keys",),
    )
)
IQ603 = RULES.add(
    Rule(
        "IQ603",
        "metadata-key-too-long",
        E,
        "A metadata key is longer than 40 characters.",
        "Documented for v0.3 only.",
        (V03_DOCS,),
        None,
        ("metadata_max_key_length",),
    )
)
IQ604 = RULES.add(
    Rule(
        "IQ604",
        "metadata-value-too-long",
        E,
        "A metadata value is longer than 40,000 characters.",
        "The v0.3 docs' note says 40,000.",
        (V03_DOCS,),
        None,
        ("metadata_max_value_length",),
    )
)
IQ605 = RULES.add(
    Rule(
        "IQ605",
        "metadata-value-long",
        W,
        "A metadata value is longer than 400 characters.",
        "The same v0.3 page's example says 'maximum 400 chars', contradicting its 40,000-character "
        "note; values between the two are flagged as a warning.",
        (V03_DOCS,),
        "Sources conflict (400 vs 40,000): warn at 400, fail at 40,000.",
        ("metadata_warn_value_length",),
    )
)
# -- IQ7xx: multi-circuit and size -----------------------------------------------------------
IQ701 = RULES.add(
    Rule(
        "IQ701",
        "too-many-circuits",
        E,
        "More than 5,000 circuits in one job.",
        "A spec `maxItems` on `circuits` wins over the configured limit.",
        (S09,),
        None,
        ("max_circuits",),
    )
)
IQ702 = RULES.add(
    Rule(
        "IQ702",
        "too-many-gates",
        E,
        "More than 150,000 gates in one job.",
        "Counted over all circuits; the limit can trip below the circuit and size limits.",
        (S09,),
        None,
        ("max_total_gates",),
    )
)
IQ703 = RULES.add(
    Rule(
        "IQ703",
        "circuit-and-circuits",
        E,
        "`input.circuit` and `input.circuits` together.",
        "A multi-circuit input takes `circuits` only; IonQ rejects the mix.",
        (S09,),
    )
)
IQ704 = RULES.add(
    Rule(
        "IQ704",
        "body-too-large",
        E,
        "The request body is larger than 10 MB.",
        "IonQ answers 413 above 10 MB (measured on the bytes given).",
        (S09,),
        None,
        ("max_body_bytes",),
    )
)
