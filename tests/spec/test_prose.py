"""spec/prose.py: upstream prose out, everything else kept, and what was taken out reported by pointer."""

from __future__ import annotations

from typing import Any

from ionqkit.spec.prose import reason_phrase, strip_prose

SPEC: dict[str, Any] = {
    "openapi": "3.0.3",
    "info": {"title": "T", "version": "1", "description": "*Last updated: today*"},
    "paths": {
        "/things": {
            "description": "path item prose",
            "parameters": [
                {"name": "q", "in": "query", "description": "param prose", "schema": {"type": "string"}}
            ],
            "post": {
                "summary": "op summary",
                "requestBody": {
                    "description": "body prose",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}},
                },
                "responses": {
                    "201": {"description": "Created"},
                    "418": {"description": "Upstream's teapot prose"},
                },
            },
        }
    },
    "components": {
        "schemas": {
            "Thing": {
                "type": "object",
                "description": "schema prose",
                "properties": {
                    # A property *named* description is data, and so is a `summary` member of a schema.
                    "description": {"type": "string", "description": "prose about the property"},
                    "summary": {"type": "string"},
                },
                "example": {"description": "example data, kept"},
            }
        },
        "responses": {"Oops": {"description": "Something went wrong"}},
    },
}


def test_prose_goes_structure_and_data_named_description_stay() -> None:
    stripped = strip_prose(SPEC)
    data = stripped.data
    assert data["info"] == {"title": "T", "version": "1"}
    item = data["paths"]["/things"]
    assert "description" not in item and "description" not in item["parameters"][0]
    operation = item["post"]
    assert "summary" not in operation and "description" not in operation["requestBody"]
    assert operation["responses"] == {
        "201": {"description": "Created"},
        "418": {"description": "I'm a Teapot"},
    }
    thing = data["components"]["schemas"]["Thing"]
    assert thing["properties"] == {"description": {"type": "string"}, "summary": {"type": "string"}}
    assert thing["example"] == {"description": "example data, kept"}
    assert data["components"]["responses"]["Oops"] == {"description": "Response"}
    assert SPEC["info"]["description"] == "*Last updated: today*", "the input is not changed"


def test_what_was_taken_out_is_listed_by_pointer_except_a_reason_phrase_already_in_place() -> None:
    prose = strip_prose(SPEC).prose
    assert prose == {
        "/info/description": "*Last updated: today*",
        "/paths/~1things/description": "path item prose",
        "/paths/~1things/parameters/0/description": "param prose",
        "/paths/~1things/post/summary": "op summary",
        "/paths/~1things/post/requestBody/description": "body prose",
        "/paths/~1things/post/responses/418/description": "Upstream's teapot prose",
        "/components/schemas/Thing/description": "schema prose",
        "/components/schemas/Thing/properties/description/description": "prose about the property",
        "/components/responses/Oops/description": "Something went wrong",
    }


def test_reason_phrases() -> None:
    assert (reason_phrase("200"), reason_phrase("599"), reason_phrase("default")) == (
        "OK",
        "Response",
        "Any other response",
    )
    assert reason_phrase("\u0663\u0660\u0664") == "Response"  # int() would read it as 304
