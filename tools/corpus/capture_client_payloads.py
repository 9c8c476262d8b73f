"""Capture the job bodies that IonQ's own Python clients POST, as lint-corpus fixtures.

The fixtures under tests/validators/corpus/ are what qiskit-ionq and cirq-ionq really send to
`POST /jobs`: this script drives each client's public API (backend.run / Service.create_job) with
`requests.post` and `requests.get` replaced by recorders, so no network and no API key are needed.
Each captured body is written as `<client>-<case>.json`, pretty-printed, keys in the client's
order, plus `SOURCES.txt` naming the client versions that produced them.

The clients are not ionqkit dependencies. Rerun in throwaway venvs; current releases speak v0.4,
and the last releases before the v0.4 switch give the v0.3 flavour (cases an old release cannot
express are skipped with a message):

    python3 -m venv /tmp/corpus-venv
    /tmp/corpus-venv/bin/pip install qiskit-ionq cirq-ionq
    /tmp/corpus-venv/bin/python tools/corpus/capture_client_payloads.py tests/validators/corpus/v0.4
    python3 -m venv /tmp/corpus-v03-venv
    /tmp/corpus-v03-venv/bin/pip install qiskit-ionq==0.5.13 cirq-ionq==1.4.1
    /tmp/corpus-v03-venv/bin/python tools/corpus/capture_client_payloads.py tests/validators/corpus/v0.3

Only the standard library is used here besides the two clients and their own dependencies.
"""

from __future__ import annotations

import importlib
import json
import os
import sys
import warnings
from collections.abc import Callable
from importlib.metadata import version
from pathlib import Path
from typing import Any, ClassVar

from ionqkit.spec.atomic import write_file_atomically

Body = dict[str, Any]


class _FakeResponse:
    """Just enough of requests.Response for both clients' success paths."""

    status_code = 200  # v0.3 answers 200, v0.4 201; older clients accept only 200
    ok = True
    reason = "Created"
    text = ""
    headers: ClassVar[dict[str, str]] = {}
    request = type("Request", (), {"method": "POST"})()

    def __init__(self, payload: Body) -> None:
        self._payload = payload

    def json(self) -> Body:
        return self._payload

    def raise_for_status(self) -> None:
        return None


class Recorder:
    """Stands in for requests.post/get and keeps every job body that would have been sent."""

    def __init__(self) -> None:
        self.bodies: list[Body] = []

    def post(self, url: str, *args: Any, **kwargs: Any) -> _FakeResponse:
        if url.rstrip("/").endswith("/jobs"):
            body = kwargs.get("json")
            if body is None:
                body = json.loads(kwargs["data"])
            # Round-trip through JSON so the fixture is exactly the bytes a client would send.
            self.bodies.append(json.loads(json.dumps(body)))
        return _FakeResponse({"id": "00000000-0000-4000-8000-000000000000", "status": "submitted"})

    def get(self, url: str, *args: Any, **kwargs: Any) -> _FakeResponse:
        return _FakeResponse(
            {
                "id": "00000000-0000-4000-8000-000000000000",
                "status": "submitted",
                "backend": "simulator",
                "type": "ionq.circuit.v1",
                "metadata": {"shots": "100", "measurement0": ""},
                "stats": {"qubits": 2},
            }
        )

    def take(self) -> Body:
        if len(self.bodies) != 1:
            raise RuntimeError(f"expected one job body, captured {len(self.bodies)}")
        return self.bodies.pop()


