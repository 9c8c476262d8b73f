"""Iterating over cursor-paginated list operations (`next` in the response, `next=` in the query).

An error here quotes a cursor the server sent, so it goes through the client's `redact` (which
masks the API key, as in every other error) before it is raised.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, Mapping
from typing import Any, TypeVar

from pydantic import BaseModel, RootModel

from .errors import IonQAPIError

P = TypeVar("P")

#: The client's error masking (`_ClientCore._redacted`): the key masked in every attribute.
Redact = Callable[[IonQAPIError], IonQAPIError]


def wire_field(obj: Any, name: str) -> Any:
    """The value of the field a response calls `name` (models may rename fields; aliases keep it).

    RootModel wrappers (a response that is a union of job shapes, say) are looked through.
    """
    while isinstance(obj, RootModel):
        obj = obj.root
    if isinstance(obj, Mapping):
        return obj.get(name)
    if isinstance(obj, BaseModel):
        for attribute, info in type(obj).model_fields.items():
            if (info.alias or attribute) == name:
                return getattr(obj, attribute)
        return (obj.model_extra or {}).get(name)
    return getattr(obj, name, None)


def page_items(page: Any, items_field: str) -> list[Any]:
    items = wire_field(page, items_field)
    return list(items) if items else []


def _next_cursor(page: Any, next_field: str, previous: str | None, redact: Redact) -> str | None:
    cursor = wire_field(page, next_field)
    if cursor is None or cursor == "":
        return None
    cursor = str(cursor)
    if cursor == previous:
        # A server that hands back the cursor it was given would make this loop forever.
        raise redact(
            IonQAPIError(f"pagination did not advance: the server returned {next_field}={cursor!r} again")
        )
    return cursor


def iter_pages(fetch: Callable[[str | None], P], next_field: str, *, redact: Redact) -> Iterator[P]:
    """Pages from `fetch(None)`, then `fetch(cursor)` while the page carries a cursor."""
    cursor: str | None = None
    while True:
        page = fetch(cursor)
        yield page
        cursor = _next_cursor(page, next_field, cursor, redact)
        if cursor is None:
            return


async def aiter_pages(
    fetch: Callable[[str | None], Awaitable[P]], next_field: str, *, redact: Redact
) -> AsyncIterator[P]:
    cursor: str | None = None
    while True:
        page = await fetch(cursor)
        yield page
        cursor = _next_cursor(page, next_field, cursor, redact)
        if cursor is None:
            return
