"""Peak resident memory per input byte of `ionqkit lint` and `ionqkit diff`, whole commands.

Run: `python bench --only memory_bench` (also part of `make bench`). Each row runs the command once in
a fresh interpreter and reads its peak resident set size from /proc/self/status (VmHWM; elsewhere
ru_maxrss), interpreter and imports included, and prints it beside the input size and the bound
that tests/hardening/test_memory_bounds.py asserts: 3x the input + 150 MB. It asserts nothing.

Rows made of long strings are the inputs whose scanning used to blow up (3.6 GB for one 30 MB
string: a backtracking string regex; see ionqkit.spec.jsonscan). Rows made of many small
values show the floor a parsed tree sets: `orjson.loads` alone is printed beside the JSON one, and
YAML goes through ruamel.yaml's node graph (some 60x its input), which no scanner fix changes.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from .lint_bench import multi_job

MB = 1024 * 1024
LONG = 30 * MB

_MEASURE = """
import re, resource, sys
from pathlib import Path
if sys.argv[1] == "orjson.loads":
    import orjson
    orjson.loads(Path(sys.argv[2]).read_bytes())
else:
    from ionqkit.cli import main
    import contextlib, io
    with contextlib.redirect_stdout(io.StringIO()):
        main(sys.argv[1:])
status = Path("/proc/self/status")
found = re.search(r"VmHWM:\\s+(\\d+) kB", status.read_text()) if status.exists() else None
print(int(found.group(1)) if found else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def peak_mb(*args: str | Path) -> float:
    """Peak RSS of `ionqkit ARGS` (or `orjson.loads FILE`) in a fresh interpreter, in MB."""
    result = subprocess.run(
        [sys.executable, "-c", _MEASURE, *map(str, args)], capture_output=True, text=True, check=False
    )
    if not result.stdout.strip():
        raise RuntimeError(f"{' '.join(map(str, args))} died:\n{result.stderr[-2000:]}")
    return int(result.stdout.strip().splitlines()[-1]) / 1024


def _long_spec(fill: str, suffix: str) -> str:
    if suffix == ".json":
        info = {"title": "t", "version": "1", "description": fill * LONG}
        return json.dumps({"openapi": "3.0.3", "info": info, "paths": {}})
    return (
        f"openapi: 3.0.3\ninfo:\n  title: t\n  version: '1'\n  description: \"{fill * LONG}\"\npaths: {{}}\n"
    )


def _dense_yaml() -> str:
    """The job of 2,000 circuits as block-style YAML (one line per key)."""
    from ruamel.yaml import YAML

    out = io.StringIO()
    yaml = YAML(typ="safe", pure=False)
    yaml.default_flow_style = False
    yaml.dump(multi_job(7, 2_000, 30), out)
    return out.getvalue()


# (label, files to write: name -> text, command arguments with {name} placeholders)
Case = tuple[str, dict[str, Callable[[], str]], list[str]]
CASES: list[Case] = [
    ("lint, one long JSON string", {"s.json": lambda: json.dumps({"x": "a" * LONG})}, ["lint", "{s.json}"]),
    (
        "lint, one string of escapes",
        {"e.json": lambda: '{"x": "' + "a\\\\" * (LONG // 3) + '"}'},
        ["lint", "{e.json}"],
    ),
    ("lint, one long YAML string", {"s.yaml": lambda: 'x: "' + "a" * LONG + '"\n'}, ["lint", "{s.yaml}"]),
    (
        "diff, two long-string JSON specs",
        {"a.json": lambda: _long_spec("a", ".json"), "b.json": lambda: _long_spec("b", ".json")},
        ["diff", "{a.json}", "{b.json}"],
    ),
    (
        "diff, two long-string YAML specs",
        {"a.yaml": lambda: _long_spec("a", ".yaml"), "b.yaml": lambda: _long_spec("b", ".yaml")},
        ["diff", "{a.yaml}", "{b.yaml}"],
    ),
    (
        "lint, dense JSON job (19,500 circuits)",
        {"dense.json": lambda: json.dumps(multi_job(7, 19_500, 30))},
        ["lint", "{dense.json}"],
    ),
    ("  orjson.loads alone, same file", {}, ["orjson.loads", "{dense.json}"]),
    ("lint, dense YAML job (2,000 circuits)", {"dense.yaml": _dense_yaml}, ["lint", "{dense.yaml}"]),
]


def main() -> int:
    print("peak resident memory of whole commands (fresh process, VmHWM, interpreter included)")
    print(f"{'':40}{'input':>10}{'peak':>10}{'peak/input':>12}{'bound 3x+150':>14}")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        paths: dict[str, Path] = {}
        for label, files, args in CASES:
            for name, make in files.items():
                paths[name] = folder / name
                paths[name].write_text(make())
            used = [paths[a[1:-1]] for a in args if a.startswith("{")]
            size = sum(p.stat().st_size for p in used) / MB
            command = [str(paths[a[1:-1]]) if a.startswith("{") else a for a in args]
            peak = peak_mb(*command)
            bound = 3 * size + 150
            verdict = "within" if peak <= bound else "over"
            print(
                f"{label:<40}{size:>7.1f} MB{peak:>7.0f} MB{peak / size:>11.1f}x{bound:>10.0f} MB {verdict}"
            )
    return 0
