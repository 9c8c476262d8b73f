"""normalized spec data -> intermediate model (ionqkit.codegen.ir.Api).

Input is the data after normalize.safe_schema_names and normalize.hoist_inline_schemas, so every
component schema key is already the class name models.py defines for it, and every request or
response body is a reference, an array of references, or a primitive.
"""

from __future__ import annotations

import re
from typing import Any, Literal

from ionqkit.codegen.ir import (
    IDEMPOTENT_METHODS,
    Api,
    HttpMethod,
    Operation,
    Pagination,
    Parameter,
    ParameterLocation,
    RequestBody,
    Response,
    SchemaInfo,
    SecurityScheme,
    TypeInfo,
)
from ionqkit.codegen.normalize import keyword_or_builtin
from ionqkit.spec import refs
from ionqkit.spec.loader import Document
from ionqkit.spec.pointers import escape_pointer_token, unescape_pointer_token

_METHODS: tuple[HttpMethod, ...] = ("get", "put", "post", "delete", "patch", "head", "options", "trace")
_SCHEMA_PREFIX = "#/components/schemas/"
# Names the client templates use themselves; an operation or parameter with one of them is suffixed.
RESERVED_METHOD_NAMES = frozenset(
    {"close", "request", "wait_for_job", "aclose", "base_url", "self", "with_raw_response"}
)
RESERVED_PARAMETER_NAMES = frozenset(
    {"self", "body", "timeout", "headers", "extra_headers", "validate", "retry", "retry_create", "cls"}
)
AUTH_PREFIX_EXTENSION = "x-ionqkit-auth-prefix"
_PRIMITIVES = {"string": "str", "integer": "int", "number": "float", "boolean": "bool"}


