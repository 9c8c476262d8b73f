"""A mistake in a user's template is the user's: `error: TEMPLATE:LINE: cause`, exit 2, nothing
written (issue 13). Rendered code that is not Python names the generated file and line and the
template that produced it."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

MINI = Path(__file__).parent / "data" / "mini.openapi.yaml"
Cli = Callable[..., tuple[int, str, str]]


def generate(cli: Cli, tmp_path: Path, template: str, name: str = "client.py.jinja") -> tuple[int, str]:
    folder = tmp_path / "my_templates"
    folder.mkdir()
    (folder / name).write_text(template, encoding="utf-8")
    out = tmp_path / "out"
    code, _, err = cli("generate", "--spec", MINI, "--out", out, "--package", "mini", "--templates", folder)
    assert not (out / "mini").exists()  # nothing half-written
    return code, err


def one_error(code: int, err: str) -> tuple[str, int, str]:
    assert code == 2, err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    match = re.fullmatch(r"error: (.+?):(\d+)(?::\d+)?: (.*)", lines[0])
    assert match, lines[0]
    return match.group(1), int(match.group(2)), match.group(3)


@pytest.mark.parametrize(
    ("template", "line", "cause"),
    [
        ("x = 1\ny = {{ api.verison | pyrepr }}\n", 2, "has no attribute 'verison'"),
        ("x = 1\n\n\nz = {{ api.verison }}\n", 4, "has no attribute 'verison'"),
        ("{% for o in operations %}\nz = {{ o | pyrepr }}\n{% endfor %}\n", 2, "pyrepr renders strings"),
        ('x = 1\n{{ "doc" | docstring("four") }}\n', 2, "TypeError"),
        ("x = 1\n{% if %}\n", 2, "template syntax"),
    ],
    ids=["undefined-in-filter", "undefined", "filter-misuse", "filter-argument", "syntax"],
)
def test_a_template_mistake_is_located_in_the_template(
    cli: Cli, tmp_path: Path, template: str, line: int, cause: str
) -> None:
    file, at, message = one_error(*generate(cli, tmp_path, template))
    assert Path(file).resolve() == (tmp_path / "my_templates" / "client.py.jinja").resolve()
    assert at == line
    assert cause in message
    assert "internal error" not in message


def test_a_mistake_inside_a_macro_is_located_in_the_macro(cli: Cli, tmp_path: Path) -> None:
    folder = tmp_path / "my_templates"
    folder.mkdir()
    (folder / "_mine.jinja").write_text("{% macro f() %}\n{{ api.nope }}\n{% endmacro %}\n", encoding="utf-8")
    (folder / "client.py.jinja").write_text('{% import "_mine.jinja" as m %}\nx = 1\n{{ m.f() }}\n')
    out = tmp_path / "out"
    code, _, err = cli("generate", "--spec", MINI, "--out", out, "--package", "mini", "--templates", folder)
    file, at, message = one_error(code, err)
    assert (Path(file).name, at) == ("_mine.jinja", 2)
    assert "'api' is undefined" in message  # imported macros see no context


def test_invalid_rendered_python_names_the_generated_file_and_the_template(cli: Cli, tmp_path: Path) -> None:
    file, at, message = one_error(*generate(cli, tmp_path, "x = 1\ndef f(:\n    pass\n"))
    assert Path(file).resolve() == (tmp_path / "out" / "mini" / "client.py").resolve()
    assert at == 2
    assert "invalid Python rendered by template" in message
    assert "my_templates/client.py.jinja" in message


def test_a_package_template_may_not_write_models_py(cli: Cli, tmp_path: Path) -> None:
    code, err = generate(cli, tmp_path, "X = 1\n", "models.py.jinja")
    template = tmp_path / "my_templates" / "models.py.jinja"
    assert (code, err.splitlines()) == (
        2,
        [f"error: {template}: template models.py.jinja would write models.py, which ionqkit writes itself;"
         " rename the template"],
    )  # fmt: skip


def test_a_project_template_may_share_a_name_with_a_package_file(cli: Cli, tmp_path: Path) -> None:
    # CHANGES.md.jinja makes the project's CHANGES.md, beside the package: the package's own
    # CHANGES.md (the spec changes' record) is another file.
    folder = tmp_path / "my_templates"
    folder.mkdir()
    (folder / "CHANGES.md.jinja").write_text("# {{ project.name }} changes\n", encoding="utf-8")
    out = tmp_path / "out"
    code, _, err = cli("generate", "--spec", MINI, "--out", out, "--package", "mini", "--templates", folder)
    assert code == 0, err
    assert (out / "CHANGES.md").read_text(encoding="utf-8") == "# mini changes\n"
    assert (out / "mini" / "CHANGES.md").read_text(encoding="utf-8") != "# mini changes\n"
