"""The house rules of the import graph, checked on the source (AST) and on a live interpreter.

- the spec core (`ionqkit.spec`) imports none of the parts that stand on it;
- the findings layer (`ionqkit.findings`) imports only `ionqkit` itself (its version),
  `ionqkit.escape` and `ionqkit.records`, and the spec core does not import it;
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


def test_the_findings_layer_stands_on_escape_and_records_alone() -> None:
    allowed = {"ionqkit", "ionqkit.__version__", "ionqkit.escape", "ionqkit.records"}
    found = [
        f"findings/{file} imports {name}"
        for file, names in imported_modules(PACKAGE / "findings").items()
        for name in sorted(names)
        if name.split(".")[:2] != ["ionqkit", "findings"] and ".".join(name.split(".")[:2]) not in allowed
    ]
    assert found == []


def test_the_runtime_imports_neither_codegen_nor_the_spec_core_at_the_top() -> None:
    lazy = {"runtime/host.py"}  # loads the linter on the first validated create_job, not before
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


# ---- dev-script folders: bench/, fuzz/ and tools/ are run by path, never imported by name ---------

DEV_FOLDERS = ("bench", "fuzz", "tools")


@pytest.mark.parametrize("folder", DEV_FOLDERS)
def test_a_dev_script_folder_is_not_importable_from_the_repo_root(folder: str) -> None:
    """Without its refusing __init__.py the folder would import as a namespace package."""
    repo = PACKAGE.parents[1]
    probe = f"import {folder}"
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=repo, capture_output=True, text=True, check=False
    )
    assert result.returncode == 1, result.stdout
    assert f"ModuleNotFoundError: {folder}/ is a folder of scripts" in result.stderr, result.stderr


def dev_folder_imports(tests: Path) -> list[str]:
    """Each place under `tests` that imports bench, fuzz or tools by name (statement or string)."""
    found = []
    for path in sorted(tests.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names: list[object] = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            elif isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", "")) in (
                "import_module",
                "__import__",
            ):
                names = [a.value for a in node.args[:1] if isinstance(a, ast.Constant)]
            where = f"{path.relative_to(tests).as_posix()}:{getattr(node, 'lineno', 0)}"
            found += [
                f"{where} imports {n}" for n in names if isinstance(n, str) and n.split(".")[0] in DEV_FOLDERS
            ]
    return found


def test_no_test_imports_a_dev_script_folder_by_name() -> None:
    assert dev_folder_imports(PACKAGE.parents[1] / "tests") == []


def test_the_dev_folder_walk_sees_each_way_of_importing(tmp_path: Path) -> None:
    (tmp_path / "test_x.py").write_text(
        "import fuzz.engine\nfrom bench import common\nimport importlib\nimportlib.import_module('tools')\n"
        "from tests.devtools import dev_module\n"
    )
    assert [line.split(" imports ")[1] for line in dev_folder_imports(tmp_path)] == [
        "fuzz.engine",
        "bench",
        "tools",
    ]
