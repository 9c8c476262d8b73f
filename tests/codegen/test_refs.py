"""$ref checks: broken, non-local and looping references are located errors; recursion is fine."""

from __future__ import annotations

import pytest

from ionqkit.codegen.loader import load_bytes
from ionqkit.codegen.refs import check_refs, resolve
from ionqkit.errors import SpecError

SPEC = """\
components:
  schemas:
    Node:
      type: object
      properties:
        children:
          type: array
          items: {$ref: '#/components/schemas/Node'}
    Alias: {$ref: '#/components/schemas/Node'}
"""


def test_recursive_schema_is_allowed_and_chains_are_followed() -> None:
    doc = load_bytes(SPEC, name="ok.yaml")
    check_refs(doc)
    pointer, node = resolve(doc, "#/components/schemas/Alias", "/x")
    assert pointer == "/components/schemas/Node"
    assert node["type"] == "object"


def test_broken_ref_names_its_location() -> None:
    doc = load_bytes(SPEC + "    Bad:\n      $ref: '#/components/schemas/Nope'\n", name="bad.yaml")
    with pytest.raises(SpecError) as caught:
        check_refs(doc)
    assert str(caught.value).startswith("bad.yaml:11:7")
    assert "does not resolve" in str(caught.value)


def test_pure_ref_cycle_is_an_error() -> None:
    doc = load_bytes(
        "components:\n  schemas:\n"
        "    A: {$ref: '#/components/schemas/B'}\n"
        "    B: {$ref: '#/components/schemas/A'}\n",
        name="loop.yaml",
    )
    with pytest.raises(SpecError, match="circular \\$ref chain"):
        check_refs(doc)


def test_remote_refs_are_refused() -> None:
    doc = load_bytes("a: {$ref: 'https://example.com/x.yaml#/A'}\n", name="remote.yaml")
    with pytest.raises(SpecError, match="only local references"):
        check_refs(doc)
