"""What the exported schema says to a person: titles, hover help and messages, in our own words.

Field help is keyed by where the field sits in a payload; a field a newer spec adds gets the spec's
title (if any) and no help. What JSON Schema cannot express, and `lint` alone checks, is listed in
NOT_EXPRESSED (the schema's description and the tests read it).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from ionqkit.validators.registry import IQ005, IQ207, IQ208, IQ212, IQ401, IQ702, IQ704

TITLE = "IonQ job payload (API {version})"

# Rule code -> what the schema leaves to `ionqkit lint`, and why.
NOT_EXPRESSED = {
    IQ005.code: "a key given twice in one object (a schema sees the parsed value, with one of them)",
    IQ207.code: "a qubit index below `input.qubits` (or the circuit's own `qubits`): JSON Schema cannot "
    "compare a value with another value of the document",
    IQ208.code: "a qubit used twice in one gate across its fields (`control` also in `targets`); "
    "repeats within one list are caught here",
    IQ212.code: "a pauliexp term having one letter per target, and one coefficient per term (that each "
    "term is made of I, X, Y and Z is checked here)",
    IQ401.code: "the qubits a job needs where it declares no count: a circuit without `qubits` needs its "
    "highest index + 1 (`lint` reports the first index past the target's count, once per job), an "
    "OpenQASM program the qubits its text declares in `input.data`; declared counts (`input.qubits`, "
    "a circuit's own `qubits`) are checked here, against the backend or, on the simulator, the noise "
    "model",
    IQ702.code: "the total number of gates over all circuits of a job (each gate list is bounded by it here)",
    IQ704.code: "the size of the request body",
}

EDITOR_NOTES = (
    "JSON Schema has no warnings: what `lint` only warns about ({warnings}) is accepted here.",
    "A number such as 2.0 is an integer to JSON Schema; `lint` reports it where IonQ needs an "
    "integer literal (`input.qubits`, `noise.seed`).",
    "Text-level faults (syntax, UTF-8, a byte order mark, NaN, nesting depth) are the parser's and `lint`'s.",
)


def root_description(version: str, source: str, warnings: Iterable[str]) -> str:
    left = "; ".join(f"{code}: {why}" for code, why in sorted(NOT_EXPRESSED.items()))
    notes = " ".join(EDITOR_NOTES).format(warnings=", ".join(sorted(warnings)))
    return (
        f"A job payload for POST /jobs of the IonQ API {version}, as `ionqkit lint` checks it, from "
        f"{source} and ionqkit's catalog of IonQ systems and limits. The job's `type` decides the "
        "payload's shape, then `input.gateset` (or a circuit's own `gateset`) decides which gates and "
        "operands a circuit takes, so an editor reports the field that is wrong rather than a guess "
        "among alternatives. Checked by `ionqkit lint` only, as JSON Schema cannot express it: "
        f"{left}. {notes} Exported by `ionqkit schema`; regenerate it after updating ionqkit."
    )


JOB_TYPES = {
    "ionq.circuit.v1": "One circuit as a list of gates (`input.circuit`) in the qis or native gateset.",
    "ionq.multi-circuit.v1": "Several circuits (`input.circuits`) run as one job, each with its own results.",
    "ionq.qasm3.v1": "One OpenQASM 3 program, as text in `input.data`.",
    "qctrl.qaoa.v1": "A Q-CTRL QAOA optimisation problem.",
    "quantum-function": "A quantum function evaluated on the given parameters.",
}

# Payload fields, by their place in the payload ("noise.model": `model` inside `noise`).
FIELDS = {
    "type": "The kind of job. It decides which other fields the payload takes; v0.3 payloads (with "
    "`target` and `input.format`) need `ionqkit migrate` first.",
    "backend": "Where the job runs: `simulator` or a QPU such as `qpu.aria-1`. A system ionqkit does "
    "not list is an error; to use a new one, add it to the lint configuration "
    "(`[tool.ionqkit.lint.backends]` or `backends-file`) and export the schema again.",
    "shots": "How many times the circuit is run. An integer; IonQ also accepts a numeric string (as "
    "cirq-ionq sends it), which `lint` warns about.",
    "name": "Your name for the job, shown in IonQ's console and job listings.",
    "metadata": "Your own string key/value pairs, returned with the job (at most "
    "{metadata_max_keys} keys of up to {metadata_max_key_length} characters; values up to "
    "{metadata_max_value_length:,} characters, and `lint` warns past {metadata_warn_value_length}).",
    "metadata.*": "A metadata value: always a string (write numbers as strings).",
    "noise": "The noise model the simulator imitates; it has no effect on a QPU.",
    "noise.model": "Which system's noise the simulator imitates (`ideal`: none).",
    "noise.seed": "Seed of the simulated noise, for repeatable results: an integer in "
    "[{noise_seed_min}, {noise_seed_max}], or null for none.",
    "settings": "Compilation and error-mitigation options.",
    "settings.error_mitigation": "Error-mitigation options.",
    "settings.error_mitigation.debiasing": "Run symmetrised variants of the circuit and aggregate "
    "their results. Needs at least {debias_min_shots} shots: with fewer, IonQ runs the job without "
    "debiasing; the simulator ignores it (`lint` warns of both).",
    "settings.compilation": "Compiler options.",
    "dry_run": "Check and accept the job without running it.",
    "session_id": "Run the job inside this session.",
    "lang": "Sent by cirq-ionq on every job; IonQ ignores it (`lint` warns).",
    "input": "What to run. Its shape depends on `type`.",
    "input.gateset": "Which gates the circuit is written in: `qis` (abstract gates, angles in "
    "radians) or `native` (the trapped-ion gates, phases in turns).",
    "input.qubits": "How many qubits the circuit uses; qubit indices run from 0 to this minus one, "
    "and it must fit the backend (or the noise model on the simulator).",
    "input.circuit": "The gates, applied in order.",
    "input.circuits": "The circuits of this job (at most {max_circuits:,}); each takes the input's "
    "`gateset` and `qubits` unless it gives its own.",
    "input.data": "The program text.",
    "input.qubits@source": "Sent by qiskit-ionq with OpenQASM 3 jobs; IonQ accepts it (`lint` warns).",
    "circuit.gateset": "This circuit's own gateset, instead of the input's.",
    "circuit.qubits": "This circuit's own qubit count, instead of the input's.",
    "circuit.name": "Your name for this circuit, returned with its results.",
}

GATE_FIELDS = {
    "gate": "The gate's name.",
    "target": "The qubit the gate acts on (an index from 0).",
    "targets": "The qubits the gate acts on, each once.",
    "control": "The qubit that controls the gate.",
    "controls": "The qubits that control the gate (at most {max_controls}).",
    "rotation": "The rotation angle, in radians.",
    "phase": "The phase, in turns (1 turn = 2π radians), within [{phase_min}, {phase_max}].",
    "phases": "The two phases of the ms gate, in turns, each within [{phase_min}, {phase_max}].",
    "angle": "The entangling angle, in turns (ms: within [{ms_angle_min}, {ms_angle_max}]; 0.25 is "
    "fully entangling).",
    "terms": "Pauli strings over I, X, Y and Z, one letter per target (qiskit-ionq's pauliexp).",
    "coefficients": "One real coefficient per term.",
    "time": "The evolution time (qiskit-ionq's pauliexp).",
}

GATES = {
    "x": "Pauli X (bit flip)",
    "y": "Pauli Y",
    "z": "Pauli Z (phase flip)",
    "h": "Hadamard",
    "s": "S (√Z)",
    "si": "S† (inverse of S)",
    "v": "V (√X)",
    "vi": "V† (inverse of V)",
    "t": "T (√S)",
    "ti": "T† (inverse of T)",
    "not": "NOT (the same as x)",
    "cnot": "controlled NOT",
    "swap": "swaps two qubits",
    "rx": "rotation about X",
    "ry": "rotation about Y",
    "rz": "rotation about Z",
    "xx": "Ising XX coupling",
    "yy": "Ising YY coupling",
    "zz": "Ising ZZ coupling (qis), or the native two-qubit ZZ gate (native)",
    "pauliexp": "exponential of a weighted sum of Pauli strings (qiskit-ionq)",
    "gpi": "native single-qubit π rotation about an axis in the XY plane",
    "gpi2": "native single-qubit π/2 rotation about an axis in the XY plane",
    "ms": "native Mølmer-Sørensen two-qubit gate",
    "nop": "native no-operation",
}


def words(table: Mapping[str, str], limits: Mapping[str, float]) -> dict[str, str]:
    """`table`'s help with the limits in force written in (`{max_controls}` -> 7)."""
    values = {name: int(v) if float(v).is_integer() else v for name, v in limits.items()}
    return {key: help_text.format(**values) for key, help_text in table.items()}


def gate_help(names: Iterable[str], needs: Iterable[str]) -> str:
    """Hover help of a group of gates that take the same operands."""
    listed = ", ".join(f"{name} ({GATES[name]})" if name in GATES else name for name in names)
    wanted = "; ".join(needs)
    return f"{listed}: {wanted}." if wanted else f"{listed}."
