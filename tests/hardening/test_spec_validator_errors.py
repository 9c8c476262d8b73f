"""A spec whose fault openapi-spec-validator reports without a location still gets a located line."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

Cli = Callable[..., tuple[int, str, str]]

DEFAULT_AGAINST_PATTERN = """\
openapi: 3.0.3
info: {title: t, version: "1"}
paths: {}
components:
  schemas:
    A:
      type: object
      properties:
        x:
          type: string
          pattern: "^a+$"
          default: "bbb"
"""


def test_a_default_that_fails_its_own_pattern_is_located_at_the_default(cli: Cli, tmp_path: Path) -> None:
    spec = tmp_path / "spec.yaml"
    spec.write_text(DEFAULT_AGAINST_PATTERN)
    code, _, err = cli("generate", "--spec", spec, "--out", tmp_path / "out", "--package", "p")
    assert code == 2, err
    assert "AttributeError" not in err and "Traceback" not in err
    errors = [line for line in err.splitlines() if line.startswith("error: ")]
    assert errors == [
        "error: spec.yaml:12:11: not a valid OpenAPI 3.0.3 document: 'bbb' does not match '^a+$' "
        "(at /components/schemas/A/properties/x/default)"
    ]
    assert not (tmp_path / "out" / "p").exists()
