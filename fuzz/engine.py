"""Drive a target: atheris (coverage-guided) when installed, else a seeded random engine.

Both use the same structure-aware mutator (fuzz/mutate.py) on JSON inputs and byte mutations on
everything else; atheris adds libFuzzer's own byte mutations and keeps inputs that reach new code.
"""

from __future__ import annotations

import argparse
import atexit
import importlib.util
import json
import random
import shutil
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path

from .mutate import mutate, mutate_bytes

OneInput = Callable[[bytes], None]
MAX_LEN = 400_000


def mutant(data: bytes, rng: random.Random) -> bytes:
    """One structural mutation if `data` is JSON, else a byte-level one."""
    if rng.random() < 0.8:
        try:
            value = json.loads(data)
        except (ValueError, RecursionError):
            pass
        else:
            if rng.random() < 0.02:  # now and then the mutant goes out as YAML-flavoured JSON
                return json.dumps(mutate(value, rng), indent=1).replace('"', "'").encode()
            return json.dumps(mutate(value, rng)).encode()
    return mutate_bytes(data, rng)


def inputs(seeds: Sequence[bytes], count: int, seed: int) -> list[bytes]:
    """The seeds, then mutants of randomly chosen seeds (and of earlier mutants), `count` in all."""
    rng = random.Random(seed)
    pool = list(seeds)
    out = list(seeds[:count])
    while len(out) < count:
        child = mutant(rng.choice(pool), rng)
        out.append(child)
        if rng.random() < 0.2:
            pool.append(child)
    return out


def run_random(one_input: OneInput, seeds: Sequence[bytes], runs: int, seed: int, crashes: Path) -> int:
    """Feed `runs` inputs; save each crashing input to `crashes/` and report it. Returns crash count."""
    found = 0
    started = time.monotonic()
    for index, data in enumerate(inputs(seeds, runs, seed)):
        try:
            one_input(data)
        except Exception:
            found += 1
            crashes.mkdir(parents=True, exist_ok=True)
            path = crashes / f"crash-{seed}-{index}"
            path.write_bytes(data)
            print(f"crash on input {index} (saved to {path}):\n{traceback.format_exc()}", file=sys.stderr)
    print(f"{runs} inputs in {time.monotonic() - started:.0f} s, {found} crash(es)", file=sys.stderr)
    return found


def run_atheris(one_input: OneInput, seeds: Sequence[bytes], runs: int, seed: int, crashes: Path) -> int:
    import atheris  # type: ignore[import-not-found, unused-ignore]

    corpus = Path(tempfile.mkdtemp(prefix="ionqkit-fuzz-corpus-"))
    atexit.register(shutil.rmtree, corpus, True)
    for index, data in enumerate(seeds):
        (corpus / f"seed-{index}").write_bytes(data)
    crashes.mkdir(parents=True, exist_ok=True)
    for data in seeds:  # import everything the target uses lazily, so that it gets instrumented
        one_input(data)
    atheris.instrument_all()

    def custom_mutator(data: bytes, max_size: int, mutation_seed: int) -> bytes:
        rng = random.Random(mutation_seed)
        if rng.random() < 0.25:
            return bytes(atheris.Mutate(data, max_size))
        return mutant(data, rng)[:max_size]

    args = [
        sys.argv[0],
        f"-runs={runs}",
        f"-seed={seed}",
        f"-max_len={MAX_LEN}",
        # A hang is what this catches. An overlay spending its whole work budget (about 1.5 s plain)
        # runs some 40x slower under atheris's instrumentation on a busy machine: 60 s flagged it.
        "-timeout=300",
        "-rss_limit_mb=4096",
        f"-artifact_prefix={crashes}/",
        str(corpus),
    ]
    atheris.Setup(args, one_input, custom_mutator=custom_mutator)
    atheris.Fuzz()  # exits the process: 0 when the runs are done, non-zero on a crash
    return 0


def main(target: str, one_input: OneInput, seeds: Callable[[], list[bytes]], argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(prog=f"python fuzz {target}")
    parser.add_argument("--runs", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--engine", choices=("auto", "atheris", "random"), default="auto")
    parser.add_argument("--crashes", type=Path, default=Path(".fuzz") / "crashes" / target)
    args = parser.parse_args(list(argv))
    engine = args.engine
    if engine == "auto":
        engine = "atheris" if importlib.util.find_spec("atheris") else "random"
    print(f"fuzz {target}: {args.runs} inputs with the {engine} engine", file=sys.stderr)
    run = run_atheris if engine == "atheris" else run_random
    return 1 if run(one_input, seeds(), args.runs, args.seed, args.crashes) else 0
