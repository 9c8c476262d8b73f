"""One `$ref` resolver and one JSON-pointer escaper (issue 11).

Every part that follows a `$ref` chain (codegen's IR builder, the linter's spec facts, the differ)
goes through ionqkit.spec.refs, so the chain limit, the cycle check and the error located at the
reference are the same everywhere; and JSON-pointer tokens are escaped by the loader's helpers only.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from typing import Any

import pytest

from ionqkit.codegen.build_ir import build_ir
from ionqkit.errors import SpecError
from ionqkit.spec.inputs import MAX_REF_CHAIN
from ionqkit.validators.specdata import spec_facts

REPO = Path(__file__).resolve().parents[2]


def chain(length: int) -> dict[str, Any]:
    """Schemas S0 -> S1 -> ... -> S<length> of bare $refs, ending at an object."""
    schemas: dict[str, Any] = {f"S{i}": {"$ref": f"#/components/schemas/S{i + 1}"} for i in range(length)}
    schemas[f"S{length}"] = {"type": "object", "properties": {"a": {"type": "string"}}}
    return schemas


def api_with(schemas: dict[str, Any]) -> dict[str, Any]:
    """An API with one operation whose query parameter's schema is S0 (the builder derefs it)."""
    param = {"name": "q", "in": "query", "schema": {"$ref": "#/components/schemas/S0"}}
    return {
        "openapi": "3.0.3",
        "info": {"title": "t", "version": "1"},
        "paths": {"/x": {"get": {"operationId": "get_x", "parameters": [param], "responses": {}}}},
        "components": {"schemas": schemas},
    }


def build(schemas: dict[str, Any]) -> None:
    build_ir(
        api_with(schemas),
        package="p",
        kind="openapi",
        spec_name="spec.yaml",
        spec_sha256="0" * 64,
        schema_names={name: name for name in schemas},
    )


def test_the_ir_builder_refuses_a_ref_cycle_it_used_to_stop_in_silently() -> None:
    with pytest.raises(SpecError, match="circular \\$ref chain"):
        build({"S0": {"$ref": "#/components/schemas/S1"}, "S1": {"$ref": "#/components/schemas/S0"}})


def test_the_ir_builder_follows_chains_up_to_the_shared_limit_and_no_further() -> None:
    build(chain(MAX_REF_CHAIN - 1))
    with pytest.raises(SpecError, match=f"longer than {MAX_REF_CHAIN} references"):
        build(chain(MAX_REF_CHAIN))


def test_the_linter_spec_facts_use_the_shared_limit_and_name_the_facts() -> None:
    facts = spec_facts("v0.4")
    chain = {f"#/components/schemas/S{i}": {"$ref": f"#/components/schemas/S{i + 1}"} for i in range(40)}
    odd = dataclasses.replace(facts, definitions={**chain, "#/components/schemas/S40": {"type": "object"}})
    assert odd.resolve({"$ref": f"#/components/schemas/S{40 - MAX_REF_CHAIN + 1}"}) == {"type": "object"}
    with pytest.raises(SpecError, match=f"longer than {MAX_REF_CHAIN} references") as caught:
        odd.resolve({"$ref": "#/components/schemas/S0"})
    assert caught.value.file == facts.source


INLINE_ESCAPE = re.compile(r"""replace\(\s*["']~[01]?["']\s*,\s*["'](~[01]|/|~)["']\s*\)""")


def test_no_module_escapes_json_pointer_tokens_by_hand() -> None:
    """Only ionqkit.spec.pointers writes `~0`/`~1` (escape_pointer_token, unescape_pointer_token)."""
    folders = ("src/ionqkit/spec", "src/ionqkit/diff", "src/ionqkit/migrate", "src/ionqkit/runtime")
    files = [
        p
        for f in ("codegen", "validators", "tests", "fuzz", "tools", "bench", *folders)
        for p in (REPO / f).rglob("*.py")
    ]
    found = [
        f"{path.relative_to(REPO)}:{text[: m.start()].count(chr(10)) + 1}"
        for path in files
        if path != REPO / "src/ionqkit/spec/pointers.py" and path != Path(__file__)
        for text in [path.read_text(encoding="utf-8")]
        for m in INLINE_ESCAPE.finditer(text)
    ]
    assert found == []