def snake_case(name: str) -> str:
    """ "GetJobs" -> "get_jobs", "get-usages" -> "get_usages", "1q_gates" -> "field_1q_gates"."""
    text = re.sub(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", "_", name)
    text = re.sub(r"[^0-9A-Za-z]+", "_", text).strip("_").lower()
    text = text.encode("ascii", "ignore").decode() or "value"
    if text[0].isdigit():
        text = "field_" + text
    if keyword_or_builtin(text):
        text += "_"
    return text


def _unique(name: str, taken: set[str], suffix: str) -> str:
    candidate = name
    if candidate in taken:
        candidate = f"{name}_{suffix}"
    n = 2
    while candidate in taken:
        candidate = f"{name}_{suffix}{n}"
        n += 1
    taken.add(candidate)
    return candidate


class _Builder:
    def __init__(self, data: dict[str, Any], spec_name: str) -> None:
        self.data = data
        # The normalized tree as a Document, for the one $ref resolver (ionqkit.spec.refs): its refs
        # were checked on the loaded spec; normalizing only adds refs to the schemas it hoists.
        self.document = Document(name=spec_name, data=data, sha256="", positions={})
        self.schemas: dict[str, Any] = data.get("components", {}).get("schemas", {}) or {}

    # --- references ---------------------------------------------------------------------------------
    def deref(self, node: Any) -> Any:
        return refs.deref(self.document, node)

    def model_name(self, node: Any) -> str | None:
        ref = node.get("$ref") if isinstance(node, dict) else None
        if isinstance(ref, str) and ref.startswith(_SCHEMA_PREFIX):
            return unescape_pointer_token(ref[len(_SCHEMA_PREFIX) :])
        return None

    # --- types --------------------------------------------------------------------------------------
    def body_type(self, schema: Any) -> TypeInfo:
        """Type of a body: generated models where there is one."""
        model = self.model_name(schema)
        if model:
            return TypeInfo(f"models.{model}", model=model)
        if not isinstance(schema, dict):
            return TypeInfo("Any")
        nullable = bool(schema.get("nullable"))
        if schema.get("type") == "array":
            item = self.body_type(schema.get("items", {}))
            return TypeInfo(f"list[{item.annotation}]", is_array=True, nullable=nullable)
        if schema.get("type") == "object" or "additionalProperties" in schema:
            extra = schema.get("additionalProperties")
            value = self.body_type(extra).annotation if isinstance(extra, dict) and extra else "Any"
            return TypeInfo(f"dict[str, {value}]", nullable=nullable)
        primitive = _PRIMITIVES.get(str(schema.get("type")))
        return TypeInfo(primitive or "Any", nullable=nullable)

    def parameter_type(self, schema: Any) -> TypeInfo:
        """Type of a parameter: enums as their generated StrEnum, other references as the primitive."""
        model = self.model_name(schema)
        target = self.deref(schema)
        if model and isinstance(target, dict) and "enum" in target:
            return TypeInfo(f"models.{model}", model=model)
        if not isinstance(target, dict):
            return TypeInfo("str")
        if target.get("type") == "array":
            item = self.parameter_type(target.get("items", {}))
            return TypeInfo(f"list[{item.annotation}]", model=item.model, is_array=True)
        return TypeInfo(_PRIMITIVES.get(str(target.get("type")), "str"))

    # --- operations ---------------------------------------------------------------------------------
    def parameters(self, path_item: dict[str, Any], op: dict[str, Any], pointer: str) -> list[Parameter]:
        merged: dict[tuple[str, str], tuple[dict[str, Any], str]] = {}
        for source, base in ((path_item, pointer.rsplit("/", 1)[0]), (op, pointer)):
            for index, raw in enumerate(source.get("parameters") or ()):
                param = self.deref(raw)
                if isinstance(param, dict) and "name" in param and "in" in param:
                    merged[(str(param["in"]), str(param["name"]))] = (param, f"{base}/parameters/{index}")
        ordered = sorted(
            merged.values(),
            key=lambda item: (
                ("path", "query", "header", "cookie").index(item[0]["in"])
                if item[0]["in"] in ("path", "query", "header", "cookie")
                else 9
            ),
        )
        taken = set(RESERVED_PARAMETER_NAMES)
        result = []
        for param, where in ordered:
            location: ParameterLocation = param["in"]
            schema = param.get("schema", {})
            target = self.deref(schema)
            has_default = isinstance(target, dict) and "default" in target
            python_name = _unique(snake_case(str(param["name"])), taken, location)
            style = param.get("style", "simple" if location in ("path", "header") else "form")
            result.append(
                Parameter(
                    name=str(param["name"]),
                    python_name=python_name,
                    location=location,
                    required=bool(param.get("required")) or location == "path",
                    type=self.parameter_type(schema),
                    default=target.get("default") if has_default else None,
                    has_default=has_default,
                    style=str(style),
                    explode=bool(param.get("explode", style == "form")),
                    description=param.get("description"),
                    pointer=where,
                )
            )
        return result

    def request_body(self, op: dict[str, Any], pointer: str) -> RequestBody | None:
        body = self.deref(op.get("requestBody"))
        if not isinstance(body, dict):
            return None
        content = body.get("content") or {}
        media_type = "application/json" if "application/json" in content else next(iter(content), None)
        if media_type is None:
            return None
        schema = (content.get(media_type) or {}).get("schema", {})
        return RequestBody(
            required=bool(body.get("required")),
            media_type=media_type,
            type=self.body_type(schema),
            pointer=f"{pointer}/requestBody",
        )

    def responses(self, op: dict[str, Any]) -> list[Response]:
        result = []
        for status, raw in (op.get("responses") or {}).items():
            response = self.deref(raw)
            if not isinstance(response, dict):
                continue
            content = response.get("content") or {}
            media_type = "application/json" if "application/json" in content else next(iter(content), None)
            schema = (content.get(media_type) or {}).get("schema") if media_type else None
            result.append(
                Response(
                    status=str(status),
                    description=response.get("description"),
                    media_type=media_type,
                    type=self.body_type(schema) if schema is not None else None,
                )
            )
        return result

    def pagination(self, params: list[Parameter], success: Response | None) -> Pagination | None:
        cursor = next((p for p in params if p.location == "query" and p.name == "next"), None)
        if cursor is None or success is None or success.type is None or success.type.model is None:
            return None
        model = self.schemas.get(success.type.model)
        properties = model.get("properties", {}) if isinstance(model, dict) else {}
        if "next" not in properties:
            return None
        arrays = [name for name, prop in properties.items() if self.deref(prop).get("type") == "array"]
        if len(arrays) != 1:
            return None
        items = self.deref(properties[arrays[0]]).get("items", {})
        return Pagination(
            cursor_param=cursor.python_name,
            items_field=arrays[0],
            next_field="next",
            item_type=self.body_type(items),
        )

    def operations(self) -> list[Operation]:
        global_security = self.data.get("security")
        taken = set(RESERVED_METHOD_NAMES)
        result = []
        for path, path_item in (self.data.get("paths") or {}).items():
            if not isinstance(path_item, dict):
                continue
            for method in _METHODS:
                op = path_item.get(method)
                if not isinstance(op, dict):
                    continue
                pointer = f"/paths/{escape_pointer_token(path)}/{method}"
                operation_id = str(op.get("operationId") or f"{method}_{path}")
                python_name = _unique(snake_case(operation_id), taken, method)
                params = self.parameters(path_item, op, pointer)
                responses = self.responses(op)
                success = next((r for r in responses if r.status.startswith("2")), None)
                security = op.get("security", global_security) or []
                result.append(
                    Operation(
                        operation_id=operation_id,
                        python_name=python_name,
                        method=method,
                        path=str(path),
                        summary=op.get("summary"),
                        description=op.get("description"),
                        tags=tuple(str(t) for t in op.get("tags") or ()),
                        parameters=tuple(params),
                        request_body=self.request_body(op, pointer),
                        responses=tuple(responses),
                        success=success,
                        auth_required=bool(security) and all(bool(req) for req in security),
                        idempotent=method in IDEMPOTENT_METHODS,
                        deprecated=bool(op.get("deprecated")),
                        pagination=self.pagination(params, success),
                        pointer=pointer,
                    )
                )
        return result

    def security_schemes(self) -> list[SecurityScheme]:
        result = []
        for name, scheme in (self.data.get("components", {}).get("securitySchemes") or {}).items():
            if not isinstance(scheme, dict):
                continue
            location = scheme.get("in")
            header = scheme.get("name")
            default_prefix = "apiKey " if scheme.get("type") == "apiKey" and header == "Authorization" else ""
            result.append(
                SecurityScheme(
                    name=str(name),
                    type=str(scheme.get("type")),
                    location=str(location) if location else None,
                    parameter_name=str(header) if header else None,
                    prefix=str(scheme.get(AUTH_PREFIX_EXTENSION, default_prefix)),
                )
            )
        return result


#: Keys that may sit beside a `$ref` without making the schema more than another name for it.
_ALIAS_KEYS = frozenset({"$ref", "description", "title", "example", "examples", "externalDocs", "deprecated"})


def _alias_of(schemas: dict[str, Any], class_name: str) -> str | None:
    """The schema a `$ref`-only schema finally names (through chains of them), else None."""
    seen = {class_name}
    target = None
    node = schemas.get(class_name)
    while (
        isinstance(node, dict)
        and isinstance(node.get("$ref"), str)
        and node["$ref"].startswith(_SCHEMA_PREFIX)
        and all(key in _ALIAS_KEYS or str(key).startswith("x-") for key in node)
    ):
        name = unescape_pointer_token(node["$ref"][len(_SCHEMA_PREFIX) :])
        if name in seen or name not in schemas:
            return None  # circular (refused earlier anyway) or pointing nowhere a model is made
        seen.add(name)
        target = name
        node = schemas[name]
    return target


def _schema_kind(schema: Any) -> Literal["object", "enum", "union", "array", "scalar", "any"]:
    if not isinstance(schema, dict):
        return "any"
    if "enum" in schema:
        return "enum"
    if any(k in schema for k in ("anyOf", "oneOf")):
        return "union"
    kind = schema.get("type")
    if kind == "array":
        return "array"
    if kind == "object" or "properties" in schema or "allOf" in schema:
        return "object"
    if kind in _PRIMITIVES:
        return "scalar"
    return "any"


def build_ir(
    data: dict[str, Any],
    *,
    package: str,
    kind: Literal["openapi", "jsonschema"],
    spec_name: str,
    spec_sha256: str,
    schema_names: dict[str, str],
    root_model: str | None = None,
) -> Api:
    """`schema_names` maps each original schema name to its class (normalize.safe_schema_names)."""
    builder = _Builder(data, spec_name)
    info = data.get("info") or {}
    schemas_pointer = "/components/schemas/" if kind == "openapi" else "/$defs/"
    schemas = tuple(
        SchemaInfo(
            name=original,
            class_name=class_name,
            pointer=schemas_pointer + escape_pointer_token(original),
            kind=_schema_kind(builder.schemas.get(class_name) if kind == "openapi" else None),
            alias_of=_alias_of(builder.schemas, class_name) if kind == "openapi" else None,
        )
        for original, class_name in schema_names.items()
    )
    return Api(
        package=package,
        kind=kind,
        title=str(info.get("title") or data.get("title") or package),
        version=str(info.get("version") or ""),
        spec_name=spec_name,
        spec_sha256=spec_sha256,
        servers=tuple(str(s.get("url")) for s in data.get("servers") or () if isinstance(s, dict)),
        security_schemes=tuple(builder.security_schemes()) if kind == "openapi" else (),
        schemas=schemas,
        operations=tuple(builder.operations()) if kind == "openapi" else (),
        root_model=root_model,
    )
