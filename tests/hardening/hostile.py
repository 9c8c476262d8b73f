"""Hostile documents, written into a folder, and a runner that measures what a command costs."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

HUNDRED_MB = 100 * 1024 * 1024

# Peak RSS from /proc's VmHWM where there is one: ru_maxrss survives exec, so it would report the
# test runner's own size at the fork that started this interpreter. The largest helper process
# (generate's model renderer, ruff) is reported apart: RUSAGE_CHILDREN's ru_maxrss, an upper bound
# (a helper that execs, like ruff, counts the size of this process when it was forked).
_MEASURED = """
import re, resource, sys, time
from pathlib import Path
from ionqkit.cli import main
started = time.monotonic()
code = main(sys.argv[1:])
status = Path("/proc/self/status")
found = re.search(r"VmHWM:\\s+(\\d+) kB", status.read_text()) if status.exists() else None
peak_kb = int(found.group(1)) if found else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
peak_mb = peak_kb / 1024
helper_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
seconds = time.monotonic() - started
print(f"MEASURED {code} {peak_mb:.0f} {seconds:.2f} {helper_mb:.0f}", file=sys.stderr)
raise SystemExit(code)
"""


@dataclass(frozen=True)
class Measured:
    code: int
    stdout: str
    stderr: str  # without the measurement line
    peak_mb: float
    seconds: float
    helper_peak_mb: float  # the largest helper process the command started and waited for


def run_measured(*args: str | Path, stdin: Path | None = None, cwd: Path | None = None) -> Measured:
    """`ionqkit ARGS` in a fresh interpreter: exit code, output, peak RSS and time of the command."""
    with open(stdin or "/dev/null", "rb") as feed:
        result = subprocess.run(
            [sys.executable, "-c", _MEASURED, *map(str, args)],
            stdin=feed, capture_output=True, text=True, timeout=300, check=False, cwd=cwd,
        )  # fmt: skip
    lines = result.stderr.splitlines()
    measured = [line for line in lines if line.startswith("MEASURED ")]
    assert measured, f"no measurement; the command died:\n{result.stderr[-3000:]}"
    _, code, peak, seconds, helper_peak = measured[-1].split()
    rest = "\n".join(line for line in lines if not line.startswith("MEASURED "))
    return Measured(int(code), result.stdout, rest, float(peak), float(seconds), float(helper_peak))


def spec_json(schemas: dict[str, object]) -> str:
    return json.dumps(
        {
            "openapi": "3.0.3",
            "info": {"title": "t", "version": "1"},
            "paths": {},
            "components": {"schemas": schemas},
        }
    )


def alias_bomb() -> str:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 10)]
    return "\n".join(lines) + "\n"


def deep_json(depth: int = 100_000) -> str:
    return "[" * depth + "]" * depth


def deep_yaml(depth: int = 100_000) -> str:
    # Block style: indentation, not brackets, so the flow-depth pre-check does not see it.
    return "".join(f"{' ' * i}k:\n" for i in range(depth)) + " " * depth + "k: 1\n"


HOSTILE_TEXTS: dict[str, bytes] = {
    "alias-bomb.yaml": alias_bomb().encode(),
    "deep.json": deep_json().encode(),
    "deep.yaml": deep_yaml(2_000).encode(),
    "duplicate-keys.json": b'{"openapi": "3.0.3", "shots": 1, "shots": 2}',
    "nan.yaml": b"openapi: 3.0.3\nshots: .nan\n",
    "infinity.yaml": b"openapi: 3.0.3\nshots: .inf\n",
    "invalid-utf8.json": b'{"openapi": "3.0.3", "name": "\xff\xfe"}',
    "empty.json": b"",
    "self-alias.yaml": b"a: &a [*a]\n",
}
