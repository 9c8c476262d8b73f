"""Forward-compatible responses, strict requests: the rewrite of models.py that makes it so.

One set of models serves both directions, so closedness is decided per validation, not per class:

- Validated as usual (a model built in code, `model_validate(data)`), a model is as strict as the
  spec: a field the spec closes out (`additionalProperties: false`) or an enum value it does not
  list is refused. That is what a request body is built from.
- Validated with `context={"response": True}` (the client decodes every response so), unknown
  fields are kept (attribute access, `model_extra`, and dumped back as they came) and an unknown
  value of a string enum becomes a member of that enum which keeps its string (`status ==
  "paused"`, `status.value`), so a server that grows a field or a status breaks no call.

The mechanism: every object model derives from `SpecModel` (extra fields allowed at the core;
a wrap validator refuses them afterwards unless the model is open or the call is a response) and
every string enum from `SpecEnum` (whose `_missing_` admits a new value only while a response is
being decoded). The prelude below is plain pydantic, so models.py still needs nothing but pydantic.
"""

from __future__ import annotations

import re

#: The validation context under which models decode leniently; the runtime passes it for responses.
RESPONSE_CONTEXT_KEY = "response"

_IMPORTS = """\
from contextvars import ContextVar
from typing import Any, ClassVar, Self

from pydantic import BaseModel, ConfigDict, ModelWrapValidatorHandler, ValidationInfo, model_validator
from pydantic_core import PydanticCustomError
"""

_PRELUDE = f'''\
# Set while a response is decoded, for SpecEnum._missing_ (an enum cannot see pydantic's context).
_DECODING_RESPONSE: ContextVar[bool] = ContextVar("decoding_response", default=False)


class SpecEnum(StrEnum):
    """A string enum of the spec. Decoding a response, a value the spec does not list becomes a
    member of the enum that keeps its string; anywhere else it is refused."""

    @classmethod
    def _missing_(cls, value: object) -> Self | None:
        if not (isinstance(value, str) and _DECODING_RESPONSE.get()):
            return None
        member = str.__new__(cls, value)
        member._name_ = value
        member._value_ = value
        return member


class SpecModel(BaseModel):
    """An object of the spec. Strict as the spec by default (what requests are built from);
    validated with `context={{"{RESPONSE_CONTEXT_KEY}": True}}`, as the client decodes responses, it keeps
    fields and string-enum values the spec does not know (see `model_extra`)."""

    model_config = ConfigDict(extra="allow")

    _closed: ClassVar[bool] = False  # True where the spec says additionalProperties: false

    @model_validator(mode="wrap")
    @classmethod
    def _lenient_for_responses(
        cls, data: Any, handler: ModelWrapValidatorHandler[Self], info: ValidationInfo
    ) -> Self:
        context = info.context
        response = isinstance(context, dict) and context.get("{RESPONSE_CONTEXT_KEY}") is True
        token = _DECODING_RESPONSE.set(response)
        try:
            model = handler(data)
        finally:
            _DECODING_RESPONSE.reset(token)
        if cls._closed and not response and model.model_extra:
            fields = ", ".join(repr(name) for name in model.model_extra)
            raise PydanticCustomError(
                "extra_forbidden",
                "unexpected field(s) {{fields}}: the spec allows no other fields in {{model}}",
                {{"fields": fields, "model": cls.__name__}},
            )
        return model
'''

_FUTURE = "from __future__ import annotations\n"
_CLASS = re.compile(r"^class (\w+)\((BaseModel|StrEnum)\):$")
_FORBID = re.compile(r"""^(\s+)extra=(['"])forbid\2,?\s*$""")
_CONFIG_END = re.compile(r"^    \)\s*$")


def open_for_responses(text: str) -> str:
    """models.py as datamodel-code-generator wrote it (unformatted) -> with SpecModel/SpecEnum.

    The generator's output is deterministic for a pinned version; a shape this does not expect
    (no future import, no class) leaves the text as it was rather than half-rewritten.
    """
    if _FUTURE not in text or "\nclass " not in text:
        return text
    out: list[str] = []
    closing = False  # inside a closed model's `model_config = ConfigDict(` call
    # Split on "\n" only: str.splitlines() also splits on form feeds, U+2028 and the like, which a
    # spec's strings may carry inside the generated string literals.
    for line in text.split("\n"):
        head = _CLASS.match(line)
        if head:
            base = "SpecModel" if head.group(2) == "BaseModel" else "SpecEnum"
            out.append(f"class {head.group(1)}({base}):")
            continue
        if _FORBID.match(line):
            closing = True
            continue
        out.append(line)
        if closing and _CONFIG_END.match(line):
            out.append("    _closed: ClassVar[bool] = True")
            closing = False
    body = "\n".join(out)
    if not body.endswith("\n"):
        body += "\n"
    body = body.replace(_FUTURE, _FUTURE + "\n" + _IMPORTS, 1)
    # StrEnum must be importable for the prelude even when the spec has no enum.
    body = body.replace(_IMPORTS, _IMPORTS + "from enum import StrEnum\n", 1)
    first_class = body.index("\nclass ")
    return body[:first_class] + "\n\n" + _PRELUDE + "\n" + body[first_class:]
