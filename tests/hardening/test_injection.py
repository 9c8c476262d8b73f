"""Injection: a `git:` source cannot pass git an option, and a spec cannot make the generated code
import or run anything (issue 10, items 10 and 11)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

Cli = Callable[..., tuple[int, str, str]]
LOCATED = re.compile(
    r"^error: (?P<file>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<cause>.+) \(at (?P<at>/\S*)\)$"
)
ZEN = "Beautiful is better than ugly"
END_OF_OPTIONS = "--end-of-options"  # git 2.24+: every later argument is a revision or a path

SMALL_SPEC = {
    "openapi": "3.0.3",
    "info": {"title": "t", "version": "1"},
    "paths": {},
    "components": {"schemas": {"A": {"type": "object", "properties": {"a": {"type": "string"}}}}},
}


# ---- item 10: git:REV:PATH -------------------------------------------------------------------


@pytest.fixture
def git_repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository with one committed spec, as the current directory (diff runs git there)."""
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "spec.json").write_text(json.dumps(SMALL_SPEC), encoding="utf-8")
    env = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "HOME": str(tmp_path)}
    for command in (
        ["git", "init", "-q", "."],
        ["git", "add", "spec.json"],
        ["git", "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "spec"],
    ):
        subprocess.run(command, cwd=repo, env=env, check=True, capture_output=True)
    monkeypatch.chdir(repo)
    return repo


def _tree(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if ".git" not in p.parts}


@pytest.mark.parametrize(
    "source",
    [
        "git:--output=pwned:y",  # the report: git show --output=pwned writes a file
        "git:--output=pwned.txt:spec.json",
        "git:-opwned:spec.json",
        "git:HEAD:--output=pwned",
        "git:HEAD:-spec.json",
    ],
)
def test_an_option_like_git_revision_or_path_is_refused_and_git_writes_nothing(
    cli: Cli, git_repo: Path, source: str
) -> None:
    before = _tree(git_repo)
    for args in ((source, "spec.json"), ("spec.json", source)):
        code, out, err = cli("diff", *args)
        assert code == 2, err
        assert out == ""
        lines = err.splitlines()
        assert len(lines) == 1 and lines[0].startswith(f"error: {source}: a git "), err
        assert "cannot start with '-'" in lines[0]
    assert _tree(git_repo) == before  # no pwned, pwned:y, pwned.txt


def test_every_git_command_puts_end_of_options_before_the_revision(
    cli: Cli, git_repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What git is really given, recorded by a `git` first on PATH that then runs the real one."""
    real_git = shutil.which("git")
    assert real_git is not None
    shim = tmp_path / "bin"
    shim.mkdir()
    log = tmp_path / "git-argv.jsonl"
    (shim / "git").write_text(
        f"#!{sys.executable}\n"
        "import json, os, sys\n"
        f"with open({str(log)!r}, 'a') as f: f.write(json.dumps(sys.argv[1:]) + '\\n')\n"
        f"os.execv({real_git!r}, [{real_git!r}, *sys.argv[1:]])\n",
        encoding="utf-8",
    )
    (shim / "git").chmod(0o755)
    monkeypatch.setenv("PATH", f"{shim}{os.pathsep}{os.environ['PATH']}")
    code, out, err = cli("diff", "git:HEAD:spec.json", "spec.json")
    assert code == 0, err
    assert "no changes" in out
    calls = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    assert calls, "git was not run through PATH"
    for argv in calls:
        operands = [i for i, arg in enumerate(argv) if "HEAD" in arg]
        assert operands and END_OF_OPTIONS in argv, argv
        assert argv.index(END_OF_OPTIONS) < min(operands), argv


@given(st.binary(max_size=300))
@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
def test_any_git_source_reads_or_fails_with_an_input_error_and_git_writes_nothing(data: bytes) -> None:
    """The fuzz class (fuzz/git_sources.py): option-like revisions and paths, NULs, newlines."""
    from tests.devtools import dev_module

    dev_module("fuzz", "git_sources").one_source(
        data
    )  # raises if git wrote a file; any error but an IonqkitError propagates


def test_a_git_command_line_is_never_built_from_an_unchecked_operand() -> None:
    from ionqkit.diff import gitcmd

    assert gitcmd.git_command("show", "HEAD:x") == ["git", "show", "--end-of-options", "HEAD:x"]
    with pytest.raises(ValueError, match="unchecked"):
        gitcmd.git_command("show", "--output=x")


# ---- item 11: spec keywords that would choose Python for the generated code ---------------------

EVIL_MODULE = """\
import pathlib
pathlib.Path({marker!r}).touch()
class T(str):
    pass
class Base:
    pass
"""


def openapi(schemas: dict[str, Any], version: str = "3.1.0") -> dict[str, Any]:
    return {
        "openapi": version,
        "info": {"title": "t", "version": "1"},
        "paths": {},
        "components": {"schemas": schemas},
    }


def prop(schema: dict[str, Any]) -> dict[str, Any]:
    return {"A": {"type": "object", "properties": {"a": schema}}}


# Before this fix each spec generated code that imports `evilmod` (or `this`) or that the spec
# shaped, or (the $dynamicRef) made the generator fetch a document. The pointer is where the
# refusal must point.
CASES: dict[str, tuple[dict[str, Any], str]] = {
    "x-python-type (the issue's this.s), OpenAPI 3.0": (
        openapi(prop({"type": "string", "x-python-type": "this.s"}), "3.0.3"),
        "/components/schemas/A/properties/a/x-python-type",
    ),
    "x-python-type, OpenAPI 3.1": (
        openapi(prop({"type": "string", "x-python-type": "evilmod.T"})),
        "/components/schemas/A/properties/a/x-python-type",
    ),
    "x-python-type, JSON Schema": (
        {
            "title": "Root",
            "type": "object",
            "properties": {"a": {"type": "string", "x-python-type": "evilmod.T"}},
        },
        "/properties/a/x-python-type",
    ),
    "x-python-import": (
        openapi(
            {
                "R": {"type": "object", "x-python-import": {"module": "evilmod", "name": "T"}},
                **prop({"$ref": "#/components/schemas/R"}),
            },
            "3.0.3",
        ),
        "/components/schemas/R/x-python-import",
    ),
    "customTypePath": (
        openapi(prop({"type": "string", "customTypePath": "evilmod.T"})),
        "/components/schemas/A/properties/a/customTypePath",
    ),
    "customBasePath": (
        openapi(
            {
                "A": {
                    "type": "object",
                    "customBasePath": "evilmod.Base",
                    "properties": {"a": {"type": "string"}},
                }
            }
        ),
        "/components/schemas/A/customBasePath",
    ),
    "customBasePath, a list": (
        openapi({"A": {"type": "object", "customBasePath": ["evilmod.Base"], "properties": {}}}),
        "/components/schemas/A/customBasePath",
    ),
    "x-python-type hidden in an example, reached by $ref": (
        {
            **openapi({}, "3.0.3"),
            "components": {
                "examples": {"E": {"value": {"type": "string", "x-python-type": "evilmod.T"}}},
                "schemas": prop({"$ref": "#/components/examples/E/value"}),
            },
        },
        "/components/examples/E/value/x-python-type",
    ),
    "x-enum-varnames, not an identifier": (
        openapi(
            {
                "E": {
                    "type": "string",
                    "enum": ["a", "b"],
                    "x-enum-varnames": ["ok", "x = __import__('evilmod')"],
                }
            }
        ),
        "/components/schemas/E/x-enum-varnames/1",
    ),
    "x-enum-varnames, a dunder": (
        openapi({"E": {"type": "string", "enum": ["a"], "x-enum-varnames": ["__init__"]}}, "3.0.3"),
        "/components/schemas/E/x-enum-varnames/0",
    ),
    "x-enumNames, not an identifier": (
        openapi({"E": {"type": "string", "enum": ["a"], "x-enumNames": ["import evilmod"]}}),
        "/components/schemas/E/x-enumNames/0",
    ),
    "x-is-classvar": (
        openapi(prop({"type": "string", "default": "x", "x-is-classvar": True}), "3.0.3"),
        "/components/schemas/A/properties/a/x-is-classvar",
    ),
    "x-is-base-class": (
        openapi({"A": {"type": "object", "x-is-base-class": True, "properties": {}}}, "3.0.3"),
        "/components/schemas/A/x-is-base-class",
    ),
    "x-enum-field-as-literal": (
        openapi(prop({"type": "string", "enum": ["p", "q"], "x-enum-field-as-literal": True}), "3.0.3"),
        "/components/schemas/A/properties/a/x-enum-field-as-literal",
    ),
    "x-datamodel-code-generator-read-as-const": (
        openapi(
            prop({"type": "string", "enum": ["p"], "x-datamodel-code-generator-read-as-const": True}), "3.0.3"
        ),
        "/components/schemas/A/properties/a/x-datamodel-code-generator-read-as-const",
    ),
    "$dynamicRef to another document (the generator would fetch it)": (
        {
            "title": "Root",
            "type": "object",
            "properties": {"a": {"$dynamicRef": "http://127.0.0.1:9/evil.json#m"}},
        },
        "/properties/a/$dynamicRef",
    ),
}


class Probe:
    """Generate a spec into a fresh folder and import what was generated in a new interpreter,
    with `evilmod` (which creates a marker file when imported) on its path."""

    def __init__(self, root: Path, cli: Cli) -> None:
        self.root = root
        self.cli = cli
        self.mods = root / "mods"
        self.mods.mkdir()
        self.marker = root / "IMPORTED"
        (self.mods / "evilmod.py").write_text(EVIL_MODULE.format(marker=str(self.marker)), encoding="utf-8")
        self.out = root / "out"

    def generate(self, spec_name: str, text: str) -> tuple[int, str]:
        spec = self.root / spec_name
        spec.write_text(text, encoding="utf-8")
        code, _, err = self.cli("generate", "--spec", spec, "--out", self.out, "--package", "p", "-q")
        return code, err

    def import_generated(self, folder: Path) -> tuple[str, list[str], str | None]:
        """Import every module of package `p` in `folder`: (what the import printed, which of
        `this`/`evilmod` got loaded, the import's error if it failed part way)."""
        probe = (
            "import importlib, json, pkgutil, sys\n"
            "error = None\n"
            "try:\n"
            "    import p\n"
            "    for m in pkgutil.iter_modules(p.__path__): importlib.import_module('p.' + m.name)\n"
            "except Exception as exc:\n"
            "    error = f'{type(exc).__name__}: {exc}'\n"
            "loaded = sorted(n for n in ('this', 'evilmod') if n in sys.modules)\n"
            "print(json.dumps({'loaded': loaded, 'error': error}))\n"
        )
        result = subprocess.run(
            [sys.executable, "-c", probe],
            cwd=self.root,
            env={**os.environ, "PYTHONPATH": os.pathsep.join([str(folder), str(self.mods)])},
            capture_output=True, text=True, check=False,
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
        *printed, last = result.stdout.splitlines()
        outcome = json.loads(last)
        return "\n".join(printed), outcome["loaded"], outcome["error"]


@pytest.fixture
def probe(tmp_path: Path, cli: Cli) -> Probe:
    return Probe(tmp_path, cli)


def test_the_probe_sees_an_import_of_the_marked_module(probe: Probe, tmp_path: Path) -> None:
    """The check below is only as good as its probe: a package that imports them is caught."""
    package = tmp_path / "control" / "p"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("from evilmod import T\nfrom this import s\n", encoding="utf-8")
    printed, loaded, error = probe.import_generated(package.parent)
    assert loaded == ["evilmod", "this"] and error is None
    assert ZEN in printed
    assert probe.marker.exists()


@pytest.mark.parametrize("case", list(CASES))
def test_a_generator_directive_in_a_spec_is_refused_and_nothing_is_imported(probe: Probe, case: str) -> None:
    spec, pointer = CASES[case]
    code, err = probe.generate("spec.json", json.dumps(spec))
    if (probe.out / "p").exists():  # only before the fix: show what the spec made the code do
        printed, loaded, _ = probe.import_generated(probe.out)
        assert ZEN not in printed and loaded == [] and not probe.marker.exists(), (case, loaded)
    assert code == 2, err
    lines = err.splitlines()
    assert len(lines) == 1, err
    found = LOCATED.match(lines[0])
    assert found, lines[0]
    assert found["file"].endswith("spec.json")
    assert found["at"] == pointer
    assert not (probe.out / "p").exists()
    assert not probe.marker.exists()


def test_a_valid_enum_member_name_and_inert_extensions_still_generate(probe: Probe) -> None:
    """The refusal is not of every `x-`: names that are identifiers, and extensions the generator
    does not read as code (`x-enum-descriptions`, vendor ones) are fine, even carrying code text."""
    payload = "\r__import__('evilmod')\r#"
    spec = openapi(
        {
            "E": {
                "type": "string",
                "enum": ["a", "b"],
                "x-enum-varnames": ["first", "Second_2"],
                "x-enum-descriptions": [payload, '"""' + payload],
                "x-vendor": {"x-python": payload},
            }
        },
        "3.0.3",
    )
    code, err = probe.generate("spec.json", json.dumps(spec))
    assert code == 0, err
    models = (probe.out / "p" / "models.py").read_text(encoding="utf-8")
    assert 'FIRST = "a"' in models and 'SECOND_2 = "b"' in models
    _, loaded, error = probe.import_generated(probe.out)
    assert loaded == [] and error is None and not probe.marker.exists()


def test_a_spec_file_name_cannot_put_code_into_the_models_header(probe: Probe) -> None:
    """The models' first line names the spec file in a comment; Python ends a line at a carriage
    return, so the name `x\\r<code>\\r#.json` was code in models.py."""
    code, err = probe.generate("x\r__import__('evilmod')\r#.json", json.dumps(SMALL_SPEC))
    assert code == 0, err
    header = (probe.out / "p" / "models.py").read_text(encoding="utf-8").splitlines()[0]
    assert header.startswith("# Generated by ionqkit from x\\r__import__")
    _, loaded, error = probe.import_generated(probe.out)
    assert loaded == [] and error is None and not probe.marker.exists()


def test_values_with_line_breaks_and_quotes_stay_data(probe: Probe) -> None:
    """Defaults, enum values, const and patterns are written by the generator as escaped literals
    (a guard: this holds on main too; tests/codegen/test_hostile_corpus.py covers quoting)."""
    texts = [
        "\r__import__('evilmod')\r#",
        "\x0c__import__('evilmod')",
        "\u2028__import__('evilmod')",
        "\\",
        "\x00",
    ]
    spec = openapi(
        {
            "M": {"type": "object", "properties": {"k": {"type": "string"}}},
            "A": {
                "type": "object",
                "properties": {
                    "d": {"type": "array", "items": {"type": "string"}, "default": texts},
                    "e": {"type": "string", "enum": texts, "default": texts[0]},
                    "c": {"const": texts[1]},
                    "m": {"$ref": "#/components/schemas/M", "default": {"k": texts[2]}},
                    "r": {"type": "string", "pattern": "^[\r'\"\\\\]*$", "default": "\r'\"\\"},
                },
            },
        }
    )
    code, err = probe.generate("spec.json", json.dumps(spec))
    assert code == 0, err
    _, loaded, error = probe.import_generated(probe.out)
    assert loaded == [] and error is None and not probe.marker.exists()
    # The const accepts exactly its text; every default comes back as the spec wrote it.
    dump = (
        "import json, sys\nfrom p import models\n"
        "print(json.dumps(models.A.model_validate({'c': json.loads(sys.argv[1])}).model_dump(mode='json')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", dump, json.dumps(texts[1])], cwd=probe.root,
        env={**os.environ, "PYTHONPATH": str(probe.out)},
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout)
    assert values["d"] == texts and values["e"] == texts[0] and values["m"] == {"k": texts[2]}
    assert values["c"] == texts[1]
    assert values["r"] == "\r'\"\\"
