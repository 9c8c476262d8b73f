"""Class names from the spec, never by position: inline schemas are named after their place
(stable when the spec grows elsewhere), and an override table renames any class; docstrings come
from the spec's descriptions."""

from __future__ import annotations

import ast
import re
from collections.abc import Callable
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
CliRun = Callable[..., tuple[int, str, str]]
SPEC = (DATA / "names.openapi.yaml").read_text()


def generate(cli: CliRun, tmp_path: Path, spec_text: str = SPEC, *extra: str | Path) -> tuple[int, str, str]:
    tmp_path.mkdir(parents=True, exist_ok=True)
    spec = tmp_path / "names.openapi.yaml"
    spec.write_text(spec_text)
    return cli("generate", "--spec", spec, "--out", tmp_path / "out", "--package", "names_sdk", "-q", *extra)


def classes(tmp_path: Path) -> list[str]:
    return re.findall(r"^class (\w+)", (tmp_path / "out" / "names_sdk" / "models.py").read_text(), re.M)


def test_inline_schemas_are_named_after_their_place(cli: CliRun, tmp_path: Path) -> None:
    assert generate(cli, tmp_path)[0] == 0
    names = set(classes(tmp_path))
    assert {
        "GateQisGate",
        "GateQisGateTarget",
        "Payload",
        "PayloadSettings",
        "PayloadSettingsErrorMitigation",
        "PayloadMode",
    } <= names
    assert not [n for n in names if re.search(r"\d$", n)]


def test_names_stay_when_the_spec_grows_elsewhere(cli: CliRun, tmp_path: Path) -> None:
    assert generate(cli, tmp_path / "before")[0] == 0
    before = set(classes(tmp_path / "before"))
    # A schema added first, with inline `settings` and `mode` of its own, renames nothing else
    # (datamodel-code-generator's positional names made the old ones Settings1 and Mode1).
    grown = SPEC.replace(
        "  schemas:\n",
        "  schemas:\n"
        "    Aardvark:\n      type: object\n      properties:\n"
        "        settings: {type: object, properties: {x: {type: integer}}}\n"
        "        mode: {type: string, enum: [a, b]}\n",
        1,
    )
    assert generate(cli, tmp_path / "after", grown)[0] == 0
    after = set(classes(tmp_path / "after"))
    assert before <= after
    assert after - before == {"Aardvark", "AardvarkSettings", "AardvarkMode"}


def test_the_override_table_renames_component_and_inline_classes(cli: CliRun, tmp_path: Path) -> None:
    table = tmp_path / "class-names.yaml"
    table.write_text("Gate_QisGate: QisGateInstruction\nPayloadSettings: RunSettings\n")
    code, _, err = generate(cli, tmp_path, SPEC, "--class-names", table)
    assert code == 0, err
    names = classes(tmp_path)
    assert {
        "QisGateInstruction",
        "QisGateInstructionTarget",
        "RunSettings",
        "RunSettingsErrorMitigation",
    } <= set(names)
    assert not {"GateQisGate", "PayloadSettings"} & set(names)
    client = (tmp_path / "out" / "names_sdk" / "client.py").read_text()
    assert "body: models.QisGateInstruction | Mapping[str, Any]" in client
    manifest = (tmp_path / "out" / "names_sdk" / "MANIFEST.json").read_text()
    assert '"class_names"' in manifest


