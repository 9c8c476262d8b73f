"""Issue 12's speed targets, side by side in one run, as the user meets them: whole processes.

Run: `python bench --only startup_bench` (part of `make bench`); `python bench --quick` runs this
suite alone with fewer rounds. It prints medians and ratios and asserts nothing. The targets:
(a) `ionqkit lint` of one small payload (a qiskit-ionq job), whole process: <= 0.10 s, and >= 5x
    faster than check-jsonschema on the same file against the spec's `JobCreationPayload`;
(b) `ionqkit lint` of the largest job IonQ takes (5,000 circuits, 150,000 gates, ~7 MB), whole
    process: <= 1.5x a whole process that runs `orjson.loads` on the same bytes (the in-process
    ratio, `lint(bytes)` against `orjson.loads`, beside it);
(c) a client's first `create_job`, in a fresh process, with validation on vs off (over httpx's
    in-memory transport, so the difference is the pre-submit lint, imports included): <= 20 ms;
(d) peak resident memory of linting the largest job: <= 1.5x `json.loads` on the same file.

How: each round runs every contender once, in turn, so load from other processes (the machine is
shared) hits both sides alike; the table shows the median over rounds of each and the median of
the per-round ratios. Whole-process figures are wall-clock, with the processes' CPU time beside
them (less sensitive to a busy machine). Processes run with bytecode caching on
(PYTHONDONTWRITEBYTECODE removed, after one warm-up run), as an installed package runs; with it
off every run would compile ionqkit's sources first. They run in an empty folder: no
pyproject.toml, so no lint configuration to read. The interpreter's own start (`python -c pass`)
is printed as the floor, and `import orjson` (which imports dataclasses, json, uuid and datetime)
for scale: a small payload's lint does not import it (validators/parse.py).
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import orjson

from ionqkit.validators import lint

from .common import BIN, REPO
from .lint_bench import load, machine, max_job, peak_bytes, ratio, rounds, spec_schema

SMALL = REPO / "tests" / "validators" / "corpus" / "v0.4" / "qiskit-ionq-qpu-aria-debias.json"
PYTHON = sys.executable

ORJSON_LOADS = "import orjson, sys; orjson.loads(open(sys.argv[1], 'rb').read())"

CREATE_JOB = r"""
import json, sys, time
import httpx
import ionqkit.generated.ionq_v0_4 as api

def answer(request):
    return httpx.Response(200, json={"id": "job-1", "status": "ready", "session_id": None})

http = httpx.Client(transport=httpx.MockTransport(answer), base_url="https://mock.invalid/v0.4")
body = json.loads(open(sys.argv[2], "rb").read())
with api.Client(api_key="k" * 32, http_client=http, validate=sys.argv[1] == "on") as client:
    start, cpu = time.perf_counter(), time.process_time()
    client.create_job(body=body)
    print(time.perf_counter() - start, time.process_time() - cpu)
"""


# --- running processes -----------------------------------------------------------------------------


def environment() -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"
    return env


def ionqkit(*args: str) -> list[str]:
    script = BIN / "ionqkit"  # the console script, as pre-commit and users run it
    return [str(script), *args] if script.exists() else [PYTHON, "-m", "ionqkit", *args]


def run(command: Sequence[str], cwd: Path) -> tuple[float, float, subprocess.CompletedProcess[bytes]]:
    """(wall seconds, CPU seconds of the child, the result) of one process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run(list(command), cwd=cwd, env=environment(), capture_output=True, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), result


def processes(
    contenders: dict[str, Sequence[str]], count: int, cwd: Path
) -> tuple[dict[str, list[float]], dict[str, list[float]], dict[str, int]]:
    """Wall and CPU seconds per contender per round, and each one's exit code (after a warm-up)."""
    codes = {name: run(command, cwd)[2].returncode for name, command in contenders.items()}
    wall: dict[str, list[float]] = {name: [] for name in contenders}
    cpu: dict[str, list[float]] = {name: [] for name in contenders}
    for _ in range(count):
        for name, command in contenders.items():
            seconds, used, _ = run(command, cwd)
            wall[name].append(seconds)
            cpu[name].append(used)
    return wall, cpu, codes


def row(label: str, wall: list[float], cpu: list[float], *, shown: str, note: str = "") -> str:
    return (
        f"  {label:<34}{statistics.median(wall) * 1e3:>9.1f} ms{statistics.median(cpu) * 1e3:>9.1f} ms"
        f"{shown:>9}  {note}"
    )


def table(
    title: str,
    *,
    contenders: dict[str, Sequence[str]],
    base: str,
    count: int,
    cwd: Path,
    notes: dict[str, str],
) -> dict[str, list[float]]:
    wall, cpu, codes = processes(contenders, count, cwd)
    print(f"\n{title} - median of {count} rounds; ratio = median per-round ratio to {base}")
    print(f"  {'':<34}{'wall':>12}{'CPU':>12}{'ratio':>9}")
    for name in contenders:
        shown = f"{ratio(wall[name], wall[base]):.2f}x" if name != base else "1.00x"
        note = notes.get(name, "")
        exit_note = f"exit {codes[name]}" if codes[name] else ""
        print(
            row(name, wall[name], cpu[name], shown=shown, note="  ".join(n for n in (note, exit_note) if n))
        )
    return wall


# --- the four targets ------------------------------------------------------------------------------


