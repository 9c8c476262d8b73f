"""`ionqkit lint` speed and memory, side by side with parsing alone and with JSON Schema validators.

Run: `python bench --only lint_bench` (also part of `make bench`). It prints medians and ratios; it
asserts nothing. Targets (issues 3 and 6), all measured in the same run:
- the largest job IonQ accepts (5,000 circuits, 150,000 gates, ~7 MB, generated deterministically):
  lint from bytes to diagnostics, all rules on, <= 2x orjson.loads on the same bytes;
- peak memory of that lint <= 1.5x json.loads on the same file;
- 50 small payloads that IonQ's own clients sent (tests/validators/corpus/v0.4, captured from
  qiskit-ionq and cirq-ionq; 23 distinct bodies, cycled to 50 files): at or below check-jsonschema;
- lint at scale: 2,000 payload files on all cores, in files per second.

How time is measured. Each round times every contender once, one after the other, and the table
shows medians over the rounds and the median of the per-round ratios, so load from other processes
hits numerator and denominator alike (the machine this runs on is often shared; the load average
is printed). Each call includes freeing its result. Two columns:
- "GC on" is what a caller sees. Parsing 7 MB of JSON allocates ~600,000 dicts and lists, which
  sets off CPython's cyclic garbage collector several times, full passes over everything alive
  included; that makes orjson.loads 3-5x slower than its parsing alone, by an amount that depends
  on the heap and on what ran before. A collection is run between calls, outside the timing, so
  no call pays for garbage its predecessor left (orjson.loads alone never pays for the full
  collection that the 600,000 objects it returns make due on the *next* allocations). lint pauses
  the collector itself while it parses and checks (the tree holds no cycles; validators/api.py),
  so in this column it pays for no collection, where orjson.loads pays for several.
- "GC off" disables the collector for both contenders: parsing and checking work only, the
  harder and more stable ratio.
Neither column toggles the collector inside lint; lint runs as shipped.

How memory is measured. Each figure comes from a fresh process that reads the file, loads the
linter's spec cache, and then makes the one call; the figure is the rise of its peak resident set
size (Linux: VmHWM after resetting it through /proc/self/clear_refs; elsewhere ru_maxrss), i.e.
memory the machine really had to provide. tracemalloc figures are printed beside it but are not
the measure: orjson asks the Python allocator for a worst-case buffer of 12x the input size
(84 MB here) up front and touches only the part its parser fills, so tracemalloc books ~60 MB
that never becomes resident, and it does not see memory that C libraries take from malloc
directly. json.loads, by contrast, allocates only what it uses (and first decodes the bytes to a
str), so tracemalloc makes orjson look 2.4x json.loads where the resident peak is ~1.35x.
"""

from __future__ import annotations

import gc
import json
import multiprocessing
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import orjson

from ionqkit.cores import available_cores
from ionqkit.paths import SPECS_DIR
from ionqkit.spec.specload import load_spec_cached
from ionqkit.validators import lint

V04_SPEC = SPECS_DIR / "ionq-v0.4.openapi.yaml"
V04_OVERLAY = SPECS_DIR / "overlays" / "ionq-v0.4.overlay.yaml"

CIRCUITS = 5_000
GATES = 150_000
QUBITS = 25
SINGLE_GATES = 100_000
SCALE_FILES = 2_000
SMALL_FILES = 50
CLIENT_CORPUS = Path(__file__).resolve().parents[1] / "tests" / "validators" / "corpus" / "v0.4"


# --- payloads ---------------------------------------------------------------------------------


def random_circuit(rng: random.Random, gates: int) -> list[dict[str, Any]]:
    """QIS gates of the kinds real clients send: 1-qubit, rotations, cnot, controlled x, zz."""
    out: list[dict[str, Any]] = []
    for _ in range(gates):
        a, b = rng.sample(range(QUBITS), 2)
        kind = rng.randrange(5)
        if kind == 0:
            out.append({"gate": rng.choice(["h", "x", "s", "t"]), "target": a})
        elif kind == 1:
            angle = rng.uniform(-3, 3)
            out.append({"gate": rng.choice(["rx", "ry", "rz"]), "targets": [a], "rotation": angle})
        elif kind == 2:
            out.append({"gate": "cnot", "control": a, "target": b})
        elif kind == 3:
            out.append({"gate": "x", "controls": [a], "targets": [b]})
        else:
            out.append({"gate": "zz", "targets": [a, b], "rotation": rng.uniform(-3, 3)})
    return out