def test_the_table_in_pyproject(cli: CliRun, tmp_path: Path) -> None:
    (tmp_path / "names.openapi.yaml").write_text(SPEC)
    config = tmp_path / "pyproject.toml"
    config.write_text(
        '[[tool.ionqkit.generate.targets]]\nspec = "names.openapi.yaml"\npackage = "names"\n'
        'class_names = { Gate_QisGate = "QisGateInstruction" }\n'
    )
    code, _, err = cli("generate", "--config", config, "-q")
    assert code == 0, err
    assert (
        "class QisGateInstruction(SpecModel):" in (tmp_path / "generated" / "names" / "models.py").read_text()
    )
    # Editing the table regenerates the package: it is an input.
    config.write_text(config.read_text().replace("QisGateInstruction", "QisGateOp"))
    code, _, err = cli("generate", "--config", config, "--check")
    assert (code, "inputs changed: class_names" in err) == (1, True)


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ("Gate_QisGate: qis_gate\n", "class name 'qis_gate' for 'Gate_QisGate' is not one ionqkit can write"),
        ("Gate_QisGate: Literal\n", "class name 'Literal' for 'Gate_QisGate' is not one ionqkit can write"),
        ("Gate_QisGate: Same\nPayload: Same\n", "'Payload' and 'Gate_QisGate' would both be class 'Same'"),
        (
            "Gate_QisGate: Payload\n",
            "class name 'Payload' for 'Gate_QisGate' is the class of schema 'Payload'",
        ),
        ("Nope: Yes\n", "'Nope' names no schema of this spec (nor the class of one)"),
        (  # the key named is the unmatched one, not a key it starts with
            "PayloadSettings: RunSettings\nPayloadSettingsX: Foo\n",
            "'PayloadSettingsX' names no schema of this spec (nor the class of one)",
        ),
        ("PayloadSettings: Payload\n", "class name 'Payload' is already the name of a class"),
        ("- a\n", "class names must be a mapping"),
    ],
)
def test_a_bad_table_is_a_located_error(cli: CliRun, tmp_path: Path, table: str, message: str) -> None:
    path = tmp_path / "class-names.yaml"
    path.write_text(table)
    code, out, err = generate(cli, tmp_path, SPEC, "--class-names", path)
    assert code == 2, out
    assert err.startswith(f"error: {path}"), err
    assert message in err
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    ("table", "message"),
    [
        (
            '{ Gate_QisGate = "qis_gate" }',
            "class name 'qis_gate' for 'Gate_QisGate' is not one ionqkit can write",
        ),
        ('{ Nope = "Yes" }', "'Nope' names no schema of this spec (nor the class of one)"),
        ("3", "class names must be a mapping"),
    ],
)
def test_a_bad_table_in_pyproject_names_the_target(
    cli: CliRun, tmp_path: Path, table: str, message: str
) -> None:
    (tmp_path / "names.openapi.yaml").write_text(SPEC)
    config = tmp_path / "pyproject.toml"
    config.write_text(
        '[[tool.ionqkit.generate.targets]]\nspec = "names.openapi.yaml"\npackage = "names"\n'
        f"class_names = {table}\n"
    )
    code, out, err = cli("generate", "--config", config, "-q")
    assert code == 2, out
    [line] = err.splitlines()
    assert line.startswith(f"error: {config}: tool.ionqkit.generate.targets[0].class_names"), line
    assert message in line
    assert not (tmp_path / "generated").exists()


def test_a_missing_table_file_is_exit_2_naming_it(cli: CliRun, tmp_path: Path) -> None:
    missing = tmp_path / "missing.yaml"
    code, _, err = generate(cli, tmp_path, SPEC, "--class-names", missing)
    assert (code, err.splitlines()) == (2, [f"error: {missing}: no such file"])
    assert not (tmp_path / "out").exists()


def test_docstrings_come_from_the_descriptions(cli: CliRun, tmp_path: Path) -> None:
    assert generate(cli, tmp_path)[0] == 0
    models = (tmp_path / "out" / "names_sdk" / "models.py").read_text()
    assert 'class GateQisGate(SpecModel):\n    """One gate of a circuit."""' in models
    assert 'class PayloadSettings(SpecModel):\n    """How to run it."""' in models
    # A field's attribute docstring; quotes and backslashes in the spec stay inert text.
    gate = models[models.index("class GateQisGate(") :]
    field = gate[gate.index("    gate: ") :].split("\n")
    assert field[0] == "    gate: str | None = None"
    assert ast.literal_eval(field[1].strip()) == 'The gate\'s name, say "h" \\ or """x""".'
