"""One small spec pair per check id: (old, new, renames) builders used by test_diff_checks."""

from __future__ import annotations

import copy
from typing import Any

Spec = dict[str, Any]
JSON = "application/json"


def api(paths: dict[str, Any] | None = None, **components: Any) -> Spec:
    spec: Spec = {"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": paths or {}}
    if components:
        spec["components"] = components
    return spec


def op(**fields: Any) -> dict[str, Any]:
    return {"responses": {"200": {"description": "ok"}}, **fields}


def body(schema: dict[str, Any], required: bool = True, media: tuple[str, ...] = (JSON,)) -> dict[str, Any]:
    return {"required": required, "content": {m: {"schema": schema} for m in media}}


def request(schema: dict[str, Any]) -> Spec:
    """POST /jobs taking `schema` as its JSON body."""
    return api({"/jobs": {"post": op(requestBody=body(schema))}})


def response(schema: dict[str, Any], status: str = "200") -> Spec:
    """GET /jobs returning `schema` as JSON."""
    ok = {"description": "ok", "content": {JSON: {"schema": schema}}}
    return api({"/jobs": {"get": {"responses": {status: ok}}}})


def obj(required: tuple[str, ...] = (), **properties: Any) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "object", "properties": properties}
    if required:
        schema["required"] = list(required)
    return schema


def param(name: str, where: str = "query", required: bool = False, **extra: Any) -> dict[str, Any]:
    return {"name": name, "in": where, "required": required, "schema": {"type": "string"}, **extra}


def with_schemas(spec: Spec, **schemas: Any) -> Spec:
    spec = copy.deepcopy(spec)
    spec.setdefault("components", {})["schemas"] = schemas
    return spec


STR = {"type": "string"}
INT = {"type": "integer"}
KEY = {"type": "apiKey", "in": "header", "name": "Authorization"}
BEARER = {"type": "http", "scheme": "bearer"}
UNION_AB = {"oneOf": [{"$ref": "#/components/schemas/A"}, {"$ref": "#/components/schemas/B"}]}
UNION_A = {"oneOf": [{"$ref": "#/components/schemas/A"}]}
A_B = {"A": obj(a=STR), "B": obj(b=INT)}

RENAMES_V03 = {
    "schema_version": 1,
    "paths": [{"old": "/old", "new": "/new"}],
    "schemas": [{"old": "Job", "new": "JobV2"}],
    "properties": [
        {"old": "target", "new": "backend"},
        {"old": "error_mitigation.debias", "new": "settings.error_mitigation.debiasing"},
    ],
    "enum_values": [{"old": "running", "new": "started", "property": "status"}],
}