def qiskit_cases(recorder: Recorder) -> dict[str, Body]:
    from qiskit import QuantumCircuit  # type: ignore[import-not-found]
    from qiskit.circuit.library import PauliEvolutionGate  # type: ignore[import-not-found]
    from qiskit.quantum_info import SparsePauliOp  # type: ignore[import-not-found]
    from qiskit_ionq import ErrorMitigation, GPI2Gate, GPIGate, IonQProvider, MSGate, ZZGate  # type: ignore[import-not-found]

    provider = IonQProvider(token="not-a-real-key")

    def bell() -> Any:
        qc = QuantumCircuit(2, 2, name="bell")
        qc.h(0)
        qc.cx(0, 1)
        qc.measure([0, 1], [0, 1])
        return qc

    def zoo() -> Any:
        qc = QuantumCircuit(4, 4, name="gate-zoo")
        for gate in ("x", "y", "z", "h", "s", "sdg", "t", "tdg", "sx", "sxdg"):
            getattr(qc, gate)(0)
        qc.rx(0.5, 1)
        qc.ry(-1.25, 2)
        qc.rz(3.14159, 3)
        qc.cx(0, 1)
        qc.ccx(0, 1, 2)
        qc.mcx([0, 1, 2], 3)
        qc.swap(2, 3)
        qc.crx(0.7, 1, 2)
        qc.ch(3, 0)
        qc.rxx(0.3, 0, 1)
        qc.ryy(0.4, 1, 2)
        qc.rzz(0.5, 2, 3)
        qc.cz(0, 3)
        qc.measure(range(4), range(4))
        return qc

    def pauli() -> Any:
        qc = QuantumCircuit(3, 3, name="pauliexp")
        op = SparsePauliOp(["XXI", "YYI", "ZZI"], coeffs=[0.5, 0.25, -0.75])
        qc.append(PauliEvolutionGate(op, time=0.2), [0, 1, 2])
        qc.measure(range(3), range(3))
        return qc

    def native(two_qubit: str) -> Any:
        qc = QuantumCircuit(3, 3, name=f"native-{two_qubit}")
        qc.append(GPIGate(0.25), [0])
        qc.append(GPI2Gate(-0.5), [1])
        if two_qubit == "ms":
            qc.append(MSGate(0.0, 0.25, 0.25), [0, 1])
            qc.append(MSGate(-0.5, 0.75, 0.125), [1, 2])
        else:
            qc.append(ZZGate(0.125), [0, 1])
            qc.append(ZZGate(0.25), [1, 2])
        qc.measure(range(3), range(3))
        return qc

    def ghz(n: int) -> Any:
        qc = QuantumCircuit(n, n, name=f"ghz-{n}")
        qc.h(0)
        for i in range(n - 1):
            qc.cx(i, i + 1)
        qc.measure(range(n), range(n))
        return qc

    def mid_measure() -> Any:
        qc = QuantumCircuit(2, 2, name="mid-measure")
        qc.h(0)
        qc.measure(0, 0)
        qc.x(0)
        qc.measure(1, 1)
        return qc

    runs: dict[str, Callable[[], Any]] = {
        "simulator-bell": lambda: provider.get_backend("ionq_simulator").run(bell(), shots=1024),
        "simulator-gate-zoo": lambda: provider.get_backend("ionq_simulator").run(zoo(), shots=100),
        "simulator-noise-aria": lambda: provider.get_backend("ionq_simulator").run(
            ghz(5), shots=500, noise_model="aria-1", sampler_seed=42
        ),
        "simulator-noise-forte": lambda: provider.get_backend("ionq_simulator").run(
            ghz(8), shots=2000, noise_model="forte-1"
        ),
        "simulator-pauliexp": lambda: provider.get_backend("ionq_simulator").run(pauli(), shots=100),
        "simulator-multi": lambda: provider.get_backend("ionq_simulator").run(
            [bell(), ghz(3), zoo()], shots=200
        ),
        "simulator-native-ms": lambda: provider.get_backend("ionq_simulator", gateset="native").run(
            native("ms"), shots=100
        ),
        "simulator-native-zz-forte-noise": lambda: provider.get_backend(
            "ionq_simulator", gateset="native"
        ).run(native("zz"), shots=100, noise_model="forte-1"),
        "qpu-aria-debias": lambda: provider.get_backend("ionq_qpu.aria-1").run(
            ghz(4), shots=1000, error_mitigation=ErrorMitigation.DEBIASING
        ),
        "qpu-aria-no-debias": lambda: provider.get_backend("ionq_qpu.aria-1").run(
            bell(), shots=100, error_mitigation=ErrorMitigation.NO_DEBIASING
        ),
        "qpu-forte-native-zz": lambda: provider.get_backend("ionq_qpu.forte-1", gateset="native").run(
            native("zz"), shots=500
        ),
        "qpu-aria-job-settings": lambda: provider.get_backend("ionq_qpu.aria-1").run(
            bell(), shots=1000, job_settings={"compilation": {"opt": 1}}
        ),
        "qpu-aria-native-ms-multi": lambda: provider.get_backend("ionq_qpu.aria-2", gateset="native").run(
            [native("ms"), native("ms")], shots=1000
        ),
        "qpu-forte-enterprise-extra-metadata": lambda: provider.get_backend(
            "ionq_qpu.forte-enterprise-1"
        ).run(ghz(12), shots=4000, extra_metadata={"experiment": "ghz-12"}, name="ghz twelve"),
        "qasm3-mid-measure": lambda: provider.get_backend("ionq_simulator").run(mid_measure(), shots=100),
    }
    return _capture("qiskit-ionq", runs, recorder)


