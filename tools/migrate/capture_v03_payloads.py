"""Capture the v0.3 job payloads that real IonQ clients send, without any network access.

Run it with a throwaway interpreter that has the clients installed, e.g.

    python3 -m venv /tmp/v03-venv
    /tmp/v03-venv/bin/pip install 'qiskit-ionq>=0.5,<0.6' 'cirq-ionq>=1.5,<1.6'
    /tmp/v03-venv/bin/python tools/migrate/capture_v03_payloads.py tests/migrate/fixtures/v03

qiskit-ionq: its own serializer (qiskit_ionq.helpers.qiskit_to_ionq) builds the request body.
cirq-ionq: the real client's create_job runs with `requests.post` replaced by a recorder, so the
body is exactly what would have gone over the wire (qiskit_header embeds a gzip timestamp, so
reruns differ there and only there). Each payload is written as
<client>-<case>.json, and SOURCES.txt records the client versions.
"""

from __future__ import annotations

import importlib
import json
import sys
from importlib.metadata import version
from pathlib import Path
from typing import Any

from ionqkit.spec.atomic import write_file_atomically


def qiskit_payloads() -> dict[str, Any]:
    qiskit = importlib.import_module("qiskit")
    provider_module = importlib.import_module("qiskit_ionq")
    helpers = importlib.import_module("qiskit_ionq.helpers")
    gates = importlib.import_module("qiskit_ionq.ionq_gates")
    provider = provider_module.IonQProvider(token="offline-capture")

    def bell(name: str = "bell") -> Any:
        circuit = qiskit.QuantumCircuit(2, 2, name=name)
        circuit.h(0)
        circuit.cx(0, 1)
        circuit.measure([0, 1], [0, 1])
        return circuit

    zoo = qiskit.QuantumCircuit(3, 3, name="gate-zoo")
    zoo.h(0)
    zoo.x(1)
    zoo.y(2)
    zoo.z(0)
    zoo.s(1)
    zoo.sdg(2)
    zoo.t(0)
    zoo.tdg(1)
    zoo.sx(2)
    zoo.rx(0.5, 0)
    zoo.ry(1.5, 1)
    zoo.rz(-0.25, 2)
    zoo.swap(0, 1)
    zoo.ccx(0, 1, 2)
    zoo.measure([0, 1, 2], [0, 1, 2])

    native = qiskit.QuantumCircuit(2, 2, name="native-ms")
    native.append(gates.GPIGate(0.25), [0])
    native.append(gates.GPI2Gate(0.5), [1])
    native.append(gates.MSGate(0, 0.25), [0, 1])
    native.measure([0, 1], [0, 1])

    simulator = provider.get_backend("ionq_simulator")
    aria = provider.get_backend("ionq_qpu.aria-1")
    native_aria = provider.get_backend("ionq_qpu.aria-1", gateset="native")

    def body(circuit: Any, backend: Any, extra: dict[str, Any] | None = None, **args: Any) -> Any:
        return json.loads(
            helpers.qiskit_to_ionq(circuit, backend, passed_args=args, extra_query_params=extra)
        )

    return {
        "simulator-bell": body(bell(), simulator, shots=1024),
        "simulator-noise-aria": body(bell(), simulator, shots=500, noise_model="aria-1", sampler_seed=7),
        "simulator-gate-zoo": body(zoo, simulator, shots=100),
        "simulator-multi": body([bell("first"), bell("second")], simulator, shots=200),
        "qpu-aria-debias": body(bell(), aria, {"error_mitigation": {"debias": True}}, shots=1000),
        "qpu-aria-native-ms": body(native, native_aria, shots=600),
    }


def cirq_payloads() -> dict[str, Any]:
    cirq = importlib.import_module("cirq")
    ionq = importlib.import_module("cirq_ionq")
    requests = importlib.import_module("requests")
    captured: list[Any] = []

    class _Response:
        ok = True
        status_code = 200

        def json(self) -> dict[str, str]:
            return {"id": "00000000-0000-0000-0000-000000000000", "status": "ready"}

    def record(url: str, json: Any = None, **_: Any) -> _Response:
        captured.append(json)
        return _Response()

    setattr(requests, "post", record)  # noqa: B010 - the module is only known at run time
    client = ionq.ionq_client._IonQClient(remote_host="http://offline.invalid", api_key="offline-capture")
    serializer = ionq.Serializer()
    q0, q1 = cirq.LineQubit.range(2)
    bell = cirq.Circuit(cirq.H(q0), cirq.CNOT(q0, q1), cirq.measure(q0, q1, key="m"))
    native = cirq.Circuit(
        ionq.GPIGate(phi=0.25).on(q0),
        ionq.GPI2Gate(phi=0.5).on(q1),
        ionq.MSGate(phi0=0, phi1=0.25).on(q0, q1),
        cirq.measure(q0, q1, key="m"),
    )

    def send(program: Any, **kwargs: Any) -> Any:
        client.create_job(serialized_program=program, **kwargs)
        return captured.pop()

    return {
        "simulator-bell": send(
            serializer.serialize_single_circuit(bell), repetitions=100, target="simulator"
        ),
        "qpu-aria-debias": send(
            serializer.serialize_single_circuit(bell, error_mitigation={"debias": True}),
            repetitions=1000,
            target="qpu.aria-1",
            name="bell-debias",
        ),
        "simulator-native-ms": send(
            serializer.serialize_single_circuit(native), repetitions=100, target="simulator"
        ),
        "simulator-batch": send(
            serializer.serialize_many_circuits(
                [bell, cirq.Circuit(cirq.X(q0), cirq.measure(q0, q1, key="m"))]
            ),
            repetitions=100,
            target="simulator",
        ),
    }


def _no_network() -> None:
    """Make every HTTP call fail at once, so nothing can leave the machine."""
    requests = importlib.import_module("requests")

    def refuse(*_: Any, **__: Any) -> Any:
        raise requests.ConnectionError("offline capture: no network")

    for name in ("get", "post", "request"):
        setattr(requests, name, refuse)
    requests.Session.request = refuse


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    _no_network()
    out = Path(argv[0])
    out.mkdir(parents=True, exist_ok=True)
    for client, payloads in (("qiskit-ionq", qiskit_payloads()), ("cirq-ionq", cirq_payloads())):
        for case, payload in payloads.items():
            text = json.dumps(payload, indent=2) + "\n"
            write_file_atomically(out / f"{client}-{case}.json", text.encode("utf-8"))
    packages = ("qiskit-ionq", "qiskit", "cirq-ionq", "cirq-core")
    sources = "captured offline by tools/migrate/capture_v03_payloads.py from:\n"
    sources += "".join(f"  {name}=={version(name)}\n" for name in packages)
    write_file_atomically(out / "SOURCES.txt", sources.encode("utf-8"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
