"""`ionqkit generate`: incremental, checkable, deterministic, atomic, and loud on bad input."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from ionqkit.codegen import manifest, writer
from ionqkit.pausepoints import POINTS
from ionqkit.spec import tempentries
from tests.hardening.pausing import paused, wait_for_exit

DATA = Path(__file__).parent / "data"
CliRun = Callable[..., tuple[int, str, str]]


def tree_digest(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts
    }


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project with one target: specs/mini.openapi.yaml -> generated/mini."""
    (tmp_path / "specs").mkdir()
    shutil.copy(DATA / "mini.openapi.yaml", tmp_path / "specs" / "mini.openapi.yaml")
    (tmp_path / "pyproject.toml").write_text(
        '[[tool.ionqkit.generate.targets]]\nspec = "specs/mini.openapi.yaml"\npackage = "mini"\n'
    )
    return tmp_path


def generate(cli: CliRun, project: Path, *args: str) -> tuple[int, str, str]:
    return cli("generate", "--config", project / "pyproject.toml", *args)


def test_second_run_is_a_no_op_that_changes_no_byte(cli: CliRun, project: Path) -> None:
    code, out, _ = generate(cli, project)
    assert code == 0
    assert "regenerated mini" in out
    package = project / "generated" / "mini"
    before = tree_digest(package)
    mtimes = {p: p.stat().st_mtime_ns for p in package.iterdir()}
    code, out, _ = generate(cli, project)
    assert (code, out.strip()) == (0, "all 1 package(s) up to date")
    assert tree_digest(package) == before
    assert {p: p.stat().st_mtime_ns for p in package.iterdir()} == mtimes
    # spec.snapshot.json and CHANGES.md: what regeneration diffs against, and its record
    assert set(before) == {
        "MANIFEST.json",
        "__init__.py",
        "client.py",
        "models.py",
        "py.typed",
        "spec.snapshot.json",
        "CHANGES.md",
    }


def test_check_lists_an_edited_file_and_an_edited_spec(cli: CliRun, project: Path) -> None:
    generate(cli, project)
    models = project / "generated" / "mini" / "models.py"
    models.write_text(models.read_text() + "\n# local change\n")
    code, _, err = generate(cli, project, "--check")
    assert code == 1
    assert "stale: mini/models.py (edited)" in err
    assert models.read_text().endswith("# local change\n"), "--check changes nothing"

    generate(cli, project)  # repairs the edited file
    assert generate(cli, project, "--check")[0] == 0
    spec = project / "specs" / "mini.openapi.yaml"
    spec.write_text(spec.read_text().replace("enum: [small, large]", "enum: [small, large, huge]"))
    code, _, err = generate(cli, project, "--check")
    assert code == 1
    assert "mini (inputs changed: spec)" in err
    generate(cli, project, "--allow-breaking")  # a new enum value is a breaking change for readers
    assert "HUGE = " in models.read_text()


def test_output_is_byte_identical_across_runs_and_folders(cli: CliRun, repo: Path, tmp_path: Path) -> None:
    spec = repo / "specs" / "ionq-v0.4.openapi.yaml"
    overlay = repo / "specs" / "overlays" / "ionq-v0.4.overlay.yaml"
    for name in ("one", "two"):
        code, _, err = cli(
            "generate", "--spec", spec, "--overlay", overlay, "--out", tmp_path / name, "--package", "p"
        )
        assert code == 0, err
    assert tree_digest(tmp_path / "one" / "p") == tree_digest(tmp_path / "two" / "p")


def recorded_inputs(folder: Path) -> set[str]:
    recorded = manifest.read(folder)
    assert recorded is not None
    return set(recorded["inputs"])