def cirq_cases(recorder: Recorder) -> dict[str, Body]:
    import cirq  # type: ignore[import-not-found]
    import cirq_ionq  # type: ignore[import-not-found]

    service = cirq_ionq.Service(api_key="not-a-real-key", default_target="simulator")
    q = cirq.LineQubit.range(4)

    bell = cirq.Circuit(cirq.H(q[0]), cirq.CNOT(q[0], q[1]), cirq.measure(q[0], q[1], key="m"))
    zoo = cirq.Circuit(
        cirq.X(q[0]),
        cirq.Y(q[1]),
        cirq.Z(q[2]),
        cirq.H(q[3]),
        cirq.S(q[0]),
        cirq.T(q[1]),
        cirq.rx(0.5).on(q[0]),
        cirq.ry(0.25).on(q[1]),
        cirq.rz(-0.75).on(q[2]),
        cirq.X(q[3]) ** 0.5,
        cirq.SWAP(q[0], q[1]),
        cirq.XX(q[0], q[1]) ** 0.5,
        cirq.YY(q[1], q[2]) ** 0.25,
        cirq.ZZ(q[2], q[3]) ** 0.125,
        cirq.CNOT(q[2], q[3]),
        cirq.measure(*q, key="all"),
    )
    native = cirq.Circuit(
        cirq_ionq.GPIGate(phi=0.25).on(q[0]),
        cirq_ionq.GPI2Gate(phi=0.5).on(q[1]),
        cirq_ionq.MSGate(phi0=0.0, phi1=0.25).on(q[0], q[1]),
        cirq.measure(q[0], q[1], key="m"),
    )
    zz_gate = getattr(cirq_ionq, "ZZGate", None)  # absent from older cirq-ionq releases
    native_zz = cirq.Circuit(
        cirq_ionq.GPIGate(phi=0.25).on(q[0]),
        *([zz_gate(theta=0.125).on(q[0], q[1])] if zz_gate else []),
        cirq.measure(q[0], q[1], key="m"),
    )

    runs: dict[str, Callable[[], Any]] = {
        "simulator-bell": lambda: service.create_job(bell, repetitions=100),
        "simulator-gate-zoo": lambda: service.create_job(zoo, repetitions=1000, name="zoo"),
        "simulator-noise": lambda: service.create_job(
            bell, repetitions=500, noise={"model": "aria-1", "seed": 7}
        ),
        "qpu-aria-debias": lambda: service.create_job(
            bell, repetitions=1000, target="qpu.aria-1", error_mitigation={"debiasing": True}
        ),
        "qpu-forte-compilation": lambda: service.create_job(
            zoo,
            repetitions=100,
            target="qpu.forte-1",
            compilation={"opt": 1, "precision": "1E-3"},
            metadata={"team": "physics"},
        ),
        "simulator-native-ms": lambda: service.create_job(native, repetitions=100),
        "qpu-forte-native-zz": lambda: service.create_job(native_zz, repetitions=100, target="qpu.forte-1"),
        "simulator-batch": lambda: service.create_batch_job([bell, zoo], repetitions=100),
    }
    return _capture("cirq-ionq", runs, recorder)


def _capture(client: str, runs: dict[str, Callable[[], Any]], recorder: Recorder) -> dict[str, Body]:
    """Run each case; an older client release that lacks a feature skips that case, loudly."""
    captured: dict[str, Body] = {}
    for case, run in runs.items():
        recorder.bodies.clear()
        try:
            run()
        except Exception as exc:  # an old client without this gate/option: report and go on
            print(f"skipped {client}-{case}: {type(exc).__name__}: {exc}"[:200], file=sys.stderr)
            continue
        captured[f"{client}-{case}"] = recorder.take()
    return captured


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    out_dir = Path(argv[0])
    # Imported by name and typed Any: requests is the clients' dependency, not ours, and it may or may
    # not ship type information; we only swap two functions on it.
    requests: Any = importlib.import_module("requests")

    recorder = Recorder()
    requests.post = recorder.post
    requests.get = recorder.get
    os.environ.pop("IONQ_API_KEY", None)
    warnings.simplefilter("ignore")

    bodies = {**qiskit_cases(recorder), **cirq_cases(recorder)}
    out_dir.mkdir(parents=True, exist_ok=True)
    versions = {name: version(name) for name in ("qiskit-ionq", "qiskit", "cirq-ionq", "cirq-core")}
    sources = "captured by tools/corpus/capture_client_payloads.py from:\n" + "".join(
        f"  {name}=={number}\n" for name, number in versions.items()
    )
    files = {
        f"{name}.json": json.dumps(body, indent=2, ensure_ascii=False) + "\n" for name, body in bodies.items()
    }
    for filename, text in {**files, "SOURCES.txt": sources}.items():
        write_file_atomically(out_dir / filename, text.encode("utf-8"))
    print(f"wrote {len(bodies)} payloads to {out_dir}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