def multi_job(seed: int, circuits: int, gates_per_circuit: int) -> dict[str, Any]:
    rng = random.Random(seed)
    return {
        "type": "ionq.multi-circuit.v1",
        "backend": "simulator",
        "shots": 1000,
        "name": "max-size job",
        "metadata": {"purpose": "benchmark"},
        "input": {
            "gateset": "qis",
            "qubits": QUBITS,
            "circuits": [
                {"name": f"c{c}", "circuit": random_circuit(rng, gates_per_circuit)} for c in range(circuits)
            ],
        },
    }


def max_job(seed: int = 2026) -> dict[str, Any]:
    """The largest job IonQ accepts: 5,000 circuits, 150,000 gates in total."""
    return multi_job(seed, CIRCUITS, GATES // CIRCUITS)


def single_circuit_job(seed: int = 2027) -> dict[str, Any]:
    circuit = random_circuit(random.Random(seed), SINGLE_GATES)
    return {
        "type": "ionq.circuit.v1",
        "backend": "simulator",
        "shots": 1000,
        "input": {"gateset": "qis", "qubits": QUBITS, "circuit": circuit},
    }


def small_job(seed: int) -> dict[str, Any]:
    """A typical submission: 1-3 circuits of 30 gates."""
    return multi_job(seed, random.Random(seed).randint(1, 3), 30)


def spec_schema(root: str = "MultiCircuitJobCreationPayload") -> dict[str, Any]:
    """One of the spec's payload schemas as a standalone JSON Schema (components kept for $ref)."""
    components = load_spec_cached(str(V04_SPEC), str(V04_OVERLAY)).data["components"]["schemas"]
    return {"$ref": f"#/components/schemas/{root}", "components": {"schemas": components}}


# --- measuring ----------------------------------------------------------------------------------


Actions = dict[str, Callable[[], object]]


def rounds(actions: Actions, count: int, *, collector: bool) -> dict[str, list[float]]:
    """Seconds per action per round; every round runs every action once, in turn."""
    times: dict[str, list[float]] = {name: [] for name in actions}
    was_enabled = gc.isenabled()
    try:
        for _ in range(count):
            for name, action in actions.items():
                gc.collect()
                if not collector:
                    gc.disable()
                start = time.perf_counter()
                action()
                times[name].append(time.perf_counter() - start)
                gc.enable()
    finally:
        if not was_enabled:
            gc.disable()
    return times


def ratio(times: list[float], base: list[float]) -> float:
    return statistics.median(a / b for a, b in zip(times, base, strict=True))


def speed_table(title: str, raw: bytes, count: int, note: dict[str, str]) -> None:
    actions: Actions = {
        "orjson.loads": lambda: orjson.loads(raw),
        "json.loads": lambda: json.loads(raw),
        "ionqkit lint(bytes)": lambda: lint(raw),
    }
    with_gc = rounds(actions, count, collector=True)
    without_gc = rounds(actions, count, collector=False)
    print(f"\n{title} - median of {count} rounds, ratio = median per-round ratio to orjson.loads")
    print(f"{'':22}{'GC on (as called)':>24}{'GC off (work only)':>24}")
    for name in actions:
        cells = "".join(
            f"{statistics.median(t[name]) * 1e3:>12.1f} ms {ratio(t[name], t['orjson.loads']):>6.2f}x"
            for t in (with_gc, without_gc)
        )
        print(f"{name:<22}{cells}  {note.get(name, '')}")


def validators_table(raw: bytes, repeat: int) -> None:
    """Structure-only JSON Schema validation of the same (already parsed) payload."""
    data = orjson.loads(raw)
    schema = spec_schema()
    contenders: list[tuple[str, Callable[[], object] | str, int]] = []
    try:
        import jsonschema

        validator = jsonschema.Draft4Validator(schema)
        contenders.append(("python-jsonschema", lambda: list(validator.iter_errors(data)), 1))
    except ImportError:
        contenders.append(("python-jsonschema", "not installed", 0))
    try:
        import fastjsonschema

        compiled = fastjsonschema.compile(schema)
        contenders.append(("fastjsonschema", lambda: compiled(data), repeat))
    except ImportError:
        contenders.append(("fastjsonschema", "not installed (pip install -e '.[bench]')", 0))
    try:
        import jsonschema_rs

        rs = jsonschema_rs.Draft4Validator(schema)
        contenders.append(("jsonschema-rs", lambda: list(rs.iter_errors(data)), repeat))
    except ImportError:
        contenders.append(("jsonschema-rs", "not installed (pip install -e '.[bench]')", 0))
    pair: Actions = {"orjson.loads": lambda: orjson.loads(raw), "lint": lambda: lint(raw)}
    base = rounds(pair, repeat, collector=True)
    t_orjson, t_lint = statistics.median(base["orjson.loads"]), statistics.median(base["lint"])
    print("\nstructure only (JSON Schema of the spec), validating the parsed payload; lint parses too")
    print(f"{'':22}{'time':>12}{'vs orjson.loads':>18}{'vs ionqkit lint':>18}")
    for name, action, count in contenders:
        if isinstance(action, str):
            print(f"{name:<22}{action}")
            continue
        seconds = statistics.median(rounds({name: action}, count, collector=True)[name])
        print(f"{name:<22}{seconds * 1e3:>9.1f} ms{seconds / t_orjson:>17.2f}x{seconds / t_lint:>17.2f}x")
    print(f"{'(ionqkit lint, bytes)':<22}{t_lint * 1e3:>9.1f} ms{t_lint / t_orjson:>17.2f}x{1:>17.2f}x")


MEASURE = r"""
import gc, json, resource, sys, tracemalloc
import orjson
from ionqkit.validators import lint

what, path, how = sys.argv[1:4]
raw = open(path, "rb").read()
lint(b'{"type": "ionq.circuit.v1", "backend": "simulator",'
     b' "input": {"gateset": "qis", "qubits": 1, "circuit": [{"gate": "h", "target": 0}]}}')
call = {"json.loads": json.loads, "orjson.loads": orjson.loads, "lint": lint}[what]
gc.collect()

def status(field):
    with open("/proc/self/status") as f:
        return next(int(line.split()[1]) * 1024 for line in f if line.startswith(field))

if how == "tracemalloc":
    tracemalloc.start()
    result = call(raw)
    print(tracemalloc.get_traced_memory()[1])
elif how == "rss-proc":
    with open("/proc/self/clear_refs", "w") as f:
        f.write("5")  # reset the peak (VmHWM) to the current resident size
    before = status("VmRSS")
    result = call(raw)
    print(status("VmHWM") - before)
else:
    scale = 1 if sys.platform == "darwin" else 1024
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale
    result = call(raw)
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale - before)
"""


CALLS = ("json.loads", "orjson.loads", "lint")


def peak_bytes(what: str, path: Path, how: str, repeat: int = 3) -> int:
    """Median of `repeat` fresh processes, each measuring one call."""
    results = []
    for _ in range(repeat):
        out = subprocess.run(
            [sys.executable, "-c", MEASURE, what, str(path), how], capture_output=True, text=True, check=True
        )
        results.append(int(out.stdout.strip()))
    return int(statistics.median(results))


def memory_table(path: Path, label: str) -> None:
    rss = "rss-proc" if Path("/proc/self/clear_refs").exists() else "rss-maxrss"
    print(f"\npeak memory, {label}: each call in a fresh process, median of 3")
    print(f"{'':22}{'resident (the measure)':>30}{'tracemalloc (not used)':>30}")
    figures = {what: (peak_bytes(what, path, rss), peak_bytes(what, path, "tracemalloc")) for what in CALLS}
    base_rss, base_traced = figures["json.loads"]
    for what, (resident, traced) in figures.items():
        note = "  (target <= 1.50x)" if what == "lint" else ""
        print(
            f"{what:<22}{resident / 1e6:>16.1f} MB {resident / base_rss:>6.2f}x"
            f"{traced / 1e6:>16.1f} MB {traced / base_traced:>6.2f}x{note}"
        )


def ionqkit_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "ionqkit", "lint", *args]


