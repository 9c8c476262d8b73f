"""Client emitter: intermediate model -> client modules, rendered from Jinja templates.

Every `*.py.jinja` template found at the top of a template directory (names starting with `_` are
helpers, not outputs) renders one file named without `.jinja`. Directories given by the user are
searched before the built-in templates/, so a user file overrides a built-in one of the same name.
The context each template receives is documented in templates/README.md and is a stable
interface: `api` (the IR, untouched) plus the client-specific views computed here. Those views
are where the client's own naming lives: `$ref` aliases collapse to the model they name, a
generic id in a path takes the name of its collection (`/jobs/{UUID}` -> `job_id`), and each
operation gets a docstring with Args/Returns/Raises.

Spec strings are hostile input: templates render wire names only through `pyrepr` (a Python
string literal) and prose only through `docstring`, so nothing from the spec can become code.
"""

from __future__ import annotations

import functools
import http
import itertools
import keyword
import re
import textwrap
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import jinja2

from ionqkit.errors import InputError, SpecError
from ionqkit.numerals import ascii_digits
from ionqkit.paths import TEMPLATES_DIR

from .build_ir import snake_case
from .ir import Api, Operation, Parameter, Response, SecurityScheme
from .standalone import Distribution, is_project_template

#: Attributes of the runtime client classes that an operation method must not shadow.
RESERVED_METHOD_NAMES = frozenset(
    {
        "close",
        "aclose",
        "retry",
        "validate",
        "base_url",
        "timeout",
        "deadline",
        "wait_for_job",
        "with_raw_response",
        "DEFAULT_BASE_URL",
    }
)
#: Keyword arguments the generated methods add themselves.
RESERVED_ARGUMENTS = frozenset({"self", "validate", "timeout", "extra_headers"})

#: Path parameter names too generic to say what they identify (compared lower case, letters only).
GENERIC_ID_NAMES = frozenset({"id", "uuid", "guid"})
_COLLECTION = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*$")
_PLACEHOLDER = re.compile(r"^\{([^{}]+)\}$")
_MODEL_REFERENCE = re.compile(r"\bmodels\.([A-Za-z_][A-Za-z0-9_]*)\b")

_JOB_PATH = re.compile(r"^/jobs/\{[^{}/]+\}$")
_DOC_WIDTH = 96


@dataclass(frozen=True)
class ClientParameter:
    """A parameter as a method argument."""

    param: Parameter  # the IR parameter (wire name, location, style, explode, ...)
    annotation: str  # the argument's annotation, `| None` added when optional
    optional: bool  # True: the argument defaults to None, meaning "not sent"


@dataclass(frozen=True)
class DocEntry:
    """One line of an Args/Returns/Raises section: `name: text`."""

    name: str
    text: str


@dataclass(frozen=True)
class OperationDoc:
    """A method's docstring in parts (custom templates can lay them out differently) and whole.

    `summary` is the spec's summary (else the first paragraph of its description, else words
    made from the method name); `description` the rest of the spec's description; `args`,
    `returns` and `raises` come from the parameters, the success response and the error
    responses, in our own words where the spec says nothing.
    """

    summary: str
    description: str | None
    request_line: str  # e.g. "GET /jobs/{UUID}"
    notes: tuple[str, ...]  # paragraphs about behaviour: deprecation, linting, retries
    args: tuple[DocEntry, ...]
    returns: DocEntry
    raises: tuple[DocEntry, ...]

    @property
    def text(self) -> str:
        """The docstring text: paragraphs, then Google-style sections (render with `docstring`)."""
        parts = [self.summary]
        if self.description:
            parts.append(self.description)
        parts.append(f"`{self.request_line}`")
        parts.extend(self.notes)
        for title, entries in (("Args", self.args), ("Returns", (self.returns,)), ("Raises", self.raises)):
            if entries:
                lines = [f"{title}:"] + [f"    {entry.name}: {entry.text}" for entry in entries]
                parts.append("\n".join(lines))
        return "\n\n".join(parts)


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
    auth_header: str  # the header that carries the key, which `extra_headers` may not set
    lints_by_default: bool = True  # False in a standalone package: no linter unless one is given

    @functools.cached_property
    def doc(self) -> OperationDoc:
        """The method's docstring (render `doc.text` with the docstring filter)."""
        return _operation_doc(self)

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
    if isinstance(value, jinja2.Undefined):  # say which name is undefined, not "Undefined"
        value._fail_with_undefined_error()
    raise TypeError(f"pyrepr renders strings and scalars only, not {type(value).__name__}")


