"""The exported job-payload schema under check-jsonschema vs `ionqkit lint`, on the same files.

Run: `python bench --only schema_bench` (also part of `make bench`). It prints medians and the
ratio; it asserts nothing. The files are the payloads IonQ's own clients sent
(tests/validators/corpus/v0.4: qiskit-ionq and cirq-ionq), cycled to 50 files. Both tools run as
whole processes, start-up included, each round one after the other (so load from other processes
hits both), over the same 50 paths on one command line: `ionqkit lint FILES` and
`check-jsonschema --schemafile job.schema.json FILES` with the schema `ionqkit schema -o` wrote.
Both give the same verdict: each accepts every capture but qiskit-ionq-qpu-aria-native-ms-multi
(twice among the 50), which targets qpu.aria-2, retired since it was captured: both reject it
(exit 1), at /backend.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "validators" / "corpus" / "v0.4"
FILES = 50


def timed(command: Sequence[str]) -> tuple[float, subprocess.CompletedProcess[bytes]]:
    start = time.perf_counter()
    result = subprocess.run(list(command), capture_output=True, check=False)
    return time.perf_counter() - start, result


def corpus_files(folder: Path, count: int = FILES) -> list[str]:
    bodies = sorted(CORPUS.glob("*.json"))
    paths = []
    for i in range(count):
        source = bodies[i % len(bodies)]
        path = folder / f"{i:02d}-{source.name}"
        path.write_bytes(source.read_bytes())
        paths.append(str(path))
    return paths


def main(rounds: int = 5) -> int:
    ionqkit = [sys.executable, "-m", "ionqkit"]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        files = corpus_files(folder)
        schema = folder / "job.schema.json"
        export_s, exported = timed([*ionqkit, "schema", "-o", str(schema)])
        distinct = len(list(CORPUS.glob("*.json")))
        print(
            f"exported job-payload schema vs ionqkit lint: {FILES} payloads captured from qiskit-ionq and "
            f"cirq-ionq ({distinct} distinct), whole processes, median of {rounds}"
        )
        if exported.returncode != 0:
            print(f"ionqkit schema failed: {exported.stderr.decode(errors='replace')[-500:]}")
            return 1
        print(f"{'ionqkit schema -o':<34}{export_s:>8.2f} s   ({schema.stat().st_size / 1e3:.0f} kB)")
        here = str(Path(sys.executable).parent)  # the venv's scripts, when it is not on PATH
        tool = shutil.which("check-jsonschema") or shutil.which("check-jsonschema", path=here)
        lint = [*ionqkit, "lint", *files]
        times: dict[str, list[float]] = {"lint": [], "check": []}
        codes: dict[str, int] = {}
        for _ in range(rounds):
            seconds, result = timed(lint)
            times["lint"].append(seconds)
            codes["lint"] = result.returncode
            if tool is not None:
                seconds, result = timed([tool, "--schemafile", str(schema), *files])
                times["check"].append(seconds)
                codes["check"] = result.returncode
        ours = statistics.median(times["lint"])
        print(f"{'ionqkit lint':<34}{ours:>8.2f} s   1.00x   exit {codes['lint']}")
        if tool is None:
            print(f"{'check-jsonschema':<34}not installed (pip install -e '.[bench]')")
            return 0
        theirs = statistics.median(times["check"])
        ratios = [c / t for c, t in zip(times["check"], times["lint"], strict=True)]
        print(
            f"{'check-jsonschema, exported schema':<34}{theirs:>8.2f} s {statistics.median(ratios):>6.2f}x"
            f"   exit {codes['check']}   (ratio: median per round; >1: slower than lint)"
        )
        if hasattr(os, "getloadavg"):
            print(f"load average {os.getloadavg()[0]:.2f} (1 min)")
    return 0
