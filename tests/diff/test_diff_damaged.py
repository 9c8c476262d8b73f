"""Damaged specs found by `make fuzz` (fuzz/diff_target.py): diffed for what parses, with input
warnings, never a traceback."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

Cli = Callable[..., tuple[int, str, str]]


def spec(schema_type: object) -> str:
    body = {"content": {"application/json": {"schema": {"type": schema_type}}}}
    operation = {"requestBody": body, "responses": {"200": {"description": "ok"}}}
    return json.dumps(
        {"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {"/x": {"post": operation}}}
    )


@pytest.mark.parametrize("damaged", [True, 3, {"a": 1}])
def test_a_schema_type_that_is_not_a_string_or_list_is_compared_as_unknown(
    cli: Cli, tmp_path: Path, damaged: object
) -> None:
    good, bad = tmp_path / "good.json", tmp_path / "bad.json"
    good.write_text(spec("string"))
    bad.write_text(spec(damaged))
    for old, new in ((good, bad), (bad, good)):
        code, out, err = cli("diff", old, new, "--format", "json")
        assert code in (0, 1), err
        assert "Traceback" not in err and "internal error" not in err
        report = json.loads(out)
        assert any("bad.json" in warning for warning in report["input_warnings"])