@pytest.mark.slow
def test_only_a_package_with_lint_facts_takes_the_catalog_as_an_input(
    cli: CliRun, repo: Path, project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ionqkit.codegen import generate as generate_module

    catalog = project / "backends.yaml"  # a copy to edit: the package's own is shared
    shutil.copy(generate_module.CATALOG, catalog)
    monkeypatch.setattr(generate_module, "CATALOG", catalog)
    shutil.copy(repo / "specs" / "ionq-v0.4.openapi.yaml", project / "specs")
    config = project / "pyproject.toml"
    config.write_text(
        config.read_text()
        + '[[tool.ionqkit.generate.targets]]\nspec = "specs/ionq-v0.4.openapi.yaml"\npackage = "v04"\n'
    )
    assert generate(cli, project, "-q")[0] == 0
    standalone = ("generate", "--spec", project / "specs" / "ionq-v0.4.openapi.yaml", "--out", project / "sa")
    code, _, err = cli(*standalone, "--package", "sa", "-q")
    assert code == 0, err
    assert "catalog" in recorded_inputs(project / "generated" / "v04")
    assert "catalog" not in recorded_inputs(project / "generated" / "mini")
    assert "catalog" not in recorded_inputs(project / "sa" / "sa")
    assert (project / "generated" / "v04" / "lint_facts.json").is_file()
    assert not (project / "sa" / "sa" / "lint_facts.json").exists()  # a standalone project has no linter
    catalog.write_text(catalog.read_text() + "# edited\n")
    code, _, err = generate(cli, project, "--check")
    assert code == 1
    assert "v04 (inputs changed: catalog)" in err and "mini" not in err
    assert cli(*standalone, "--package", "sa", "--check")[0] == 0


def test_committed_generated_code_matches_specs_and_generator(cli: CliRun, repo: Path) -> None:
    code, _, err = cli("generate", "--check", "--config", repo / "pyproject.toml")
    assert code == 0, f"generated/ is stale; run `make generate`:\n{err}"


# Every point of a run, from the lock to the swap (src/ionqkit/pausepoints.py).
RUN_POINTS = [p for p in POINTS if p.startswith(("generate:", "stage:", "swap:"))]


def our_entries(folder: Path) -> list[str]:
    return sorted(name for name in os.listdir(folder) if tempentries.parse(name) is not None)


@pytest.fixture
def generated_mini(cli: CliRun, project: Path) -> list[str]:
    """The project generated once; the command that generates it (in a new process)."""
    assert generate(cli, project)[0] == 0
    return [sys.executable, "-m", "ionqkit", "generate", "--config", str(project / "pyproject.toml")]


@pytest.mark.parametrize("point", RUN_POINTS)
def test_a_killed_run_leaves_old_or_new_output_never_a_mix(
    cli: CliRun, project: Path, generated_mini: list[str], point: str
) -> None:
    package = project / "generated" / "mini"
    with paused([*generated_mini[3:], "--force"], point) as run:
        helpers = run.children()  # the model renderer, if it has been started
        run.kill()
    # Helper processes of a killed run (the model renderer) finish on their own instead of lingering.
    assert wait_for_exit(helpers) == []
    recorded = manifest.read(package)
    if point == "swap:old-moved":  # killed between the renames: the old package is aside, whole
        assert recorded is None
        assert sorted(filter(None, map(tempentries.parse, our_entries(package.parent)))) == [
            (tempentries.BACKUP_PREFIX, "mini"),
            (tempentries.TEMP_PREFIX, "mini"),
        ]
    else:
        assert recorded is not None, f"no complete package after a kill at {point}"
        files = {k: v for k, v in tree_digest(package).items() if k != "MANIFEST.json"}
        assert files == recorded["outputs"], f"package is a mix of two runs after a kill at {point}"
    code, _, err = generate(cli, project)  # the next run restores what a kill left half done
    assert code == 0, err
    recorded = manifest.read(package)
    assert recorded is not None
    assert {k: v for k, v in tree_digest(package).items() if k != "MANIFEST.json"} == recorded["outputs"]
    assert our_entries(package.parent) == []


@pytest.mark.parametrize(
    "point",
    ["generate:locked", "generate:renderer-started", "stage:writing", "swap:old-moved", "swap:new-in-place"],
)
def test_ctrl_c_stops_a_run_with_one_line_and_exit_130(
    project: Path, generated_mini: list[str], point: str
) -> None:
    package = project / "generated" / "mini"
    before = tree_digest(package)
    # Ctrl-C in a terminal signals the whole process group: the parent and its helper.
    with paused([*generated_mini[3:], "--force"], point, new_session=True) as run:
        helpers = run.children()
        code, err = run.interrupt()
    assert (code, err) == (130, "interrupted\n")
    # The same bytes (--force regenerates what is there): an interrupted run leaves no mix, no
    # missing package and nothing of its own behind.
    assert tree_digest(package) == before
    assert our_entries(package.parent) == []
    assert wait_for_exit(helpers) == []


def test_recover_restores_a_package_whose_swap_was_interrupted(tmp_path: Path) -> None:
    backup = tmp_path / tempentries.new_name(tempentries.BACKUP_PREFIX, "pkg")
    backup.mkdir()
    (backup / "models.py").write_text("old = 1\n")
    _, fd = tempentries.create_folder(tmp_path, "pkg")  # a staging folder its run left behind
    os.close(fd)
    assert writer.recover(tmp_path) == ["restored pkg from an interrupted run"]
    assert (tmp_path / "pkg" / "models.py").read_text() == "old = 1\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pkg"]


