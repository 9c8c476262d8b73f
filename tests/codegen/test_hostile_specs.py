"""A valid spec full of hostile strings and names generates code that compiles, type-checks, and
carries those strings only as inert data."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

PAYLOAD = "__import__('pathlib').Path('PWNED').touch()"
NASTY = [
    '"""',
    "'''",
    "back\\slash \\n \\x00 \\N{BELL}",
    "line one\nline two\r\nthree",
    "{{ 7*7 }} {% if true %}x{% endif %} {# c #}",
    f'"; {PAYLOAD}; "',
    f"'); {PAYLOAD} #",
    "ünïcödé ☃ 𝔘 \u202e rtl",
]


def hostile_spec() -> dict[str, Any]:
    text = " | ".join(NASTY)
    names = "class from import type id fooBar foo_bar 1q self model_config schema json __init__ a-b None True"
    properties: dict[str, Any] = {
        name: {"type": "string", "description": text, "example": text} for name in [*names.split(), "a b"]
    }
    properties["choice"] = {"$ref": "#/components/schemas/Choice"}
    properties["with_default"] = {"type": "string", "default": NASTY[0] + NASTY[4]}
    schemas: dict[str, Any] = {
        "Thing": {"type": "object", "title": text, "description": text, "properties": properties},
        "Choice": {"type": "string", "enum": [*NASTY, "mro", "None", "True", "", "0start"]},
        "class": {"type": "object", "properties": {"x": {"type": "integer"}}},
        "list": {"type": "string"},
        "Foo-Bar": {"type": "object", "properties": {"a": {"type": "integer"}}},
        "Foo_Bar": {"type": "object", "properties": {"b": {"type": "integer"}}},
        "BaseModel": {"type": "object", "properties": {"c": {"type": "boolean"}}},
        "Ünïcödé": {"type": "object", "properties": {"d": {"type": "number"}}},
        "123abc": {"type": "object", "properties": {"e": {"type": "string"}}},
    }
    parameters = [
        {"name": name, "in": "query", "schema": {"type": "string"}, "description": text}
        for name in ("from", "self", "body", "1q", "a-b", "timeout")
    ]
    path_id = {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}
    ok = {
        "description": text,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}},
    }
    return {
        "openapi": "3.0.3",
        "info": {"title": f"Evil {text}", "version": NASTY[2], "description": text},
        "servers": [{"url": "https://example.invalid/'\"{{x}}"}],
        "paths": {
            "/things/{id}/'\"\\q": {
                "parameters": [path_id],
                "get": {
                    "operationId": "class",
                    "summary": text,
                    "parameters": parameters,
                    "responses": {"200": ok},
                },
                "post": {
                    "operationId": "import-thing",
                    "requestBody": {
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/class"}}}
                    },
                    "responses": {"201": ok},
                },
            },
            "/__init__": {"get": {"operationId": "__init__", "responses": {"200": ok}}},
            "/close": {"get": {"operationId": "close", "responses": {"200": ok}}},
        },
        "components": {"schemas": schemas},
    }


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from ionqkit.cli import main

    root = tmp_path_factory.mktemp("hostile")
    spec = root / "evil.json"
    spec.write_text(json.dumps(hostile_spec(), ensure_ascii=False), encoding="utf-8")
    assert main(["generate", "--spec", str(spec), "--out", str(root / "out"), "--package", "evil", "-q"]) == 0
    return root / "out"


def test_generated_code_compiles_and_passes_mypy_strict(generated: Path) -> None:
    for source in (generated / "evil").glob("*.py"):
        compile(source.read_bytes(), str(source), "exec")
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "evil"],
        cwd=generated, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout


def test_hostile_strings_stay_data_and_nothing_runs(generated: Path, tmp_path: Path) -> None:
    probe = """
import json, sys
from evil import models
choice = [m.value for m in models.Choice]
data = {"class": "x", "1q": "y", "fooBar": "a", "foo_bar": "b", "choice": choice[5]}
thing = models.Thing.model_validate(data)
print(json.dumps({"choice": choice, "dump": thing.model_dump(mode="json", by_alias=True, exclude_unset=True),
                  "default": models.Thing().with_default}))
"""
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=tmp_path, env={"PYTHONPATH": str(generated)},
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert not (tmp_path / "PWNED").exists()
    assert not (generated / "PWNED").exists()
    out = json.loads(result.stdout)
    assert out["choice"][: len(NASTY)] == NASTY
    assert out["dump"] == {"class": "x", "1q": "y", "fooBar": "a", "foo_bar": "b", "choice": NASTY[5]}
    assert out["default"] == NASTY[0] + NASTY[4]


def test_colliding_and_reserved_schema_names_get_distinct_classes(generated: Path) -> None:
    text = (generated / "evil" / "models.py").read_text(encoding="utf-8")
    for name in (
        "class FooBar(",
        "class FooBar2(",
        "class BaseModelModel(",
        "class Class(",
        "class List(",
    ):
        assert name in text