def timed(command: Sequence[str]) -> tuple[float, subprocess.CompletedProcess[bytes]]:
    start = time.perf_counter()
    result = subprocess.run(list(command), capture_output=True, check=False)
    return time.perf_counter() - start, result


def small_files(folder: Path) -> None:
    """check-jsonschema vs `ionqkit lint` on the same 50 real client payloads, one process each."""
    bodies = sorted(CLIENT_CORPUS.glob("*.json"))
    files = []
    for i in range(SMALL_FILES):
        source = bodies[i % len(bodies)]
        path = folder / f"{i:02d}-{source.name}"
        path.write_bytes(source.read_bytes())
        files.append(str(path))
    seconds, ours = timed(ionqkit_command(*files))
    t_ours = statistics.median([seconds, *(timed(ionqkit_command(*files))[0] for _ in range(2))])
    print(
        f"\n{SMALL_FILES} small payloads captured from qiskit-ionq and cirq-ionq ({len(bodies)} distinct),"
        " one process (startup included), median of 3"
    )
    print(f"{'ionqkit lint':<22}{t_ours:>9.2f} s   1.00x   exit {ours.returncode}")
    here = str(Path(sys.executable).parent)  # the venv's scripts, when it is not on PATH
    tool = shutil.which("check-jsonschema") or shutil.which("check-jsonschema", path=here)
    if tool is None:
        print(f"{'check-jsonschema':<22}not installed (pip install -e '.[bench]')")
        return
    schema_file = folder / "schema.json"
    # Every kind of job the API takes: most client payloads are single circuits.
    schema_file.write_text(json.dumps(spec_schema("JobCreationPayload")))
    command = [tool, "--schemafile", str(schema_file), *files]
    seconds, theirs = timed(command)
    t_theirs = statistics.median([seconds, *(timed(command)[0] for _ in range(2))])
    ratio = t_theirs / t_ours
    print(
        f"{'check-jsonschema':<22}{t_theirs:>9.2f} s {ratio:>6.2f}x   exit {theirs.returncode}"
        "   (target: ionqkit at or below it)"
    )


