"""A corpus of hostile specs: each renders models AND clients that compile, pass mypy --strict,
and run none of the injected text on import or when a client method is called."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.codegen.test_hostile_specs import hostile_spec

MARKER = "PWNED"
# Each payload creates the marker file if it is ever executed, in any quoting context.
INJECTIONS = [
    f"__import__('pathlib').Path('{MARKER}').touch()",
    f'"""; __import__("pathlib").Path("{MARKER}").touch(); """',
    f"'''; __import__('pathlib').Path('{MARKER}').touch(); '''",
    f"\\\n__import__('pathlib').Path('{MARKER}').touch()",
    f"\n__import__('pathlib').Path('{MARKER}').touch()\n",
    f"{{{{ __import__('pathlib').Path('{MARKER}').touch() }}}}",
    f"{{% set x = __import__('pathlib').Path('{MARKER}').touch() %}}",
    f"{{0.__class__.__mro__}}{{__import__('pathlib').Path('{MARKER}').touch()}}",
]
TEXT = " ".join(INJECTIONS)


def ok(schema: str) -> dict[str, Any]:
    return {
        "description": TEXT,
        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema}"}}},
    }


def spec(title: str, paths: dict[str, Any], schemas: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {
        "openapi": "3.0.3",
        "info": {"title": f"{title} {TEXT}", "version": INJECTIONS[1], "description": TEXT},
        "servers": [{"url": "https://api.invalid/v1", "description": TEXT}],
        "paths": paths,
        "components": {"schemas": schemas, **extra.pop("components", {})},
        **extra,
    }


def operations_spec() -> dict[str, Any]:
    """Injections in operation ids, summaries, parameter names and descriptions, and paths."""
    params = [
        {
            "name": name,
            "in": "query",
            "schema": {"type": "string", "default": INJECTIONS[0]},
            "description": TEXT,
        }
        for name in ("q'; x", 'q"; y', "lambda", "__class__", "client", "self", "kwargs")
    ]
    return spec(
        "Operations",
        {
            "/items": {
                "get": {
                    "operationId": INJECTIONS[0],
                    "summary": TEXT,
                    "description": TEXT,
                    "parameters": params,
                    "responses": {"200": ok("Item")},
                }
            },
            "/items/{item_id}/'\"": {
                "get": {
                    "operationId": "get\"item'\\",
                    "parameters": [
                        {"name": "item_id", "in": "path", "required": True, "schema": {"type": "string"}}
                    ],
                    "responses": {"200": ok("Item")},
                }
            },
        },
        {"Item": {"type": "object", "description": TEXT, "properties": {"id": {"type": "string"}}}},
        components={
            "securitySchemes": {"apiKey": {"type": "apiKey", "in": "header", "name": "Authorization"}}
        },
        security=[{"apiKey": []}],
    )


def values_spec() -> dict[str, Any]:
    """Injections in enum values, defaults, examples, patterns, property names and titles."""
    props: dict[str, dict[str, Any]] = {
        text: {"type": "string", "title": text, "description": text, "example": text, "default": text}
        for text in INJECTIONS
    }
    props["pattern"] = {"type": "string", "pattern": INJECTIONS[1]}
    props["choice"] = {"type": "string", "enum": INJECTIONS, "default": INJECTIONS[2]}
    props["number"] = {"type": "integer", "default": 3, "description": TEXT}
    return spec(
        "Values",
        {"/values": {"get": {"operationId": "values", "responses": {"200": ok("Values")}}}},
        {"Values": {"type": "object", "title": TEXT, "properties": props}},
    )


def unions_spec() -> dict[str, Any]:
    """Injections in discriminated unions: the tag values and the branch schema names."""
    branches = {
        f"B{i}": {
            "type": "object",
            "required": ["kind"],
            "properties": {"kind": {"type": "string", "enum": [text]}, "note": {"type": "string"}},
        }
        for i, text in enumerate(INJECTIONS[:4])
    }
    return spec(
        "Unions",
        {
            "/union": {
                "post": {
                    "operationId": "post_union",
                    "requestBody": {
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/U"}}}
                    },
                    "responses": {"200": ok("U")},
                }
            }
        },
        {**branches, "U": {"oneOf": [{"$ref": f"#/components/schemas/{name}"} for name in branches]}},
    )


CORPUS = {
    "names": hostile_spec,
    "operations": operations_spec,
    "values": values_spec,
    "unions": unions_spec,
}


@pytest.fixture(scope="module")
def packages(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from ionqkit.cli import main

    root = tmp_path_factory.mktemp("corpus")
    for name, build in CORPUS.items():
        path = root / f"{name}.json"
        path.write_text(json.dumps(build(), ensure_ascii=False), encoding="utf-8")
        code = main(
            [
                "generate",
                "--spec",
                str(path),
                "--out",
                str(root / "out"),
                "--package",
                f"evil_{name}",
                "-q",
                "--shared-runtime",
            ]  # several packages in one folder, on ionqkit.runtime: no project files
        )
        assert code == 0, name
        assert (root / "out" / f"evil_{name}" / "client.py").is_file(), f"{name}: no client rendered"
    return root / "out"


@pytest.mark.slow
def test_every_hostile_package_passes_mypy_strict(packages: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", *(f"evil_{n}" for n in CORPUS)],
        cwd=packages, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout


PROBE = """
import asyncio, importlib, inspect, json, sys
import httpx

calls = []

def answer(request):
    calls.append(str(request.url))
    return httpx.Response(200, json={})

for name in sys.argv[1:]:
    package = importlib.import_module(name)
    http = httpx.Client(transport=httpx.MockTransport(answer))
    client = package.Client("k" * 20, base_url="https://api.invalid/v1", http_client=http, validate=False)
    with client:
        for attr, method in inspect.getmembers(client, inspect.ismethod):
            if attr.startswith("_") or attr.startswith(("iter_", "wait_for")) or attr == "close":
                continue
            params = inspect.signature(method).parameters.values()
            required = {p.name: "x" for p in params if p.default is inspect.Parameter.empty}
            if "body" in required:
                required["body"] = {"kind": "x"}
            try:
                method(**required)
            except Exception:  # decoding {} may fail; what matters is that nothing ran
                pass
print(json.dumps(calls))
"""


def test_nothing_injected_runs_on_import_or_on_calling_every_client_method(
    packages: Path, tmp_path: Path
) -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROBE, *(f"evil_{n}" for n in CORPUS)],
        cwd=tmp_path, env={"PYTHONPATH": str(packages)}, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    calls = json.loads(result.stdout)
    assert len(calls) >= 5, "the probe called too few operations to prove anything"
    assert not (tmp_path / MARKER).exists()
    assert not (packages / MARKER).exists()
    assert not list(Path.cwd().glob(MARKER))


def test_injected_strings_survive_as_data(packages: Path, tmp_path: Path) -> None:
    # The inline enum of Values.choice is named after its place.
    probe = (
        "import json\nfrom evil_values import models\n"
        "print(json.dumps([m.value for m in models.ValuesChoice]))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=tmp_path, env={"PYTHONPATH": str(packages)},
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == INJECTIONS
    assert not (tmp_path / MARKER).exists()
