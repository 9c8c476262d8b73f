"""The client layer's naming rules, on small hand-made inputs: generic path ids take the name of
their collection, `$ref` aliases collapse to the model they name (through chains), and the
docstring filter keeps Args/Returns/Raises sections while leaving spec text inert."""

from __future__ import annotations

import ast
from dataclasses import replace
from typing import Any

from ionqkit.codegen.build_ir import build_ir
from ionqkit.codegen.emit_clients import (
    client_operations,
    collapse_aliases,
    docstring,
    model_aliases,
    resource_id_names,
)
from ionqkit.codegen.ir import Parameter, TypeInfo
from tests.codegen.client_fixture import ok, operation, path, query, sample_api


def named(route: str, *params: Parameter) -> list[str]:
    op = operation("Op", "op", "get", route, ok("200", None), parameters=params)
    return [param.python_name for param in resource_id_names(op).parameters]


def test_a_generic_path_id_is_named_after_its_collection() -> None:
    assert named("/jobs/{UUID}", path("UUID", "uuid")) == ["job_id"]
    assert named("/jobs/{id}/cost", path("id", "id_")) == ["job_id"]
    assert named("/characterizations/{Id}", path("Id", "id_")) == ["characterization_id"]
    assert named("/policies/{guid}", path("guid", "guid")) == ["policy_id"]
    assert named(
        "/jobs/{UUID}/variants/{variantId}", path("UUID", "uuid"), path("variantId", "variant_id")
    ) == [
        "job_id",
        "variant_id",
    ]


def test_specific_names_and_clashes_keep_the_irs_name() -> None:
    assert named("/sessions/{session_id}", path("session_id", "session_id")) == ["session_id"]
    assert named("/backends/{backend}", path("backend", "backend")) == ["backend"]
    assert named("/{UUID}", path("UUID", "uuid")) == ["uuid"]  # no collection before it
    assert named("/jobs/{a}/{UUID}", path("a", "a"), path("UUID", "uuid")) == ["a", "uuid"]
    # A query parameter already called job_id keeps it; the path id stays as the IR named it.
    assert named("/jobs/{UUID}", path("UUID", "uuid"), query("job_id", "job_id")) == ["uuid", "job_id"]


def test_the_wire_name_never_changes() -> None:
    op = operation("Op", "op", "get", "/jobs/{UUID}", ok("200", None), parameters=(path("UUID", "uuid"),))
    assert [(p.name, p.python_name) for p in resource_id_names(op).parameters] == [("UUID", "job_id")]


def openapi(schemas: dict[str, Any]) -> dict[str, Any]:
    return {
        "openapi": "3.0.3",
        "info": {"title": "t", "version": "v1"},
        "paths": {
            "/jobs/{UUID}": {
                "get": {
                    "operationId": "GetJob",
                    "parameters": [
                        {"in": "path", "name": "UUID", "required": True, "schema": {"type": "string"}}
                    ],
                    "responses": {
                        "200": {
                            "description": "OK",
                            "content": {
                                "application/json": {
                                    "schema": {"$ref": "#/components/schemas/GetJobResponse"}
                                }
                            },
                        }
                    },
                }
            }
        },
        "components": {"schemas": schemas},
    }


def aliases_of(schemas: dict[str, Any]) -> dict[str, str]:
    api = build_ir(
        openapi(schemas),
        package="p",
        kind="openapi",
        spec_name="s",
        spec_sha256="0" * 64,
        schema_names={name: name for name in schemas},
    )
    return model_aliases(api)


def test_ref_aliases_are_found_through_chains() -> None:
    job = {"type": "object", "properties": {"id": {"type": "string"}}}
    assert aliases_of(
        {
            "GetJobResponse": {"$ref": "#/components/schemas/JobAlias", "description": "the job"},
            "JobAlias": {"$ref": "#/components/schemas/Job"},
            "Job": job,
        }
    ) == {"GetJobResponse": "Job", "JobAlias": "Job"}


def test_a_ref_with_constraints_beside_it_is_not_an_alias() -> None:
    job = {"type": "object", "properties": {"id": {"type": "string"}}}
    assert (
        aliases_of({"GetJobResponse": {"$ref": "#/components/schemas/Job", "nullable": True}, "Job": job})
        == {}
    )


def test_the_client_returns_the_model_an_alias_names() -> None:
    aliases = {"GetJobResponse": "Job", "Listing": "Jobs"}
    assert collapse_aliases("models.GetJobResponse", aliases) == "models.Job"
    assert collapse_aliases("list[models.GetJobResponse] | None", aliases) == "list[models.Job] | None"
    assert collapse_aliases("dict[str, models.Listing]", aliases) == "dict[str, models.Jobs]"
    assert collapse_aliases("models.GetJobResponseV2", aliases) == "models.GetJobResponseV2"
    api = sample_api()
    op = api.operations[2]  # GET /jobs/{UUID}
    aliased = replace(op, success=ok("200", TypeInfo("models.GetJobResponse", model="GetJobResponse")))
    schemas = (
        *api.schemas,
        replace(api.schemas[0], name="GetJobResponse", class_name="GetJobResponse", alias_of="Job"),
    )
    [item] = client_operations(replace(api, operations=(aliased,), schemas=schemas))
    assert item.return_annotation == "models.Job"
    assert item.doc.returns.name == "models.Job"


def test_docstrings_keep_their_sections_and_spec_text_stays_inert() -> None:
    hostile = 'ends in a quote" and """ and \\ and {{ x }}'
    text = f"Summary.\n\nArgs:\n    job_id: {hostile}\n    timeout: t\n\nReturns:\n    models.Job: the job"
    literal = docstring(text, indent=8)
    value = ast.literal_eval(literal)
    assert "\n        Args:\n            job_id: " in literal
    assert "\n        Returns:\n            models.Job: the job" in literal
    assert value.split("job_id: ")[1].startswith(hostile)
    assert docstring("one\n\ntwo  three\nfour") == '"""one\n\n    two three four\n    """'


def test_every_context_variable_and_operation_field_is_documented() -> None:
    from dataclasses import fields

    from ionqkit.codegen.emit_clients import ClientOperation, template_context
    from ionqkit.paths import TEMPLATES_DIR

    readme = (TEMPLATES_DIR / "README.md").read_text(encoding="utf-8")
    names = [*template_context(sample_api()), *(field.name for field in fields(ClientOperation)), "doc"]
    assert [name for name in names if f"| `{name}` |" not in readme] == []