def toml(value: object) -> str:
    """A TOML literal for a string (a basic string), number or bool: how spec strings (a title,
    a description) reach pyproject.toml. Every control character is escaped, so no value can end
    the string or start a table."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        out = []
        for char in value:
            if char in ('"', "\\"):
                out.append("\\" + char)
            elif char == "\n":
                out.append("\\n")
            elif char == "\t":
                out.append("\\t")
            elif ord(char) < 0x20 or ord(char) == 0x7F:
                out.append(f"\\u{ord(char):04x}")
            elif 0xD800 <= ord(char) <= 0xDFFF:  # a lone surrogate is no character TOML can hold
                out.append(f"\\\\u{ord(char):04x}")
            else:
                out.append(char)
        return '"' + "".join(out) + '"'
    if isinstance(value, jinja2.Undefined):  # say which name is undefined
        value._fail_with_undefined_error()
    raise TypeError(f"toml renders strings, integers and bools only, not {type(value).__name__}")


def _escape_doc_char(char: str) -> str:
    if char == "\\":
        return "\\\\"
    if char == '"':
        return '\\"'
    if char == "\n" or char.isprintable():
        return char
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def _fill_line(line: str) -> str:
    """One line of a structured paragraph, wrapped with its indent kept (and 4 more after)."""
    line = line.expandtabs(4)
    words = line.split()
    if not words:
        return ""
    indent = " " * (len(line) - len(line.lstrip()))
    return textwrap.fill(
        " ".join(words),
        width=_DOC_WIDTH,
        initial_indent=indent,
        subsequent_indent=indent + "    ",
        break_long_words=False,
        break_on_hyphens=False,
    )


def _fill_paragraph(paragraph: str) -> str:
    """Prose is re-wrapped; a paragraph with indented lines (an `Args:` section, a list) keeps
    its lines and their indents, each line wrapped on its own."""
    lines = paragraph.split("\n")
    if any(line[:1].isspace() for line in lines if line.strip()):
        return "\n".join(_fill_line(line) for line in lines if line.strip())
    return textwrap.fill(" ".join(paragraph.split()), width=_DOC_WIDTH)


def docstring(text: str | None, indent: int = 4) -> str:
    """A triple-quoted docstring literal whose content cannot end the string or inject code."""
    raw = (text or "").replace("\r\n", "\n").replace("\r", "\n").strip()
    paragraphs = [_fill_paragraph(paragraph) for paragraph in re.split(r"\n[ \t]*\n", raw)]
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


def model_aliases(api: Api) -> dict[str, str]:
    """Class names of `$ref` aliases -> the class each finally names (SchemaInfo.alias_of)."""
    return {info.class_name: info.alias_of for info in api.schemas if info.alias_of}


def collapse_aliases(annotation: str, aliases: Mapping[str, str]) -> str:
    """`annotation` with every `models.Alias` replaced by the model it names: a client returns
    `models.Job`, not a RootModel around it that needs `.root`."""
    if not aliases:
        return annotation
    return _MODEL_REFERENCE.sub(lambda match: "models." + aliases.get(match[1], match[1]), annotation)


def _is_generic_id(name: str) -> bool:
    return re.sub(r"[^a-z]", "", name.lower()) in GENERIC_ID_NAMES


def _singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 3:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 1:
        return word[:-1]
    return word


def resource_id_names(op: Operation) -> Operation:
    """`op` with each generic path id named after the collection before it: `/jobs/{UUID}` ->
    `job_id`, `/characterizations/{id}` -> `characterization_id`.

    Only placeholders named like `id`, `UUID` or `guid` right after a plain path segment are
    renamed, and only to a name no other parameter of the operation (or the method itself) uses;
    otherwise the IR's name stays. The wire name never changes.
    """
    segments = op.path.strip("/").split("/")
    wanted: dict[str, str] = {}
    for before, segment in itertools.pairwise(segments):
        match = _PLACEHOLDER.match(segment)
        if match is None or not _COLLECTION.match(before):
            continue
        if _is_generic_id(match[1]):
            wanted[match[1]] = snake_case(_singular(before)) + "_id"
    if not wanted:
        return op
    taken = set(RESERVED_ARGUMENTS)
    taken.update(p.python_name for p in op.parameters if not (p.location == "path" and p.name in wanted))
    renamed = []
    for param in op.parameters:
        name = wanted.get(param.name) if param.location == "path" else None
        if name and name not in taken and name.isidentifier() and not keyword.iskeyword(name):
            taken.add(name)
            renamed.append(replace(param, python_name=name))
        else:
            renamed.append(param)
    return replace(op, parameters=tuple(renamed))


def _client_parameter(param: Parameter, aliases: Mapping[str, str]) -> ClientParameter:
    optional = not param.required
    annotation = collapse_aliases(param.type.annotation, aliases)
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


# --- docstrings ---------------------------------------------------------------------------------


def _prose(text: str | None) -> str:
    """Spec prose flattened to one line, for a section entry."""
    return " ".join((text or "").split())


def _status_phrase(status: str) -> str | None:
    try:
        return http.HTTPStatus(int(status)).phrase
    except ValueError:
        return None


def _status_note(response: Response) -> str:
    """`404`, plus the spec's description when it says more than the standard phrase."""
    described = _prose(response.description)
    label = response.status if response.status[:1].isdigit() else "any other status"
    if described and described.lower() != (_status_phrase(response.status) or "").lower():
        return f"{label} ({described})"
    return label


