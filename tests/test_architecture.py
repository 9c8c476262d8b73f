"""The house rules of the import graph, checked on the source (AST) and on a live interpreter.

- the spec core (`ionqkit.spec`) imports none of the parts that stand on it;
- the findings layer (`ionqkit.findings`) imports only `ionqkit` itself (its version) and
  `ionqkit.escape`, and the spec core does not import it;
- the linter, migrate, the differ and the client runtime never import codegen;
- the client runtime imports neither codegen nor the spec core (pre-submit lint is loaded lazily);
- building a client imports no YAML or JSONPath library.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "ionqkit"


def imported_modules(folder: Path) -> dict[str, set[str]]:
    """Every `ionqkit...` module each file of `folder` imports, at any depth (lazy imports too)."""
    found: dict[str, set[str]] = {}
    for path in sorted(folder.rglob("*.py")):
        names: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module)
                names.update(f"{node.module}.{alias.name}" for alias in node.names)
        found[path.relative_to(folder).as_posix()] = {n for n in names if n.startswith("ionqkit")}
    return found


def offenders(part: str, forbidden: tuple[str, ...]) -> list[str]:
    return [
        f"{part}/{file} imports {name}"
        for file, names in imported_modules(PACKAGE / part).items()
        for name in sorted(names)
        if name.startswith(forbidden)
    ]


@pytest.mark.parametrize("part", ["validators", "migrate", "diff", "runtime", "spec", "findings"])
def test_no_part_but_the_cli_imports_codegen(part: str) -> None:
    assert offenders(part, ("ionqkit.codegen",)) == []


def test_the_spec_core_imports_none_of_the_parts_that_stand_on_it() -> None:
    parts = (
        "ionqkit.validators",
        "ionqkit.migrate",
        "ionqkit.diff",
        "ionqkit.runtime",
        "ionqkit.generated",
        "ionqkit.findings",
    )
    assert offenders("spec", parts) == []


def test_the_findings_layer_stands_on_escape_alone() -> None:
    allowed = {"ionqkit", "ionqkit.__version__", "ionqkit.escape"}
    found = [
        f"findings/{file} imports {name}"
        for file, names in imported_modules(PACKAGE / "findings").items()
        for name in sorted(names)
        if name.split(".")[:2] != ["ionqkit", "findings"] and ".".join(name.split(".")[:2]) not in allowed
    ]
    assert found == []


def test_the_runtime_imports_neither_codegen_nor_the_spec_core_at_the_top() -> None:
    lazy = {"runtime/prevalidate.py"}  # loads the linter on the first validated create_job, not before
    found = offenders("runtime", ("ionqkit.spec", "ionqkit.codegen", "ionqkit.validators"))
    assert [line for line in found if line.split(" imports ")[0] not in lazy] == []


def test_a_walk_that_sees_a_forbidden_import_reports_it(tmp_path: Path) -> None:
    (tmp_path / "m.py").write_text("def f():\n    from ionqkit.codegen.loader import x\n")
    assert imported_modules(tmp_path) == {"m.py": {"ionqkit.codegen.loader", "ionqkit.codegen.loader.x"}}


PROBE = """
import json, sys
import ionqkit.generated.ionq_v0_4 as api
api.Client(api_key="k" * 20)
api.AsyncClient(api_key="k" * 20)
print(json.dumps(sorted(sys.modules)))
"""


def test_building_a_client_imports_no_yaml_jsonpath_spec_core_or_linter() -> None:
    result = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, check=True)
    loaded = json.loads(result.stdout)
    heavy = (
        "ruamel",
        "yaml",
        "jsonpath",
        "jsonschema",
        "ionqkit.spec",
        "ionqkit.codegen",
        "ionqkit.validators",
    )
    assert "ionqkit.generated.ionq_v0_4" in loaded
    assert [name for name in loaded if name.startswith(heavy)] == []
