"""Standalone output: `generate --spec S --out D --package P` writes a project (pyproject.toml,
README.md) beside a package that carries its own copy of the runtime, every file from a template
or listed in MANIFEST.json, byte-identical on a re-run."""

from __future__ import annotations

import ast
import hashlib
import json
import logging
import shutil
import subprocess
import sys
import tomllib
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from ionqkit.paths import PACKAGE_DIR, TEMPLATES_DIR
from tests.packaging.wheelhouse import build_wheel

DATA = Path(__file__).parent / "data"
RUNTIME_SOURCE = PACKAGE_DIR / "runtime"
CliRun = Callable[..., tuple[int, str, str]]


def tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts
    }


def standalone(cli: CliRun, out: Path, *extra: str | Path, spec: Path = DATA / "names.openapi.yaml") -> None:
    code, _, err = cli("generate", "--spec", spec, "--out", out, "--package", "names_sdk", "-q", *extra)
    assert code == 0, err


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from ionqkit.cli import main

    out = tmp_path_factory.mktemp("standalone") / "project"
    spec = DATA / "names.openapi.yaml"
    assert main(["generate", "--spec", str(spec), "--out", str(out), "--package", "names_sdk", "-q"]) == 0
    return out


def test_the_runtime_names_ionqkit_in_host_py_alone() -> None:
    """What makes the copy self-contained: every other module imports only its siblings."""
    offenders = []
    for path in sorted(RUNTIME_SOURCE.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            if path.name != "host.py" and any(n.split(".")[0] == "ionqkit" for n in names):
                offenders.append(f"{path.name} imports {names}")
    assert offenders == []


def test_the_project_holds_the_package_its_runtime_and_project_files(project: Path) -> None:
    files = tree(project)
    runtime = {f"names_sdk/_runtime/{p.name}" for p in RUNTIME_SOURCE.glob("*.py")}
    assert runtime <= set(files)
    assert {"pyproject.toml", "README.md", "names_sdk/__init__.py", "names_sdk/client.py"} <= set(files)
    assert {"names_sdk/models.py", "names_sdk/py.typed", "names_sdk/MANIFEST.json"} <= set(files)
    client = files["names_sdk/client.py"].decode()
    assert "from ._runtime import" in client and "ionqkit.runtime" not in client
    # Every module but host.py is the runtime's own, under a header line saying where it came from.
    for path in RUNTIME_SOURCE.glob("*.py"):
        copied = files[f"names_sdk/_runtime/{path.name}"].decode()
        assert copied.startswith("# Written by " if path.name == "host.py" else "# Copied by "), path.name
        if path.name != "host.py":
            assert copied.split("\n", 1)[1] == path.read_text(encoding="utf-8"), path.name
    host = ast.parse(files["names_sdk/_runtime/host.py"].decode())
    imported = [n.module for n in ast.walk(host) if isinstance(n, ast.ImportFrom)]
    imported += [a.name for n in ast.walk(host) if isinstance(n, ast.Import) for a in n.names]
    assert not [name for name in imported if name and name.startswith("ionqkit")]


def test_the_package_exports_the_runtimes_public_names(project: Path) -> None:
    """`import P` gives what `import ionqkit.runtime` gives, less the names only the client uses."""
    from ionqkit import runtime
    from ionqkit.codegen.standalone import INTERNAL_RUNTIME_NAMES

    assert set(runtime.__all__) >= INTERNAL_RUNTIME_NAMES  # no stale name hides nothing
    public = set(runtime.__all__) - INTERNAL_RUNTIME_NAMES
    module = ast.parse((project / "names_sdk" / "__init__.py").read_text())
    imported = {
        alias.name
        for node in module.body
        if isinstance(node, ast.ImportFrom) and node.module == "_runtime"
        for alias in node.names
    }
    (exported,) = [
        ast.literal_eval(node.value)
        for node in module.body
        if isinstance(node, ast.Assign) and ast.unparse(node.targets[0]) == "__all__"
    ]
    assert imported == public
    assert set(exported) == public | {"AsyncClient", "Client", "models"}


def test_a_name_the_runtime_adds_to_its_api_is_exported(monkeypatch: pytest.MonkeyPatch) -> None:
    from ionqkit import runtime
    from ionqkit.codegen.standalone import distribution

    monkeypatch.setattr(runtime, "__all__", [*runtime.__all__, "BrandNewError"])
    dist, _ = distribution("names_sdk", "2.1", None)
    assert "BrandNewError" in dist.exports and "SyncAPIClient" not in dist.exports


def test_manifest_covers_every_file_written(project: Path) -> None:
    recorded = json.loads((project / "names_sdk" / "MANIFEST.json").read_text())
    listed = {f"names_sdk/{name}": digest for name, digest in recorded["outputs"].items()}
    listed.update(recorded["project"])
    written = {name: hashlib.sha256(data).hexdigest() for name, data in tree(project).items()}
    written.pop("names_sdk/MANIFEST.json")
    assert listed == written
    assert set(recorded["project"]) == {"pyproject.toml", "README.md"}
    assert "runtime" in recorded["inputs"]


def test_pyproject_names_version_and_ranges(project: Path) -> None:
    config = tomllib.loads((project / "pyproject.toml").read_text())
    meta = config["project"]
    assert (meta["name"], meta["version"], meta["requires-python"]) == ("names-sdk", "2.1", ">=3.11")
    assert meta["dependencies"] == ["anyio>=4,<5", "httpx>=0.27,<1", "orjson>=3.10,<4", "pydantic>=2.7,<3"]
    assert not [d for d in meta["dependencies"] if "==" in d or "ionqkit" in d]
    assert config["tool"]["setuptools"]["packages"] == ["names_sdk", "names_sdk._runtime"]
    assert config["tool"]["ionqkit"]["regenerate"] == (
        "ionqkit generate --spec names.openapi.yaml --out . --package names_sdk"
    )


def test_generated_files_name_the_command_that_regenerates_them(project: Path) -> None:
    command = "ionqkit generate --spec names.openapi.yaml --out . --package names_sdk"
    for name, data in tree(project).items():
        assert b"make generate" not in data, name
    for name in ("names_sdk/models.py", "names_sdk/client.py", "names_sdk/__init__.py", "README.md"):
        assert command in " ".join((project / name).read_text().split()), name


def test_a_rerun_is_a_no_op_and_another_folder_gets_the_same_bytes(
    cli: CliRun, project: Path, tmp_path: Path
) -> None:
    before = tree(project)
    code, out, _ = cli(
        "generate", "--spec", DATA / "names.openapi.yaml", "--out", project, "--package", "names_sdk"
    )
    assert (code, out.strip()) == (0, "all 1 package(s) up to date")
    standalone(cli, tmp_path / "again")
    assert tree(tmp_path / "again") == before == tree(project)


def test_check_reports_an_edited_project_file(cli: CliRun, tmp_path: Path) -> None:
    standalone(cli, tmp_path / "p")
    readme = tmp_path / "p" / "README.md"
    readme.write_text(readme.read_text() + "mine\n")
    code, _, err = cli(
        "generate", "--spec", DATA / "names.openapi.yaml", "--out", tmp_path / "p", "--package", "names_sdk",
        "--check",
    )  # fmt: skip
    assert code == 1
    assert "stale: README.md (edited)" in err
    standalone(cli, tmp_path / "p")  # rewrites it: the manifest lists it, so it is ours
    assert "mine" not in readme.read_text()


def test_a_pyproject_that_is_not_ours_is_not_replaced(cli: CliRun, tmp_path: Path) -> None:
    out = tmp_path / "mine"
    out.mkdir()
    (out / "pyproject.toml").write_text("[project]\nname = 'mine'\n")
    args = ("generate", "--spec", DATA / "names.openapi.yaml", "--out", out, "--package", "names_sdk")
    code, _, err = cli(*args)
    assert code == 2
    assert err.startswith(f"error: {out / 'pyproject.toml'}: not written by ionqkit for package names_sdk")
    assert sorted(p.name for p in out.iterdir()) == ["pyproject.toml"]
    assert (out / "pyproject.toml").read_text() == "[project]\nname = 'mine'\n"
    assert cli(*args, "--overwrite")[0] == 0
    assert "names-sdk" in (out / "pyproject.toml").read_text()


def test_version_flag_and_a_spec_version_that_is_no_pep440(cli: CliRun, tmp_path: Path) -> None:
    standalone(cli, tmp_path / "a", "--version", "3.0rc1")
    assert tomllib.loads((tmp_path / "a" / "pyproject.toml").read_text())["project"]["version"] == "3.0rc1"
    assert "--version 3.0rc1" in (tmp_path / "a" / "README.md").read_text()
    spec = tmp_path / "odd.yaml"
    spec.write_text(
        (DATA / "names.openapi.yaml").read_text().replace("version: v2.1", "version: 2026-09 beta")
    )
    code, out, _ = cli("generate", "--spec", spec, "--out", tmp_path / "b", "--package", "names_sdk")
    assert code == 0
    assert "note: info.version '2026-09 beta' is not a PEP 440 version (such as 1.2.0): the" in out
    assert tomllib.loads((tmp_path / "b" / "pyproject.toml").read_text())["project"]["version"] == "0"
    code, _, err = cli(
        "generate", "--spec", spec, "--out", tmp_path / "b", "--package", "n", "--version", "x"
    )
    assert (code, err) == (
        2,
        "error: <command line>: --version 'x' is not a PEP 440 version such as 1.2.0 or 0.4rc1\n",
    )
    assert cli("generate", "--version", "1.0")[0] == 2  # goes with --spec


def test_the_copied_runtime_masks_keys_beside_ionqkits_own(
    project: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """Both runtimes wrap the log-record factory: a key registered with the copy is masked even
    when ionqkit's runtime wrapped the factory first (they used to share one marker, and the copy
    then never wrapped it)."""
    from ionqkit.runtime import logguard

    monkeypatch.syspath_prepend(str(project))
    monkeypatch.setattr(logging, "_logRecordFactory", logging.getLogRecordFactory())  # restored after
    import importlib

    copy = importlib.import_module("names_sdk._runtime.logguard")
    ionqkit_key, copy_key = "sk-ionqkit-0123456789abcdef", "sk-copy-0123456789abcdef"
    logguard.register(ionqkit_key)
    copy.register(copy_key)
    try:
        with caplog.at_level(logging.INFO):
            logging.getLogger("any").info("keys %s and %s", ionqkit_key, copy_key)
        assert ionqkit_key not in caplog.text
        assert copy_key not in caplog.text
    finally:
        logguard.unregister(ionqkit_key)
        copy.unregister(copy_key)
        for name in [m for m in sys.modules if m.startswith("names_sdk")]:
            monkeypatch.delitem(sys.modules, name)


def test_project_templates_are_rendered_for_standalone_output_only(cli: CliRun, tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "NOTICE.txt.jinja").write_text(
        "{{ project.name }} {{ project.version }} from {{ api.title }}\n"
    )
    standalone(cli, tmp_path / "out", "--templates", templates)
    assert (tmp_path / "out" / "NOTICE.txt").read_text() == "names-sdk 2.1 from Names\n"
    # A configured target has no project: the template is named in a note, not skipped in silence.
    config = tmp_path / "pyproject.toml"
    shutil.copy(DATA / "names.openapi.yaml", tmp_path / "names.openapi.yaml")
    config.write_text('[[tool.ionqkit.generate.targets]]\nspec = "names.openapi.yaml"\npackage = "names"\n')
    code, out, _ = cli("generate", "--config", config, "--templates", templates)
    assert code == 0
    assert "note: project template(s) NOTICE.txt.jinja not rendered" in out
    assert not (tmp_path / "generated" / "NOTICE.txt").exists()
    manifest = json.loads((tmp_path / "generated" / "names" / "MANIFEST.json").read_text())
    assert "project" not in manifest and "runtime" not in manifest["inputs"]


def test_a_template_may_not_write_what_the_generator_writes(cli: CliRun, tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "models.py.jinja").write_text("X = 1\n")
    code, _, err = cli(
        "generate", "--spec", DATA / "names.openapi.yaml", "--out", tmp_path / "o", "--package", "names_sdk",
        "--templates", templates,
    )  # fmt: skip
    assert code == 2
    assert f"error: {templates / 'models.py.jinja'}: template models.py.jinja would write models.py" in err
    assert not (tmp_path / "o").exists()


@pytest.fixture
def renamed_templates(tmp_path: Path) -> Iterator[Path]:
    """A template folder that renames the client classes and brings its own project files."""
    folder = tmp_path / "flavour"
    folder.mkdir()
    client = (TEMPLATES_DIR / "client.py.jinja").read_text()
    client = client.replace("{{ prefix }}Client(", "{{ prefix }}NamesAPI(")
    client = client.replace("client: {{ prefix }}Client)", "client: {{ prefix }}NamesAPI)")
    client = client.replace(
        '__all__ = ["AsyncClient", "AsyncClientWithRawResponse", "Client", ', "__all__ = ["
    )
    client = client.replace(
        '"ClientWithRawResponse"]', '"AsyncNamesAPI", "ClientWithRawResponse", "NamesAPI"]'
    )
    assert client.count("NamesAPI") >= 4
    (folder / "client.py.jinja").write_text(client)
    (folder / "__init__.py.jinja").write_text(
        '"""{{ api.title }}, our way."""\n\nfrom . import models\n'
        "from .client import AsyncNamesAPI, NamesAPI\n\n"
        '__all__ = ["AsyncNamesAPI", "NamesAPI", "models"]\n'
    )
    pyproject = (TEMPLATES_DIR / "pyproject.toml.jinja").read_text()
    (folder / "pyproject.toml.jinja").write_text(
        pyproject.replace("{{ project.name | toml }}", '"our-names"')
    )
    yield folder


@pytest.mark.slow
def test_a_renamed_client_and_own_pyproject_give_an_importable_installable_package(
    cli: CliRun, tmp_path: Path, renamed_templates: Path
) -> None:
    out = tmp_path / "out"
    standalone(cli, out, "--templates", renamed_templates)
    assert (out / "names_sdk" / "__init__.py").read_text().startswith('"""Names, our way."""')
    probe = "import names_sdk as n; print(n.NamesAPI.__name__, n.AsyncNamesAPI(api_key='k' * 20).API_VERSION)"
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=out, capture_output=True, text=True, check=False
    )
    assert result.stdout.split() == ["NamesAPI", "v2.1"], result.stderr
    # Installable: the build backend makes a wheel of it, named by the user's pyproject.toml.
    assert build_wheel(out, tmp_path / "wheels").name == "our_names-2.1-py3-none-any.whl"


def test_shared_runtime_writes_the_package_alone_on_ionqkits_runtime(cli: CliRun, tmp_path: Path) -> None:
    out = tmp_path / "out"
    for name in ("first", "second"):  # several packages may share one folder: no project files
        code, _, err = cli(
            "generate", "--spec", DATA / "names.openapi.yaml", "--out", out, "--package", name, "-q",
            "--shared-runtime",
        )  # fmt: skip
        assert code == 0, err
    assert sorted(p.name for p in out.iterdir()) == ["first", "second"]
    package = out / "first"
    assert not (package / "_runtime").exists()
    assert "from ionqkit.runtime import" in (package / "client.py").read_text()
    command = "ionqkit generate --spec names.openapi.yaml --shared-runtime --out . --package first"
    assert command in " ".join((package / "__init__.py").read_text().split())
    recorded = json.loads((package / "MANIFEST.json").read_text())
    assert "project" not in recorded and "runtime" not in recorded["inputs"]


def test_the_bundled_clients_share_ionqkits_runtime(repo: Path) -> None:
    for package in ("ionq_v0_4", "ionq_v0_3"):
        folder = repo / "generated" / package
        assert "from ionqkit.runtime import" in (folder / "client.py").read_text()
        assert not (folder / "_runtime").exists()
        assert "project" not in json.loads((folder / "MANIFEST.json").read_text())