def _statuses(notes: Sequence[str]) -> str:
    """Statuses as one sentence, e.g. `HTTP 500, 502 or 503.`"""
    listed = notes[0] if len(notes) == 1 else ", ".join(notes[:-1]) + " or " + notes[-1]
    return ("HTTP " + listed if listed[:1].isdigit() else listed[:1].upper() + listed[1:]) + "."


def _error_class(status: str) -> str:
    """The runtime error class a status maps to (ionqkit.runtime.errors.status_error_class)."""
    from ionqkit.runtime.errors import APIStatusError, ServerError, status_error_class

    if ascii_digits(status):
        return status_error_class(int(status)).__name__
    return ServerError.__name__ if status.upper() == "5XX" else APIStatusError.__name__


def _param_doc(param: Parameter) -> str:
    where = {"path": "in the path", "query": "in the query", "header": "as a header", "cookie": "as a cookie"}
    sent = f"sent {where[param.location]} as `{param.name}`"
    text = _prose(param.description)
    if (
        not text
        and param.location == "path"
        and _is_generic_id(param.name)
        and param.python_name.endswith("_id")
    ):
        text = f"The id of the {param.python_name.removesuffix('_id').replace('_', ' ')}"
    text = f"{text.rstrip('.')} ({sent})." if text else f"{sent[0].upper()}{sent[1:]}."
    if not param.required:
        text += " Optional: None leaves it out"
        if param.has_default:
            text += f", and the server uses its default, {param.default!r}"
        text += "."
    return text


def _operation_doc(item: ClientOperation) -> OperationDoc:
    op = item.op
    auth_header = item.auth_header
    paragraphs = [
        part.strip() for part in re.split(r"\n[ \t]*\n", (op.description or "").strip()) if part.strip()
    ]
    if op.summary and op.summary.strip():
        summary = op.summary.strip()
    elif paragraphs:
        summary = paragraphs.pop(0)
    else:
        summary = op.python_name.replace("_", " ").capitalize() + "."
    notes = []
    if op.deprecated:
        notes.append("Deprecated: the spec marks this operation as deprecated.")
    if item.creates_job:
        linted = (
            "The payload is linted first (validate=False skips that)"
            if item.lints_by_default
            else "The payload is linted first only by a client given a linter (Client(linter=...))"
        )
        notes.append(
            f"{linted}; not retried unless the client has retry_create=True, since a repeated POST can "
            "run and bill a job twice."
        )
    args = [DocEntry(p.param.python_name, _param_doc(p.param)) for p in item.path_params]
    if item.body_arg:
        body = item.body_annotation or "Any"
        if item.op.request_body and item.op.request_body.type.model:
            text = f"The request body: a `{body.split(' | ')[0]}`, or a mapping of the same wire fields."
        else:
            text = f"The request body (`{body}`)."
        if item.creates_job:
            text = "The job to create. " + text
        args.append(DocEntry(item.body_arg, text + (" Optional." if item.body_optional else "")))
    args += [DocEntry(p.param.python_name, _param_doc(p.param)) for p in item.keyword_params]
    if item.creates_job:
        args.append(
            DocEntry("validate", "Lint the payload before sending it (None: the client's `validate`).")
        )
    args += [
        DocEntry(
            "timeout",
            "Timeout for this call: seconds, an httpx.Timeout, or None for none (default: the client's).",
        ),
        DocEntry(
            "extra_headers",
            f"Headers added to this request, over the client's; they may not set `{auth_header}`.",
        ),
    ]
    success = op.success
    if item.response_kind == "none":
        returns = DocEntry("None", f"The {success.status if success else 'success'} response has no body.")
    else:
        status = success.status if success else "success"
        described = _prose(success.description) if success else ""
        text = f"The decoded body of the {status} response"
        if described and described.lower() != (_status_phrase(status) or "").lower():
            text += f" ({described})"
        returns = DocEntry(item.return_annotation, text + ".")
    raised: dict[str, list[str]] = {}
    for response in op.responses:
        if response.status[:1] in {"1", "2", "3"}:
            continue
        raised.setdefault(_error_class(response.status), []).append(_status_note(response))
    raises = [DocEntry(name, _statuses(notes_)) for name, notes_ in raised.items()]
    if "APIStatusError" not in raised:
        raises.append(DocEntry("APIStatusError", "Any other error status."))
    if op.auth_required:
        raises.append(DocEntry("MissingAPIKeyError", "No API key was given; nothing is sent."))
    if item.creates_job:
        raises.append(
            DocEntry("PayloadValidationError", "The linter found errors in the payload; nothing is sent.")
        )
    if item.response_kind != "none":
        raises.append(DocEntry("ResponseDecodeError", "The success response does not match the spec."))
    raises.append(
        DocEntry(
            "APIConnectionError",
            "No usable response arrived (APITimeoutError, DeadlineExceededError: not in time).",
        )
    )
    return OperationDoc(
        summary=summary,
        description="\n\n".join(paragraphs) or None,
        request_line=f"{item.method} {op.path}",
        notes=tuple(notes),
        args=tuple(args),
        returns=returns,
        raises=tuple(raises),
    )