# check id -> (old spec, new spec, renames file content or None)
CASES: dict[str, tuple[Spec, Spec, dict[str, Any] | None]] = {
    "api-path-removed": (api({"/a": {"get": op()}, "/b": {"get": op()}}), api({"/b": {"get": op()}}), None),
    "api-path-renamed": (api({"/old": {"get": op()}}), api({"/new": {"get": op()}}), RENAMES_V03),
    "api-removed-without-deprecation": (
        api({"/a": {"get": op(), "post": op()}}),
        api({"/a": {"get": op()}}),
        None,
    ),
    "api-removed-after-deprecation": (
        api({"/a": {"get": op(), "post": op(deprecated=True)}}),
        api({"/a": {"get": op()}}),
        None,
    ),
    "path-added": (api({"/a": {"get": op()}}), api({"/a": {"get": op()}, "/b": {"get": op()}}), None),
    "operation-added": (api({"/a": {"get": op()}}), api({"/a": {"get": op(), "delete": op()}}), None),
    "operation-id-changed": (
        api({"/a": {"get": op(operationId="getJob")}}),
        api({"/a": {"get": op(operationId="GetJob")}}),
        None,
    ),
    "deprecated": (api({"/a": {"get": op()}}), api({"/a": {"get": op(deprecated=True)}}), None),
    "request-parameter-added-required": (
        api({"/a": {"get": op()}}),
        api({"/a": {"get": op(parameters=[param("q", required=True)])}}),
        None,
    ),
    "request-parameter-added": (
        api({"/a": {"get": op()}}),
        api({"/a": {"get": op(parameters=[param("q")])}}),
        None,
    ),
    "request-parameter-removed": (
        api({"/a": {"get": op(parameters=[param("q")])}}),
        api({"/a": {"get": op()}}),
        None,
    ),
    "request-parameter-became-required": (
        api({"/a": {"get": op(parameters=[param("q")])}}),
        api({"/a": {"get": op(parameters=[param("q", required=True)])}}),
        None,
    ),
    "request-parameter-became-optional": (
        api({"/a": {"get": op(parameters=[param("q", required=True)])}}),
        api({"/a": {"get": op(parameters=[param("q")])}}),
        None,
    ),
    "request-body-added-required": (
        api({"/a": {"post": op()}}),
        api({"/a": {"post": op(requestBody=body(obj(a=STR)))}}),
        None,
    ),
    "request-body-added": (
        api({"/a": {"post": op()}}),
        api({"/a": {"post": op(requestBody=body(obj(a=STR), required=False))}}),
        None,
    ),
    "request-body-removed": (
        api({"/a": {"post": op(requestBody=body(obj(a=STR)))}}),
        api({"/a": {"post": op()}}),
        None,
    ),
    "request-body-became-required": (
        api({"/a": {"post": op(requestBody=body(obj(a=STR), required=False))}}),
        api({"/a": {"post": op(requestBody=body(obj(a=STR)))}}),
        None,
    ),
    "request-media-type-removed": (
        api({"/a": {"post": op(requestBody=body(STR, media=(JSON, "text/plain")))}}),
        api({"/a": {"post": op(requestBody=body(STR))}}),
        None,
    ),
    "request-media-type-added": (
        api({"/a": {"post": op(requestBody=body(STR))}}),
        api({"/a": {"post": op(requestBody=body(STR, media=(JSON, "text/plain")))}}),
        None,
    ),
    "request-property-removed": (request(obj(name=STR, shots=INT)), request(obj(name=STR)), None),
    "request-property-added-required": (
        request(obj(name=STR)),
        request(obj(("type",), name=STR, type=STR)),
        None,
    ),
    "optional-property-added": (request(obj(name=STR)), request(obj(name=STR, session_id=STR)), None),
    "request-property-became-required": (
        request(obj(name=STR)),
        request(obj(("name",), name=STR)),
        None,
    ),
    "request-property-became-optional": (
        request(obj(("name",), name=STR)),
        request(obj(name=STR)),
        None,
    ),
    "request-property-type-changed": (request(obj(shots=INT)), request(obj(shots=STR)), None),
    "request-property-type-widened": (request(obj(shots=INT)), request(obj(shots={"type": "number"})), None),
    "request-enum-value-removed": (
        request(obj(gateset={"type": "string", "enum": ["qis", "native"]})),
        request(obj(gateset={"type": "string", "enum": ["qis"]})),
        None,
    ),
    "enum-value-added": (
        request(obj(gateset={"type": "string", "enum": ["qis"]})),
        request(obj(gateset={"type": "string", "enum": ["qis", "native"]})),
        None,
    ),
    "request-enum-added": (
        request(obj(gateset=STR)),
        request(obj(gateset={"type": "string", "enum": ["qis"]})),
        None,
    ),
    "request-constraint-tightened": (
        request(obj(shots={"type": "integer", "maximum": 1000000})),
        request(obj(shots={"type": "integer", "maximum": 10000})),
        None,
    ),
    "request-variant-removed": (
        with_schemas(request(UNION_AB), **A_B),
        with_schemas(request(UNION_A), **A_B),
        None,
    ),
    "request-variant-added": (
        with_schemas(request(UNION_A), **A_B),
        with_schemas(request(UNION_AB), **A_B),
        None,
    ),
    "response-property-removed": (response(obj(id=STR, start=INT)), response(obj(id=STR)), None),
    "response-property-added": (response(obj(id=STR)), response(obj(id=STR, stats=obj())), None),
    "response-property-became-optional": (
        response(obj(("id",), id=STR)),
        response(obj(id=STR)),
        None,
    ),
    "response-property-became-required": (
        response(obj(id=STR)),
        response(obj(("id",), id=STR)),
        None,
    ),
    "response-property-type-changed": (response(obj(request=INT)), response(obj(request=STR)), None),
    "response-enum-value-added": (
        response(obj(status={"type": "string", "enum": ["ready", "completed"]})),
        response(obj(status={"type": "string", "enum": ["ready", "completed", "canceled"]})),
        None,
    ),
    "response-enum-value-removed": (
        response(obj(status={"type": "string", "enum": ["ready", "completed"]})),
        response(obj(status={"type": "string", "enum": ["completed"]})),
        None,
    ),
    "response-enum-added": (
        response(obj(code=STR)),
        response(obj(code={"type": "string", "enum": ["InternalError"]})),
        None,
    ),
    "response-constraint-tightened": (
        response(obj(name={"type": "string", "maxLength": 100})),
        response(obj(name={"type": "string", "maxLength": 40})),
        None,
    ),
    "response-variant-added": (
        with_schemas(response(UNION_A), **A_B),
        with_schemas(response(UNION_AB), **A_B),
        None,
    ),
    "response-variant-removed": (
        with_schemas(response(UNION_AB), **A_B),
        with_schemas(response(UNION_A), **A_B),
        None,
    ),
    "response-success-status-removed": (response(STR, "202"), response(STR, "200"), None),
    "response-non-success-status-removed": (
        api({"/a": {"get": {"responses": {"200": {"description": "ok"}, "404": {"description": "no"}}}}}),
        api({"/a": {"get": {"responses": {"200": {"description": "ok"}}}}}),
        None,
    ),
    "response-status-added": (
        api({"/a": {"get": {"responses": {"200": {"description": "ok"}}}}}),
        api({"/a": {"get": {"responses": {"200": {"description": "ok"}, "429": {"description": "slow"}}}}}),
        None,
    ),
    "response-media-type-removed": (
        api(
            {
                "/a": {
                    "get": {"responses": {"200": body(STR, media=(JSON, "text/csv")) | {"description": "x"}}}
                }
            }
        ),
        api({"/a": {"get": {"responses": {"200": body(STR) | {"description": "x"}}}}}),
        None,
    ),
    "response-media-type-added": (
        api({"/a": {"get": {"responses": {"200": body(STR) | {"description": "x"}}}}}),
        api(
            {
                "/a": {
                    "get": {"responses": {"200": body(STR, media=(JSON, "text/csv")) | {"description": "x"}}}
                }
            }
        ),
        None,
    ),
    "property-renamed": (request(obj(target=STR)), request(obj(backend=STR)), RENAMES_V03),
    "property-moved": (
        request(obj(error_mitigation=obj(debias={"type": "boolean"}))),
        request(obj(settings=obj(error_mitigation=obj(debiasing={"type": "boolean"})))),
        RENAMES_V03,
    ),
    "enum-value-renamed": (
        response(obj(status={"type": "string", "enum": ["ready", "running"]})),
        response(obj(status={"type": "string", "enum": ["ready", "started"]})),
        RENAMES_V03,
    ),
    "enum-to-free-string": (
        request(obj(backend={"type": "string", "enum": ["simulator", "qpu.aria-1"]})),
        request(obj(backend=STR)),
        None,
    ),
    "constraint-loosened": (
        request(obj(shots={"type": "integer", "maximum": 10000})),
        request(obj(shots={"type": "integer", "maximum": 1000000})),
        None,
    ),
    "format-changed": (
        response(obj(id={"type": "string", "format": "uuid"})),
        response(obj(id=STR)),
        None,
    ),
    "default-changed": (
        request(obj(shots={"type": "integer", "default": 100})),
        request(obj(shots={"type": "integer", "default": 1000})),
        None,
    ),
    "composition-changed": (
        with_schemas(request(obj(a=STR)), **A_B),
        with_schemas(request(UNION_AB), **A_B),
        None,
    ),
    "security-added": (
        api({"/a": {"get": op()}}, securitySchemes={"key": KEY}),
        api({"/a": {"get": op(security=[{"key": []}])}}, securitySchemes={"key": KEY}),
        None,
    ),
    "security-alternative-added": (
        api({"/a": {"get": op(security=[{"key": []}])}}, securitySchemes={"key": KEY, "jwt": BEARER}),
        api(
            {"/a": {"get": op(security=[{"key": []}, {"jwt": []}])}},
            securitySchemes={"key": KEY, "jwt": BEARER},
        ),
        None,
    ),
    "security-removed": (
        api({"/a": {"get": op(security=[{"key": []}])}}, securitySchemes={"key": KEY}),
        api({"/a": {"get": op(security=[])}}, securitySchemes={"key": KEY}),
        None,
    ),
    "schema-added": (api(schemas={"A": STR}), api(schemas={"A": STR, "B": INT}), None),
    "schema-removed": (api(schemas={"A": STR, "B": INT}), api(schemas={"A": STR}), None),
    "schema-renamed": (api(schemas={"Job": obj(id=STR)}), api(schemas={"JobV2": obj(id=STR)}), RENAMES_V03),
    "description-changed": (
        api({"/a": {"get": op(summary="Get a job")}}),
        api({"/a": {"get": op(summary="Get one job")}}),
        None,
    ),
    "example-changed": (
        response(obj(id={"type": "string", "example": "aa54e783"})),
        response(obj(id={"type": "string", "example": "617a1f8b"})),
        None,
    ),
}
