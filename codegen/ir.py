"""The intermediate model: what every emitter (models, clients, user templates) is given.

It is built once per spec by `ionqkit.codegen.build_ir` from the loaded, validated and overlaid
document, and it is the stable template context documented in templates/README.md: fields are only
ever added, never renamed or removed, within a major version of ionqkit.

All names here are already safe: `python_name` fields are valid, non-keyword identifiers, unique in
their scope; wire names (`name`, `path`, ...) are kept exactly as the spec writes them and must
only ever be rendered as string literals (templates use the `pyrepr` filter for that).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

ParameterLocation = Literal["path", "query", "header", "cookie"]
HttpMethod = Literal["get", "put", "post", "delete", "patch", "head", "options", "trace"]

#: HTTP methods that are safe to retry by default (RFC 9110 idempotent methods).
IDEMPOTENT_METHODS: frozenset[str] = frozenset({"get", "put", "delete", "head", "options", "trace"})


@dataclass(frozen=True)
class SchemaInfo:
    """One schema of the spec and the Python type generated for it."""

    name: str  # the component key, e.g. "Gate_QisGate", "pagination-limit"
    class_name: str  # the class in models.py, e.g. "GateQisGate", "PaginationLimit"
    pointer: str  # where the schema is in the spec, e.g. "/components/schemas/Gate_QisGate"
    kind: Literal["object", "enum", "union", "array", "scalar", "any"]
    #: For a schema that is only a `$ref` to another (`GetJobResponse: {$ref: GetCircuitJobResponse}`,
    #: a RootModel wrapping that model in models.py): the class_name it finally names, through
    #: chains of such aliases. The clients use that class instead. None for every other schema.
    alias_of: str | None = None


@dataclass(frozen=True)
class TypeInfo:
    """A Python type for a parameter, body or response.

    `annotation` is valid Python in a module that did `from . import models`, e.g. "str",
    "list[str]", "models.JobStatus", "models.GetJobsResponse". `model` names the models.py class
    when the type is exactly one generated model (None for builtins and containers).
    """

    annotation: str
    model: str | None = None
    is_array: bool = False
    nullable: bool = False


@dataclass(frozen=True)
class Parameter:
    name: str  # wire name, e.g. "UUID", "1q_gates", "filter-status"
    python_name: str  # keyword argument name, e.g. "uuid", "q1_gates"
    location: ParameterLocation
    required: bool
    type: TypeInfo
    default: Any = None  # the spec's default (JSON value) or None
    has_default: bool = False
    style: str = "form"  # OpenAPI serialization style
    explode: bool = True
    description: str | None = None
    pointer: str = ""


@dataclass(frozen=True)
class RequestBody:
    required: bool
    media_type: str  # e.g. "application/json"
    type: TypeInfo
    pointer: str = ""


@dataclass(frozen=True)
class Response:
    status: str  # "200", "201", "4XX", "default"
    description: str | None
    media_type: str | None  # None when the response has no body
    type: TypeInfo | None  # None when the response has no body or no schema


@dataclass(frozen=True)
class Pagination:
    """Cursor pagination: pass `cursor_param` = response[`next_field`] until it is null/absent."""

    cursor_param: str  # python_name of the query parameter, e.g. "next"
    items_field: str  # response field with the page's items, e.g. "jobs"
    next_field: str  # response field with the cursor, e.g. "next"
    item_type: TypeInfo


@dataclass(frozen=True)
class Operation:
    operation_id: str  # as in the spec, e.g. "GetJobs", "get-usages"
    python_name: str  # unique snake_case method name, e.g. "get_jobs", "get_usages"
    method: HttpMethod
    path: str  # e.g. "/jobs/{UUID}"
    summary: str | None
    description: str | None
    tags: tuple[str, ...]
    parameters: tuple[Parameter, ...]
    request_body: RequestBody | None
    responses: tuple[Response, ...]
    success: Response | None  # the first 2XX response: what the method returns
    auth_required: bool  # False when the operation's security is [] (e.g. GET /backends)
    idempotent: bool
    deprecated: bool = False
    pagination: Pagination | None = None
    pointer: str = ""  # e.g. "/paths/~1jobs/get"


@dataclass(frozen=True)
class SecurityScheme:
    name: str  # component key, e.g. "apiKeyAuth"
    type: str  # "apiKey", "http", ...
    location: str | None  # "header" for apiKey schemes
    parameter_name: str | None  # e.g. "Authorization"
    prefix: str  # what precedes the key in the header value, e.g. "apiKey "


@dataclass(frozen=True)
class Api:
    """Everything known about one input, in spec order."""

    package: str  # e.g. "ionq_v0_4"
    kind: Literal["openapi", "jsonschema"]
    title: str
    version: str  # info.version, e.g. "v0.4"
    spec_name: str  # file name the spec was read from
    spec_sha256: str
    servers: tuple[str, ...]  # server URLs in spec order; servers[0] is the default base URL
    security_schemes: tuple[SecurityScheme, ...]
    schemas: tuple[SchemaInfo, ...]
    operations: tuple[Operation, ...]
    root_model: str | None = None  # JSON Schema inputs: the class generated for the root schema
    extra: dict[str, Any] = field(default_factory=dict)  # room for user templates' own data

    def schema(self, name: str) -> SchemaInfo:
        for info in self.schemas:
            if info.name == name:
                return info
        raise KeyError(name)