@pytest.mark.parametrize(
    ("spec_text", "expected"),
    [
        ("openapi: 3.0.3\ninfo: [\n", "mini.openapi.yaml:3:1: not valid YAML/JSON"),
        (
            "openapi: 3.0.3\ninfo: {title: a, version: b}\ninfo: {title: c}\npaths: {}\n",
            "mini.openapi.yaml:3:1",
        ),
        (
            "openapi: 3.0.3\ninfo: {title: a}\npaths: {}\n",
            "mini.openapi.yaml:2:1: not a valid OpenAPI 3.0.3 document",
        ),
        (
            "openapi: 3.0.3\ninfo: {title: a, version: b}\npaths: {}\ncomponents:\n  schemas:\n"
            "    A: {$ref: '#/components/schemas/B'}\n",
            "mini.openapi.yaml:6:9: $ref '#/components/schemas/B' does not resolve",
        ),
        (
            "openapi: 3.0.3\ninfo: {title: a, version: b}\npaths: {}\ncomponents:\n  schemas:\n"
            "    A: {$ref: '#/components/schemas/B'}\n    B: {$ref: '#/components/schemas/A'}\n",
            "circular $ref chain",
        ),
        ("swagger: '2.0'\n", "Swagger 2.0 is not supported"),
        ("title: x\n", "neither an OpenAPI document"),
        ("just text\n", "expected a mapping at the top"),
    ],
)
def test_bad_spec_is_a_located_error_and_leaves_output_untouched(
    cli: CliRun, project: Path, spec_text: str, expected: str
) -> None:
    generate(cli, project)
    before = tree_digest(project / "generated")
    (project / "specs" / "mini.openapi.yaml").write_text(spec_text)
    code, out, err = generate(cli, project)
    assert code == 2
    assert expected in err
    assert "Traceback" not in err + out
    assert tree_digest(project / "generated") == before


def test_usage_errors_exit_2(cli: CliRun, tmp_path: Path) -> None:
    assert cli("generate", "--spec", tmp_path / "x.yaml")[0] == 2
    code, _, err = cli("generate", "--spec", tmp_path / "missing.yaml", "--out", tmp_path, "--package", "p")
    assert (code, "no such file" in err) == (2, True)
    code, _, err = cli("generate", "--spec", tmp_path / "x.yaml", "--out", tmp_path, "--package", "Bad-Name")
    assert (code, "not a lowercase Python identifier" in err) == (2, True)
    code, _, err = cli("generate", "--config", tmp_path / "pyproject.toml")
    assert (code, "no pyproject.toml here" in err) == (2, True)


def test_generic_mode_on_the_upstream_spec_gives_importable_typed_models(
    cli: CliRun, shared: Path, tmp_path: Path
) -> None:
    spec = shared / "reference" / "ionq-v0.4-2026-05.openapi.yml"
    code, _, err = cli("generate", "--spec", spec, "--out", tmp_path, "--package", "ionq_x", "-q")
    assert code == 0, err
    env = {**os.environ, "PYTHONPATH": str(tmp_path)}
    probe = (
        "import ionq_x.models as m; print(m.JobCreationPayload.model_validate({'type': 'ionq.circuit.v1',"
        " 'backend': 'simulator', 'input': {'gateset': 'qis', 'circuit': []}}).root.type)"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=False
    )
    assert result.stdout.strip() == "ionq.circuit.v1", result.stderr
    typed = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "ionq_x"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert typed.returncode == 0, typed.stdout


def test_with_several_targets_one_bad_spec_writes_nothing_and_keeps_its_location(
    cli: CliRun, project: Path
) -> None:
    shutil.copy(project / "specs" / "mini.openapi.yaml", project / "specs" / "other.openapi.yaml")
    with (project / "pyproject.toml").open("a") as config:
        config.write(
            '[[tool.ionqkit.generate.targets]]\nspec = "specs/other.openapi.yaml"\npackage = "other"\n'
        )
    other = project / "specs" / "other.openapi.yaml"
    other.write_text(other.read_text().replace("enum: [small, large]", "enum: [small, large]\n      type: 7"))
    code, _, err = generate(cli, project)
    assert code == 2
    assert "other.openapi.yaml:" in err and "Traceback" not in err
    assert not (project / "generated").exists() or not any((project / "generated").iterdir())
