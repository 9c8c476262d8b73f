"""codegen/normalize.py's rewrites that change no meaning, only what datamodel-code-generator writes."""

from __future__ import annotations

from typing import Any

from ionqkit.codegen.normalize import drop_no_op_keywords


def test_an_open_model_with_properties_is_written_additional_properties_true() -> None:
    """`additionalProperties: {}` beside properties (two such schemas in the September 2026 v0.4 spec)
    made the generator type the extras with the deprecated `typing.Dict`, which ruff refuses in
    generated/; `true` means the same and renders as `extra="allow"` alone."""
    spec: dict[str, Any] = {
        "Open": {"type": "object", "properties": {"a": {"type": "string"}}, "additionalProperties": {}},
        "Bag": {"type": "object", "additionalProperties": {}},  # no properties: a plain dict, kept as is
        "Typed": {"type": "object", "properties": {"a": {}}, "additionalProperties": {"type": "string"}},
        "Flag": {"type": "string", "enum": ["x"], "nullable": False},
    }
    drop_no_op_keywords(spec)
    assert spec["Open"]["additionalProperties"] is True
    assert spec["Bag"]["additionalProperties"] == {}
    assert spec["Typed"]["additionalProperties"] == {"type": "string"}
    assert "nullable" not in spec["Flag"]
