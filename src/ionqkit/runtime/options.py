"""Per-call options every generated method takes: `timeout` and `extra_headers`.

`timeout` follows httpx: a number sets every phase (connect, read, write, pool), an httpx.Timeout
sets them one by one, None turns them off. So None cannot also mean "use the client's timeout";
NOT_GIVEN, the default, means that.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final, Literal, TypeAlias

import httpx

__all__ = ["NOT_GIVEN", "NotGiven", "RequestTimeout", "as_timeout", "check_headers"]


class NotGiven:
    """The default of an option the caller left out (where None is a meaningful value)."""

    _instance: NotGiven | None = None

    def __new__(cls) -> NotGiven:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __bool__(self) -> Literal[False]:
        return False

    def __repr__(self) -> str:
        return "NOT_GIVEN"

    def __reduce__(self) -> str:
        return "NOT_GIVEN"  # unpickles as the module attribute: still the one instance


NOT_GIVEN: Final = NotGiven()

#: What a `timeout` argument accepts (seconds, per-phase httpx.Timeout, or None for none).
RequestTimeout: TypeAlias = float | httpx.Timeout | None


def as_timeout(value: RequestTimeout) -> httpx.Timeout:
    return value if isinstance(value, httpx.Timeout) else httpx.Timeout(value)


def check_headers(headers: Mapping[str, str] | None, auth_header: str, argument: str) -> None:
    """Refuse headers that would replace the API key's header.

    The key goes in `api_key` (or IONQ_API_KEY), where the client masks it in errors and logs; a
    key slipped in through a header would be sent without that protection, and silently replacing
    or dropping either of the two would send a key the caller did not mean to send.
    """
    for name in headers or {}:
        if name.strip().lower() == auth_header.lower():
            raise ValueError(
                f"{argument} cannot set the {auth_header} header: pass the key as api_key=... "
                "(or set IONQ_API_KEY), so that it is masked in errors and logs"
            )
