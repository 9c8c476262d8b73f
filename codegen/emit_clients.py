"""Client emitter: intermediate model -> client modules, rendered from Jinja templates.

Every `*.py.jinja` template found at the top of a template directory (names starting with `_` are
helpers, not outputs) renders one file named without `.jinja`. Directories given by the user are
searched before the built-in templates/, so a user file overrides a built-in one of the same name.
The context each template receives is documented in templates/README.md and is a stable
interface: `api` (the IR, untouched) plus the client-specific views computed here.

Spec strings are hostile input: templates render wire names only through `pyrepr` (a Python
string literal) and prose only through `docstring`, so nothing from the spec can become code.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

from ionqkit.errors import InputError, SpecError
from ionqkit.paths import TEMPLATES_DIR

from .ir import Api, Operation, Parameter, SecurityScheme

#: Attributes of the runtime client classes that an operation method must not shadow.
RESERVED_METHOD_NAMES = frozenset(
    {"close", "aclose", "retry", "validate", "base_url", "timeout", "wait_for_job", "DEFAULT_BASE_URL"}
)
#: Keyword arguments the generated methods add themselves.
RESERVED_ARGUMENTS = frozenset({"self", "validate"})

_JOB_PATH = re.compile(r"^/jobs/\{[^{}/]+\}$")
_DOC_WIDTH = 96


@dataclass(frozen=True)
class ClientParameter:
    """A parameter as a method argument."""

    param: Parameter  # the IR parameter (wire name, location, style, explode, ...)
    annotation: str  # the argument's annotation, `| None` added when optional
    optional: bool  # True: the argument defaults to None, meaning "not sent"


@dataclass(frozen=True)
class ClientOperation:
    """One IR operation plus what a client template needs to render it."""

    op: Operation
    endpoint_name: str  # module constant holding the runtime Endpoint, e.g. "_GET_JOB"
    method: str  # upper-case HTTP method
    path_params: tuple[ClientParameter, ...]  # positional arguments, in spec order
    keyword_params: tuple[ClientParameter, ...]  # query/header/cookie: keyword-only arguments
    body_arg: str | None  # name of the body argument ("body"), None without a request body
    body_annotation: str | None  # e.g. "models.JobCreationPayload | Mapping[str, Any]"
    body_optional: bool
    return_annotation: str  # "models.GetJobResponse", "None", "Any", ...
    response_kind: str  # "json", "text", "bytes" or "none" (no body)
    creates_job: bool  # POST /jobs: linted before sending, `validate` argument, never retried by default
    iter_name: str | None  # pagination helper, e.g. "iter_jobs"; None without pagination
    iter_params: tuple[ClientParameter, ...]  # keyword_params minus the cursor
    item_annotation: str | None  # annotation of one paginated item

    @property
    def has_keywords(self) -> bool:
        return bool(self.keyword_params or self.body_arg or self.creates_job)


@dataclass(frozen=True)
class Uses:
    """Which optional imports the rendered module needs (ruff rejects unused imports)."""

    models: bool
    mapping: bool
    any: bool
    type_adapter: bool
    param: bool
    pagination: bool
    polling: bool


def pyrepr(value: object) -> str:
    """A Python literal for a wire string (or number/bool/None): the only way spec strings reach code."""
    if value is None or isinstance(value, (str, int, float, bool)):
        return repr(value)
    raise TypeError(f"pyrepr renders strings and scalars only, not {type(value).__name__}")


def _escape_doc_char(char: str) -> str:
    if char == "\\":
        return "\\\\"
    if char == '"':
        return '\\"'
    if char == "\n" or char.isprintable():
        return char
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def docstring(text: str | None, indent: int = 4) -> str:
    """A triple-quoted docstring literal whose content cannot end the string or inject code."""
    raw = (text or "").replace("\r\n", "\n").replace("\r", "\n").strip()
    paragraphs = [
        textwrap.fill(" ".join(paragraph.split()), width=_DOC_WIDTH) for paragraph in raw.split("\n\n")
    ]
    body = "\n\n".join(paragraph for paragraph in paragraphs if paragraph)
    escaped = "".join(_escape_doc_char(char) for char in body)
    pad = " " * indent
    lines = [(pad + line if line else "") for line in escaped.split("\n")]
    if len(lines) == 1:
        return f'"""{escaped}"""'
    return '"""' + "\n".join(lines).lstrip() + "\n" + pad + '"""'


def _optional_annotation(annotation: str, nullable: bool) -> str:
    if nullable or annotation == "Any" or annotation.replace(" ", "").endswith("|None"):
        return annotation
    return f"{annotation} | None"


def _client_parameter(param: Parameter) -> ClientParameter:
    optional = not param.required
    annotation = param.type.annotation
    if optional:
        annotation = _optional_annotation(annotation, param.type.nullable)
    return ClientParameter(param=param, annotation=annotation, optional=optional)


def _response_kind(media_type: str | None) -> str:
    if media_type is None:
        return "none"
    base = media_type.split(";")[0].strip().lower()
    if base == "application/json" or base.endswith("+json"):
        return "json"
    if base.startswith("text/"):
        return "text"
    return "bytes"


def _iter_name(op: Operation, taken: set[str]) -> str:
    stem = op.python_name.removeprefix("get_") if op.python_name.startswith("get_") else op.python_name
    for name in (f"iter_{stem}", f"iter_{op.python_name}"):
        if name not in taken:
            return name
    raise SpecError(
        f"operation {op.operation_id!r}: no free name for its pagination helper", pointer=op.pointer
    )


def _check_names(op: Operation) -> None:
    if op.python_name in RESERVED_METHOD_NAMES or op.python_name.startswith("_"):
        raise SpecError(
            f"operation {op.operation_id!r} maps to method {op.python_name!r}, which the client reserves",
            pointer=op.pointer,
        )
    placeholders = set(re.findall(r"\{([^{}]+)\}", op.path))
    declared = {param.name for param in op.parameters if param.location == "path"}
    if placeholders != declared:
        raise SpecError(
            f"operation {op.operation_id!r}: path {op.path!r} has placeholders {sorted(placeholders)} "
            f"but declares path parameters {sorted(declared)}",
            pointer=op.pointer,
        )
    for param in op.parameters:
        if param.python_name in RESERVED_ARGUMENTS:
            raise SpecError(
                f"parameter {param.name!r} of {op.operation_id!r} maps to reserved argument "
                f"{param.python_name!r}",
                pointer=param.pointer or op.pointer,
            )


def _client_operation(op: Operation, taken: set[str]) -> ClientOperation:
    _check_names(op)
    params = [_client_parameter(param) for param in op.parameters if param.location != "path"]
    path_params = tuple(_client_parameter(param) for param in op.parameters if param.location == "path")
    used = {param.python_name for param in op.parameters}
    body_arg = body_annotation = None
    body_optional = False
    if op.request_body is not None:
        body_arg = next(name for name in ("body", "payload", "request_body") if name not in used)
        body_type = op.request_body.type
        body_annotation = body_type.annotation
        if body_type.model is not None:
            body_annotation += " | Mapping[str, Any]"
        body_optional = not op.request_body.required
        if body_optional:
            body_annotation = _optional_annotation(body_annotation, body_type.nullable)
    success = op.success
    kind = _response_kind(success.media_type if success else None)
    returns = "Any" if success is None or success.type is None else success.type.annotation
    if kind == "none":
        returns = "None"
    iter_name = item_annotation = None
    iter_params: tuple[ClientParameter, ...] = ()
    if op.pagination is not None:
        iter_name = _iter_name(op, taken)
        taken.add(iter_name)
        iter_params = tuple(p for p in params if p.param.python_name != op.pagination.cursor_param)
        item_annotation = op.pagination.item_type.annotation
    return ClientOperation(
        op=op,
        endpoint_name="_" + op.python_name.upper(),
        method=op.method.upper(),
        path_params=path_params,
        keyword_params=tuple(params),
        body_arg=body_arg,
        body_annotation=body_annotation,
        body_optional=body_optional,
        return_annotation=returns,
        response_kind=kind,
        creates_job=op.method == "post" and op.path.rstrip("/") == "/jobs",
        iter_name=iter_name,
        iter_params=iter_params,
        item_annotation=item_annotation,
    )


def client_operations(api: Api) -> list[ClientOperation]:
    taken = {op.python_name for op in api.operations}
    return [_client_operation(op, taken) for op in api.operations]


def find_job_getter(operations: Sequence[ClientOperation]) -> ClientOperation | None:
    """GET /jobs/{id} with nothing else required: what wait_for_job polls."""
    for item in operations:
        if (
            item.method == "GET"
            and _JOB_PATH.match(item.op.path)
            and len(item.path_params) == 1
            and all(param.optional for param in item.keyword_params)
            and item.response_kind == "json"
        ):
            return item
    return None


def auth_scheme(api: Api) -> SecurityScheme | None:
    """The header API-key scheme the client sends, if the spec declares one."""
    for scheme in api.security_schemes:
        if scheme.type == "apiKey" and scheme.location == "header" and scheme.parameter_name:
            return scheme
    return None


def _uses(operations: Sequence[ClientOperation], job_getter: ClientOperation | None) -> Uses:
    annotations = [
        text
        for item in operations
        for text in (
            item.return_annotation,
            item.body_annotation or "",
            item.item_annotation or "",
            *(param.annotation for param in item.path_params + item.keyword_params),
        )
    ]
    return Uses(
        models=any("models." in text for text in annotations),
        mapping=any("Mapping[" in (item.body_annotation or "") for item in operations),
        any=any(re.search(r"\bAny\b", text) for text in annotations),
        type_adapter=any(item.response_kind != "none" for item in operations),
        param=any(item.op.parameters for item in operations),
        pagination=any(item.iter_name for item in operations),
        polling=job_getter is not None,
    )


def template_context(api: Api) -> dict[str, Any]:
    """The variables every client template receives (documented in templates/README.md)."""
    operations = client_operations(api)
    job_getter = find_job_getter(operations)
    scheme = auth_scheme(api)
    return {
        "api": api,
        "operations": operations,
        "job_getter": job_getter,
        "default_base_url": api.servers[0] if api.servers else "",
        "auth_header": scheme.parameter_name if scheme and scheme.parameter_name else "Authorization",
        "auth_prefix": scheme.prefix if scheme else "apiKey ",
        "uses": _uses(operations, job_getter),
    }


def make_environment(template_dirs: Sequence[Path]) -> jinja2.Environment:
    search = [str(Path(directory)) for directory in template_dirs] + [str(TEMPLATES_DIR)]
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(search),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["pyrepr"] = pyrepr
    env.filters["docstring"] = docstring
    return env


def output_templates(env: jinja2.Environment) -> list[str]:
    """Top-level `*.py.jinja` templates (not `_helpers`) across all search dirs, by name."""
    names = env.list_templates(filter_func=lambda name: name.endswith(".py.jinja"))
    return sorted(name for name in names if "/" not in name and not name.startswith("_"))


def render_clients(api: Api, template_dirs: Sequence[Path] = ()) -> dict[str, str]:
    """Render every output template for `api`: relative file name -> file text."""
    for directory in template_dirs:
        if not Path(directory).is_dir():
            raise InputError("template directory does not exist", file=str(directory))
    env = make_environment(template_dirs)
    context = template_context(api)
    files: dict[str, str] = {}
    for name in output_templates(env):
        try:
            files[name.removesuffix(".jinja")] = env.get_template(name).render(context)
        except jinja2.TemplateSyntaxError as exc:
            raise InputError(
                f"template syntax: {exc.message}", file=exc.filename or name, line=exc.lineno
            ) from None
        except jinja2.TemplateError as exc:
            raise InputError(f"template failed to render: {exc}", file=name) from None
    return files
