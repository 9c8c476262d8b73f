"""What `ionqkit lint` of a JSON payload loads: the lint path and nothing else.

A small lint is over in a millisecond once the modules are loaded, so its run time is what it
imports and what that import executes. These tests pin both, deterministically (no clock):
- the modules (`python -X importtime`): no YAML parser, JSONPath, JSON Schema library, pydantic,
  httpx, process pool, traceback, TOML parser (without a config file), nor another command's or
  renderer's module; not dataclasses (it imports inspect, ast, dis and tokenize), shutil (bz2,
  lzma), the spec loader or the fix machinery; not orjson for a small payload (the standard
  library's json reads it); a YAML payload does load the YAML parser and a large JSON payload
  orjson (the controls that the check sees);
- the classes: none on the lint path compiles its methods when defined (a dataclass compiles five
  or six, about 1 ms a class; ionqkit.records compiles none), seen as `compile` audit events.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

# Module prefixes never on the path of a JSON lint.
HEAVY = (
    "ruamel",
    "_ruamel_yaml",
    "yaml",
    "jsonpath_rfc9535",
    "regex",
    "jsonschema",
    "openapi_spec_validator",
    "pydantic",
    "httpx",
    "jinja2",
    "datamodel_code_generator",
    "concurrent.futures.process",
    "multiprocessing",
    "traceback",
    "tomllib",
    "difflib",
    "hashlib",
    "ionqkit.codegen",
    "ionqkit.diff",
    "ionqkit.migrate",
    "ionqkit.runtime",
    "ionqkit.generated",
    "ionqkit.spec.specload",
    "ionqkit.spec.overlay",
    "ionqkit.spec.yaml_constructor",
    "ionqkit.findings.sarif",
    "ionqkit.findings.github",
    "ionqkit.validators.qasm3",  # OpenQASM programs: qasm3 jobs only
    "ionqkit.cli.generate",
    "ionqkit.cli.diff",
    "ionqkit.cli.migrate",
    "ionqkit.cli.rules",
    "ionqkit.cli.schema",
    "ionqkit.cli.spec",
    "ionqkit.validators.jsonschema_export",
    "orjson",  # a large payload's parser (and --format json's writer), not a small one's
    "dataclasses",
    "inspect",
    "typing",  # see ionqkit/__init__.py
    "typing_extensions",
    "pathlib",
    "shutil",
    "ionqkit.spec.loader",
    "ionqkit.spec.jobfacts",
    "ionqkit.validators.fixer",
    "ionqkit.validators.fixapply",
    "ionqkit.validators.textedits",
)

BELL = {
    "type": "ionq.circuit.v1",
    "backend": "simulator",
    "shots": 100,
    "input": {
        "gateset": "qis",
        "qubits": 2,
        "circuit": [{"gate": "h", "target": 0}, {"gate": "x", "target": 5}],
    },
}

PROBE = """
import json, sys, sysconfig
stdlib = sysconfig.get_paths()["stdlib"]
compiled = set()
PLUMBING = {"dataclasses", "typing", "collections", "ionqkit.records"}

def hook(event, args):
    if event != "compile":
        return
    frame = sys._getframe(1)
    while frame is not None and frame.f_globals.get("__name__") in PLUMBING:
        frame = frame.f_back
    if frame is None:
        return
    file = frame.f_code.co_filename
    if not (file.startswith(stdlib) or file.startswith("<")):
        compiled.add(frame.f_globals.get("__name__"))

sys.addaudithook(hook)
from ionqkit.cli import main
try:
    code = main(sys.argv[2:])
except SystemExit as exc:
    code = exc.code
with open(sys.argv[1], "w") as out:
    json.dump({"code": code, "compiled": sorted(compiled)}, out)
"""


def imports(importtime: str) -> list[tuple[str, str | None]]:
    """(module, the module whose import loaded it, or None at the top) from -X importtime output.

    importtime prints a module after everything its import loaded, one level deeper: a module's
    importer is the next line printed at a lower depth.
    """
    rows = []
    for line in importtime.splitlines():
        if not line.startswith("import time:") or line.endswith("imported package"):
            continue
        name = line.rsplit("|", 1)[1]
        rows.append((len(name) - len(name.lstrip(" ")), name.strip()))
    out = []
    for index, (depth, name) in enumerate(rows):
        parent = next((other for d, other in rows[index + 1 :] if d < depth), None)
        out.append((name, parent))
    return out


def run_lint(tmp_path: Path, payload: Path) -> tuple[int, list[tuple[str, str | None]], list[str]]:
    report = tmp_path / "report.json"
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", PROBE, str(report), "lint", str(payload)],
        cwd=tmp_path,  # no pyproject.toml above: no lint config to read
        capture_output=True,
        text=True,
        check=True,
    )
    data = json.loads(report.read_text())
    return data["code"], imports(result.stderr), data["compiled"]


def heavy(loaded: list[tuple[str, str | None]]) -> list[str]:
    return [
        f"{name} (imported by {importer or 'a function'})"
        for name, importer in loaded
        if name.startswith(HEAVY)
    ]


def test_a_json_lint_imports_only_the_lint_path(tmp_path: Path) -> None:
    payload = tmp_path / "job.json"
    payload.write_text(json.dumps(BELL, indent=2))
    code, loaded, _ = run_lint(tmp_path, payload)
    assert code == 1  # the lint ran: qubit 5 of 2 is an error
    names = {name for name, _ in loaded}
    assert {"ionqkit.validators.engine", "ionqkit.validators.render", "json"} <= names
    assert heavy(loaded) == []


def test_a_large_json_lint_reads_it_with_orjson_which_the_check_sees(tmp_path: Path) -> None:
    payload = tmp_path / "job.json"
    circuit = [{"gate": "h", "target": 0}] * 5000  # about 130 kB: past the standard library's path
    job = {**BELL, "input": {"gateset": "qis", "qubits": 2, "circuit": circuit}}
    payload.write_text(json.dumps(job))
    code, loaded, _ = run_lint(tmp_path, payload)
    assert code == 0
    assert "orjson (imported by a function)" in heavy(loaded)


def test_a_yaml_lint_loads_the_yaml_parser_which_the_check_sees(tmp_path: Path) -> None:
    payload = tmp_path / "job.yaml"
    payload.write_text(
        "type: ionq.circuit.v1\nbackend: simulator\ninput: {gateset: qis, qubits: 1, circuit: []}\n"
    )
    _, loaded, _ = run_lint(tmp_path, payload)
    assert any(found.startswith("ruamel.yaml") for found in heavy(loaded))


def test_no_class_on_the_lint_path_compiles_its_methods(tmp_path: Path) -> None:
    payload = tmp_path / "job.json"
    payload.write_text(json.dumps(BELL))
    _, _, compiled = run_lint(tmp_path, payload)
    assert compiled == []


def test_the_importer_of_each_module_is_read_from_the_tree() -> None:
    lines = [
        "import time: self [us] | cumulative | imported package",
        "import time:        10 |         10 |     leaf",
        "import time:        10 |         20 |   middle",
        "import time:        10 |         30 | top",
        "import time:        10 |         10 | lazy",
    ]
    assert imports("\n".join(lines)) == [("leaf", "middle"), ("middle", "top"), ("top", None), ("lazy", None)]
