"""$ref checks: broken, non-local and looping references are located errors; recursion is fine."""

from __future__ import annotations

import pytest

from ionqkit.errors import SpecError
from ionqkit.spec.loader import load_bytes
from ionqkit.spec.refs import check_refs, resolve

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


def spec_with_schemas(schemas: dict[str, object]) -> str:
    import json

    return json.dumps({"components": {"schemas": schemas}})


def ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def test_a_chain_of_bare_refs_longer_than_the_limit_is_refused_at_its_first_ref() -> None:
    from ionqkit.spec.inputs import MAX_REF_CHAIN

    def chain(length: int) -> str:
        schemas: dict[str, object] = {f"S{i}": ref(f"S{i + 1}") for i in range(length)}
        schemas[f"S{length}"] = {"type": "string"}
        return spec_with_schemas(schemas)

    check_refs(load_bytes(chain(MAX_REF_CHAIN), name="ok.json"))
    with pytest.raises(SpecError) as caught:
        check_refs(load_bytes(chain(10_000), name="long.json"))
    assert caught.value.pointer == "/components/schemas/S0/$ref"
    assert f"$ref chain longer than {MAX_REF_CHAIN} references" in caught.value.message
    assert "/components/schemas/S1 -> /components/schemas/S2" in caught.value.message


def test_schemas_nesting_through_refs_deeper_than_the_limit_are_refused() -> None:
    from ionqkit.spec.refs import MAX_REF_DEPTH

    def nested(length: int) -> str:
        schemas: dict[str, object] = {
            f"S{i}": {"type": "object", "properties": {"next": ref(f"S{i + 1}")}} for i in range(length)
        }
        schemas[f"S{length}"] = {"type": "string"}
        return spec_with_schemas(schemas)

    check_refs(load_bytes(nested(MAX_REF_DEPTH), name="ok.json"))
    with pytest.raises(SpecError) as caught:
        check_refs(load_bytes(nested(10_000), name="deep.json"))
    assert caught.value.pointer == "/components/schemas/S1"
    assert "schemas nest 10,000 levels deep through $refs" in caught.value.message
    assert caught.value.line == 1


def test_a_large_ring_of_mutually_recursive_schemas_counts_as_deep_as_its_members() -> None:
    # What the validators walk in one descent: S0 -> S1 -> ... -> S(n-1) -> S0 (already seen).
    def ring(size: int) -> str:
        return spec_with_schemas(
            {
                f"S{i}": {"type": "object", "properties": {"next": ref(f"S{(i + 1) % size}")}}
                for i in range(size)
            }
        )

    check_refs(load_bytes(ring(3), name="small.json"))  # a recursive type, as in SPEC above
    with pytest.raises(SpecError, match="schemas nest 5,000 levels deep"):
        check_refs(load_bytes(ring(5_000), name="ring.json"))