def _client_operation(
    op: Operation, taken: set[str], aliases: Mapping[str, str], auth_header: str, lints: bool
) -> ClientOperation:
    op = resource_id_names(op)
    _check_names(op)
    params = [_client_parameter(param, aliases) for param in op.parameters if param.location != "path"]
    path_params = tuple(
        _client_parameter(param, aliases) for param in op.parameters if param.location == "path"
    )
    used = {param.python_name for param in op.parameters}
    body_arg = body_annotation = None
    body_optional = False
    if op.request_body is not None:
        body_arg = next(name for name in ("body", "payload", "request_body") if name not in used)
        body_type = op.request_body.type
        body_annotation = collapse_aliases(body_type.annotation, aliases)
        if body_type.model is not None:
            body_annotation += " | Mapping[str, Any]"
        body_optional = not op.request_body.required
        if body_optional:
            body_annotation = _optional_annotation(body_annotation, body_type.nullable)
    success = op.success
    kind = _response_kind(success.media_type if success else None)
    returns = (
        "Any"
        if success is None or success.type is None
        else collapse_aliases(success.type.annotation, aliases)
    )
    if kind == "none":
        returns = "None"
    iter_name = item_annotation = None
    iter_params: tuple[ClientParameter, ...] = ()
    if op.pagination is not None:
        iter_name = _iter_name(op, taken)
        taken.add(iter_name)
        iter_params = tuple(p for p in params if p.param.python_name != op.pagination.cursor_param)
        item_annotation = collapse_aliases(op.pagination.item_type.annotation, aliases)
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
        auth_header=auth_header,
        lints_by_default=lints,
    )


def client_operations(api: Api, *, standalone: bool = False) -> list[ClientOperation]:
    taken = {op.python_name for op in api.operations}
    aliases = model_aliases(api)
    header = _auth_header(api)
    return [_client_operation(op, taken, aliases, header, not standalone) for op in api.operations]


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


def _auth_header(api: Api) -> str:
    scheme = auth_scheme(api)
    return scheme.parameter_name if scheme and scheme.parameter_name else "Authorization"


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
        # Every method takes `extra_headers: Mapping[str, str] | None`.
        mapping=bool(operations),
        any=any(re.search(r"\bAny\b", text) for text in annotations),
        type_adapter=any(item.response_kind != "none" for item in operations),
        param=any(item.op.parameters for item in operations),
        pagination=any(item.iter_name for item in operations),
        polling=job_getter is not None,
    )


@dataclass(frozen=True)
class Settings:
    """What the template context says beyond the IR: how the output is built and regenerated."""

    regenerate: str = "ionqkit generate"  # the command that regenerates the output
    runtime: str = "ionqkit.runtime"  # the module the client imports its runtime from
    project: Distribution | None = None  # standalone output: the distribution the project files describe


@dataclass(frozen=True)
class Rendered:
    """Rendered templates: package files (P/NAME) and project files (beside the package)."""

    package: dict[str, str]
    project: dict[str, str]
    skipped: tuple[str, ...]  # project templates of the user's not rendered: there is no project