def small_payload(folder: Path, count: int) -> None:
    payload = folder / SMALL.name
    payload.write_bytes(SMALL.read_bytes())
    schema = folder / "JobCreationPayload.schema.json"
    schema.write_bytes(orjson.dumps(spec_schema("JobCreationPayload")))
    contenders: dict[str, Sequence[str]] = {
        "python -c pass": [PYTHON, "-c", "pass"],
        "python -c 'import orjson'": [PYTHON, "-c", "import orjson"],
        "ionqkit lint": ionqkit("lint", str(payload)),
    }
    checker = BIN / "check-jsonschema"
    if checker.exists():
        contenders["check-jsonschema"] = [str(checker), "--schemafile", str(schema), str(payload)]
    wall = table(
        f"(a) one small payload ({payload.name}, {payload.stat().st_size:,} bytes), whole process",
        contenders=contenders,
        base="ionqkit lint",
        count=count,
        cwd=folder,
        notes={"ionqkit lint": "target <= 100 ms", "check-jsonschema": "target: >= 5x ionqkit lint"},
    )
    if "check-jsonschema" not in contenders:
        print("  check-jsonschema: not installed (pip install -e '.[bench]')")
    else:
        faster = ratio(wall["check-jsonschema"], wall["ionqkit lint"])
        print(f"  ionqkit lint is {faster:.1f}x faster than check-jsonschema")


def largest_job(folder: Path, raw: bytes, count: int) -> None:
    payload = folder / "max-job.json"
    payload.write_bytes(raw)
    table(
        f"(b) the largest job ({len(raw) / 1e6:.1f} MB, 5,000 circuits, 150,000 gates), whole process",
        contenders={
            "orjson.loads process": [PYTHON, "-c", ORJSON_LOADS, str(payload)],
            "ionqkit lint": ionqkit("lint", str(payload)),
        },
        base="orjson.loads process",
        count=count,
        cwd=folder,
        notes={"ionqkit lint": "target <= 1.50x"},
    )
    lint(raw)  # loads the facts, once per process
    contenders = {"orjson.loads": lambda: orjson.loads(raw), "lint(bytes)": lambda: lint(raw)}
    times = rounds(contenders, count, collector=True)
    ours, theirs = times["lint(bytes)"], times["orjson.loads"]
    print(
        f"  in process: lint(bytes) {statistics.median(ours) * 1e3:.0f} ms, orjson.loads"
        f" {statistics.median(theirs) * 1e3:.0f} ms: {ratio(ours, theirs):.2f}x"
        " (collector on, as called; lint pauses it while it works)"
    )


def first_create_job(folder: Path, count: int) -> None:
    script = folder / "create_job.py"
    script.write_text(CREATE_JOB)
    payload = folder / SMALL.name
    wall: dict[str, list[float]] = {"off": [], "on": []}
    cpu: dict[str, list[float]] = {"off": [], "on": []}

    def once(mode: str) -> tuple[float, float]:
        command = [PYTHON, str(script), mode, str(payload)]
        done = subprocess.run(command, env=environment(), check=True, capture_output=True, text=True)
        seconds, used = map(float, done.stdout.split())
        return seconds, used

    for mode in wall:  # warm-up: bytecode caches
        once(mode)
    for _ in range(count):
        for mode, times in wall.items():
            seconds, used = once(mode)
            times.append(seconds)
            cpu[mode].append(used)
    print(f"\n(c) a client's first create_job in a fresh process (in-memory transport) - median of {count}")
    print(f"  {'':<16}{'wall':>12}{'CPU':>12}")
    for mode, label in (("off", "validate=False"), ("on", "validate=True")):
        took, used = statistics.median(wall[mode]), statistics.median(cpu[mode])
        print(f"  {label:<16}{took * 1e3:>9.1f} ms{used * 1e3:>9.1f} ms")
    added = [on - off for on, off in zip(wall["on"], wall["off"], strict=True)]
    added_cpu = [on - off for on, off in zip(cpu["on"], cpu["off"], strict=True)]
    print(
        f"  pre-submit lint adds {statistics.median(added) * 1e3:.1f} ms"
        f" ({statistics.median(added_cpu) * 1e3:.1f} ms CPU); target <= 20 ms"
    )


def peak_memory(folder: Path, repeat: int) -> None:
    payload = folder / "max-job.json"
    rss = "rss-proc" if Path("/proc/self/clear_refs").exists() else "rss-maxrss"
    loads = peak_bytes("json.loads", payload, rss, repeat)
    linted = peak_bytes("lint", payload, rss, repeat)
    print(f"\n(d) peak resident memory while linting the largest job, fresh process each, median of {repeat}")
    print(f"  json.loads   {loads / 1e6:>8.1f} MB")
    print(f"  lint(bytes)  {linted / 1e6:>8.1f} MB  {linted / loads:.2f}x (target <= 1.50x)")


def main(count: int = 9, quick: bool = False) -> int:
    """`python bench --only startup_bench --rounds N`; `python bench --quick` runs it with N=3."""
    print(f"machine: {machine()}; {load()} at start")
    raw = orjson.dumps(max_job())
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        small_payload(folder, max(count, 5) if not quick else count)
        largest_job(folder, raw, max(3, count // 2))
        first_create_job(folder, count)
        peak_memory(folder, 1 if quick else 3)
    print(f"\n{load()} at end")
    return 0
