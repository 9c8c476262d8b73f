"""`ionqkit lint` speed and memory on the largest job IonQ accepts, against parsing alone and
against JSON Schema validators. Run: `python -m bench.lint_bench` (prints ratios; no assertions).

The job is generated deterministically: 5,000 circuits, 150,000 gates in total, about 7 MB.
Targets (issue 3): lint from bytes to diagnostics <= 2x orjson.loads on the same bytes, in the
same run; peak memory <= 1.5x json.loads.
"""

from __future__ import annotations

import gc
import json
import random
import shutil
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import orjson

from ionqkit.validators import lint
from ionqkit.validators.specdata import spec_facts

CIRCUITS = 5_000
GATES = 150_000
QUBITS = 25


def max_job(seed: int = 2026) -> dict[str, Any]:
    rng = random.Random(seed)
    per = GATES // CIRCUITS
    circuits = []
    for c in range(CIRCUITS):
        gates: list[dict[str, Any]] = []
        for _ in range(per):
            a, b = rng.sample(range(QUBITS), 2)
            kind = rng.randrange(5)
            if kind == 0:
                gates.append({"gate": rng.choice(["h", "x", "s", "t"]), "target": a})
            elif kind == 1:
                gates.append(
                    {"gate": rng.choice(["rx", "ry", "rz"]), "targets": [a], "rotation": rng.uniform(-3, 3)}
                )
            elif kind == 2:
                gates.append({"gate": "cnot", "control": a, "target": b})
            elif kind == 3:
                gates.append({"gate": "x", "controls": [a], "targets": [b]})
            else:
                gates.append({"gate": "zz", "targets": [a, b], "rotation": rng.uniform(-3, 3)})
        circuits.append({"name": f"c{c}", "circuit": gates})
    return {
        "type": "ionq.multi-circuit.v1",
        "backend": "simulator",
        "shots": 1000,
        "name": "max-size job",
        "metadata": {"purpose": "benchmark"},
        "input": {"gateset": "qis", "qubits": QUBITS, "circuits": circuits},
    }


def best_of(fn: Callable[[], object], repeat: int = 7) -> float:
    times = []
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def peak(fn: Callable[[], object]) -> int:
    gc.collect()
    tracemalloc.start()
    result = fn()
    _, high = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    del result
    return high


def spec_schema() -> dict[str, Any]:
    """The spec's multi-circuit payload as a standalone JSON Schema (components inlined by $ref)."""
    facts = spec_facts("v0.4")
    components = facts.document.data["components"]["schemas"]
    return {
        "$ref": "#/components/schemas/MultiCircuitJobCreationPayload",
        "components": {"schemas": components},
    }


def main() -> int:
    raw = orjson.dumps(max_job())
    data = orjson.loads(raw)
    lint(raw)  # warm the spec cache: the first call per process loads specs/
    findings = lint(raw)
    print(
        f"max-size job: {len(raw) / 1e6:.2f} MB, {CIRCUITS:,} circuits, {GATES:,} gates; "
        f"findings: {len(findings)}"
    )
    t_orjson = best_of(lambda: orjson.loads(raw))
    t_json = best_of(lambda: json.loads(raw))
    t_lint = best_of(lambda: lint(raw))
    print(f"orjson.loads        {t_orjson * 1e3:8.1f} ms   1.00x")
    print(f"json.loads          {t_json * 1e3:8.1f} ms   {t_json / t_orjson:5.2f}x")
    print(f"ionqkit lint(bytes) {t_lint * 1e3:8.1f} ms   {t_lint / t_orjson:5.2f}x   (target <= 2x)")
    schema = spec_schema()
    try:
        import jsonschema

        validator = jsonschema.Draft4Validator(schema)
        t = best_of(lambda: list(validator.iter_errors(data)), repeat=1)
        print(f"python-jsonschema   {t * 1e3:8.1f} ms   {t / t_orjson:5.2f}x   (structure only)")
    except ImportError:
        print("python-jsonschema   not installed")
    for name, module in (("fastjsonschema", "fastjsonschema"), ("jsonschema-rs", "jsonschema_rs")):
        try:
            lib = __import__(module)
        except ImportError:
            print(f"{name:<19} not installed (pip install {name} to compare)")
            continue
        check: Callable[[Any], object] = (
            lib.compile(schema) if module == "fastjsonschema" else lib.Draft4Validator(schema).validate
        )
        t = best_of(partial(check, data), repeat=3)
        print(f"{name:<19} {t * 1e3:8.1f} ms   {t / t_orjson:5.2f}x   (structure only)")
    m_json = peak(lambda: json.loads(raw))
    m_lint = peak(lambda: lint(raw))
    ratio = m_lint / m_json
    print(
        f"peak memory: json.loads {m_json / 1e6:.1f} MB, lint {m_lint / 1e6:.1f} MB = {ratio:.2f}x "
        "(target <= 1.5x)"
    )
    small_files()
    return 0


def small_files() -> None:
    """check-jsonschema vs `ionqkit lint` on the same 50 small payloads, each as one process."""
    tool = shutil.which("check-jsonschema")
    ionqkit = [sys.executable, "-m", "ionqkit", "lint"]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        rng = random.Random(7)
        for i in range(50):
            job = max_job(seed=i)
            job["input"]["circuits"] = job["input"]["circuits"][: rng.randint(1, 3)]
            (folder / f"job{i:02d}.json").write_bytes(orjson.dumps(job))
        files = sorted(str(p) for p in folder.glob("*.json"))
        start = time.perf_counter()
        subprocess.run([*ionqkit, *files], check=False, capture_output=True)
        t_ours = time.perf_counter() - start
        print(f"50 small files: ionqkit lint {t_ours:.2f} s (one process)")
        if tool is None:
            print("check-jsonschema    not installed (pip install check-jsonschema to compare)")
            return
        schema_file = folder / "schema.json"
        schema_file.write_text(json.dumps(spec_schema()))
        start = time.perf_counter()
        subprocess.run([tool, "--schemafile", str(schema_file), *files], check=False, capture_output=True)
        t_theirs = time.perf_counter() - start
        print(f"50 small files: check-jsonschema {t_theirs:.2f} s ({t_theirs / t_ours:.1f}x ionqkit)")


if __name__ == "__main__":
    raise SystemExit(main())