def at_scale(folder: Path) -> None:
    """`ionqkit lint DIR` on 2,000 payload files: one process vs all cores; files per second."""
    for i in range(SCALE_FILES):
        job = small_job(10_000 + i)
        if i % 10 == 0:
            job["input"]["circuits"][0]["circuit"][0]["target"] = QUBITS  # a fault in every tenth
        (folder / f"job{i:04d}.json").write_bytes(orjson.dumps(job, option=orjson.OPT_INDENT_2))
    cores = available_cores()
    serial_s, serial = timed(ionqkit_command("--format", "json", str(folder)))
    parallel_s, parallel = timed(ionqkit_command("--format", "json", "-j", "0", str(folder)))
    same = serial.stdout == parallel.stdout and serial.returncode == parallel.returncode
    print(f"\nlint at scale: {SCALE_FILES:,} files in one directory (process startup included)")
    print(f"{'ionqkit lint -j 1':<26}{serial_s:>7.2f} s {SCALE_FILES / serial_s:>7.0f} files/s   1.00x")
    rate = SCALE_FILES / parallel_s
    print(
        f"{f'ionqkit lint -j 0 ({cores} cores)':<26}{parallel_s:>7.2f} s {rate:>7.0f} files/s"
        f" {serial_s / parallel_s:>6.2f}x; report {'identical' if same else 'DIFFERENT'}"
    )
    print(
        f"{'(CPU-bound reference task)':<26}{'':>26}{parallel_speedup(cores):>6.2f}x"
        " = the parallelism the machine had to give just now"
    )


def _spin(count: int) -> int:
    total = 0
    for i in range(count):
        total += i
    return total


def parallel_speedup(cores: int) -> float:
    """How much faster `cores` processes finish 2 x `cores` equal CPU-bound tasks than one does:
    close to `cores` on an idle machine, lower when other processes hold the cores."""
    tasks = [3_000_000] * (2 * cores)
    start = time.perf_counter()
    for task in tasks:
        _spin(task)
    serial = time.perf_counter() - start
    # Forked workers inherit this module: it is importable only under bench/'s private package name,
    # which a spawned worker (macOS's and Python 3.14's default) could not import to find _spin.
    with ProcessPoolExecutor(max_workers=cores, mp_context=multiprocessing.get_context("fork")) as pool:
        list(pool.map(_spin, [1]))  # start the workers outside the timing
        start = time.perf_counter()
        list(pool.map(_spin, tasks))
        parallel = time.perf_counter() - start
    return serial / parallel


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as info:
            cpu = next(line.split(":", 1)[1].strip() for line in info if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    cores = available_cores()
    return (
        f"{platform.python_implementation()} {platform.python_version()}, {cpu}, {cores} cores, "
        f"{platform.system()} {platform.machine()}"
    )


def load() -> str:
    if not hasattr(os, "getloadavg"):
        return "load average unknown"
    one, five, _ = os.getloadavg()
    return f"load average {one:.2f} (1 min), {five:.2f} (5 min)"


def main(rounds: int = 9) -> int:
    """`python bench --only lint_bench --rounds N` (bench/__main__.py) runs this suite alone."""
    print(f"machine: {machine()}; {load()} at start")
    raw = orjson.dumps(max_job())
    single = orjson.dumps(single_circuit_job())
    findings = lint(raw)  # also loads the spec cache, which every later call shares
    size = f"{len(raw) / 1e6:.2f} MB, {CIRCUITS:,} circuits, {GATES:,} gates"
    print(f"max-size job: {size}; findings: {len(findings)}")
    target = {"ionqkit lint(bytes)": "(target <= 2x)"}
    speed_table("max-size job", raw, rounds, target)
    title = f"one circuit of {SINGLE_GATES:,} gates ({len(single) / 1e6:.1f} MB)"
    speed_table(title, single, rounds, {})
    validators_table(raw, repeat=3)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        payload = folder / "max-job.json"
        payload.write_bytes(raw)
        memory_table(payload, "max-size job")
        (folder / "small").mkdir()
        small_files(folder / "small")
        (folder / "scale").mkdir()
        at_scale(folder / "scale")
    print(f"\n{load()} at end")
    return 0