#: Files the generator writes itself that a template could produce: a package template makes a
#: top-level *.py or *.pyi (see is_project_template), so only models.py; the package's other files
#: (py.typed, MANIFEST.json, CHANGES.md...) share no name with a package template's output, and a
#: project template's output lands beside the package, not in it.
RESERVED_OUTPUTS = frozenset({"models.py"})


def template_context(api: Api, settings: Settings | None = None) -> dict[str, Any]:
    """The variables every template receives (documented in templates/README.md)."""
    settings = settings or Settings()
    operations = client_operations(api, standalone=settings.project is not None)
    job_getter = find_job_getter(operations)
    scheme = auth_scheme(api)
    return {
        "api": api,
        "operations": operations,
        "job_getter": job_getter,
        "default_base_url": api.servers[0] if api.servers else "",
        "auth_header": _auth_header(api),
        "auth_prefix": scheme.prefix if scheme else "apiKey ",
        "aliases": model_aliases(api),
        "uses": _uses(operations, job_getter),
        "regenerate": settings.regenerate,
        "runtime": settings.runtime,
        "standalone": settings.project is not None,
        "project": settings.project,
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
    env.filters["toml"] = toml
    return env


def is_helper(name: str) -> bool:
    """`_macros.jinja` is a helper (imported or included, no output); `__init__.py.jinja` is not."""
    return name.startswith("_") and not name.startswith("__")


def output_templates(env: jinja2.Environment) -> list[str]:
    """Top-level `*.jinja` templates (not helpers, not in subfolders) across all search dirs."""
    names = env.list_templates(filter_func=lambda name: name.endswith(".jinja"))
    return sorted(name for name in names if "/" not in name and not is_helper(name))


def render_clients(api: Api, template_dirs: Sequence[Path] = ()) -> dict[str, str]:
    """The package files the templates make for `api` (see render_templates)."""
    return render_templates(api, template_dirs).package


def render_templates(
    api: Api, template_dirs: Sequence[Path] = (), settings: Settings | None = None
) -> Rendered:
    """Render every output template for `api`: `*.py.jinja` (and `*.pyi.jinja`) into the package,
    any other into the project beside it, which only standalone output has (settings.project)."""
    settings = settings or Settings()
    for directory in template_dirs:
        if not Path(directory).is_dir():
            raise InputError("template directory does not exist", file=str(directory))
    env = make_environment(template_dirs)
    context = template_context(api, settings)
    package: dict[str, str] = {}
    project: dict[str, str] = {}
    skipped: list[str] = []
    for name in output_templates(env):
        output = name.removesuffix(".jinja")
        into_project = is_project_template(name)
        if into_project and settings.project is None:
            if not _template_path(env, name).startswith(str(TEMPLATES_DIR)):
                skipped.append(name)
            continue
        if output in RESERVED_OUTPUTS or (into_project and output == api.package):
            raise InputError(
                f"template {name} would write {output}, which ionqkit writes itself; rename the template",
                file=_template_path(env, name),
            )
        try:
            text = env.get_template(name).render(context)
        except jinja2.TemplateSyntaxError as exc:
            raise InputError(
                f"template syntax: {exc.message}", file=exc.filename or name, line=exc.lineno
            ) from None
        except Exception as exc:  # an undefined name, a filter given the wrong thing: the template's
            raise template_error(exc, env, name) from None
        (project if into_project else package)[output] = text
    return Rendered(package, project, tuple(skipped))


def template_error(exc: Exception, env: jinja2.Environment, name: str) -> InputError:
    """`exc`, raised while rendering template `name`, as the template author's error, located.

    Jinja compiles templates to Python whose frames carry the template's file name and line, so
    the innermost such frame is the template line (a macro's, if it failed in a macro)."""
    file, line = _template_path(env, name), None
    templates = set(env.list_templates())
    tb = exc.__traceback__
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(".jinja") and (filename == file or Path(filename).name in templates):
            file, line = filename, tb.tb_lineno
        tb = tb.tb_next
    if isinstance(exc, jinja2.TemplateError):
        cause = exc.message or type(exc).__name__
    else:  # a filter's own refusal (TypeError, ValueError...)
        cause = f"{type(exc).__name__}: {exc}"
    return InputError(f"template failed to render: {cause}", file=file, line=line)


def _template_path(env: jinja2.Environment, name: str) -> str:
    """The file a template name resolves to (the first template folder that has it)."""
    loader = env.loader
    if isinstance(loader, jinja2.FileSystemLoader):
        for folder in loader.searchpath:
            if (Path(folder) / name).is_file():
                return str(Path(folder) / name)
    return name
