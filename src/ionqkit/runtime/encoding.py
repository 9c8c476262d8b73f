"""Turning Python arguments into the wire: path segments, query pairs and JSON bodies.

Query serialization follows OpenAPI 3 `style: form`: arrays repeat the key when `explode` is true
(the default: `ids=a&ids=b`) and are comma-joined when it is false (`ids=a,b`); objects become
`k=v` pairs (explode) or `name=k,v,k2,v2`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

from pydantic import BaseModel
from pydantic_core import to_jsonable_python


def ascii_digits(text: str) -> bool:
    """ionqkit.numerals.ascii_digits, repeated: the runtime is copied into standalone packages,
    where ionqkit is absent (tests/test_numerals.py checks that the two agree)."""
    return text.isascii() and text.isdigit()


def to_json_ready(value: Any) -> Any:
    """Plain JSON data from a pydantic model, a mapping or sequence that may hold models, or a scalar.

    Models are dumped with their wire names and without the fields the caller never set, so a
    model built from a partial payload sends exactly that payload (no nulls for unset optionals).
    """
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json", by_alias=True, exclude_unset=True)
    if isinstance(value, Mapping):
        return {str(key): to_json_ready(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_json_ready(item) for item in value]
    return to_jsonable_python(value, by_alias=True)


def _scalar_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return ""
    return str(value)


def query_pairs(name: str, value: Any, *, explode: bool = True) -> list[tuple[str, str]]:
    """The (key, value) pairs one query parameter contributes; [] when the value is None."""
    data = to_json_ready(value)
    if data is None:
        return []
    if isinstance(data, list):
        items = [_scalar_text(item) for item in data]
        if explode:
            return [(name, item) for item in items]
        return [(name, ",".join(items))]
    if isinstance(data, dict):
        if explode:
            return [(str(key), _scalar_text(item)) for key, item in data.items()]
        flat = [text for key, item in data.items() for text in (str(key), _scalar_text(item))]
        return [(name, ",".join(flat))]
    return [(name, _scalar_text(data))]


def path_segment(value: Any) -> str:
    """One path parameter, percent-encoded so that it cannot add path segments or a query."""
    data = to_json_ready(value)
    text = header_value(data)
    if text == "":
        raise ValueError("a path parameter cannot be empty")
    if text in {".", ".."}:
        # Dot segments would be resolved away by URL normalisation and move the request elsewhere.
        return text.replace(".", "%2E")
    return quote(text, safe="")


def header_value(value: Any) -> str:
    data = to_json_ready(value)
    if isinstance(data, list):
        return ",".join(_scalar_text(item) for item in data)
    return _scalar_text(data)


def expand_path(template: str, values: Mapping[str, Any]) -> str:
    """Fill the `{name}` placeholders of a path template from `values` (keyed by wire name)."""
    path = template
    for name, value in values.items():
        path = path.replace("{" + name + "}", path_segment(value))
    return path
