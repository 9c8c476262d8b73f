"""API-key authentication that cannot leak the key.

The key is held in a Secret whose repr/str are masked; every piece of request information that
reaches an error message or a log line goes through redact_headers first; everything a server sends
back into an error goes through redact() (masking.mask); and while a client with a key exists, no
log record of any logger holds it (logguard).
"""

from __future__ import annotations

import os
import weakref
from collections.abc import Mapping
from typing import Any

from . import logguard
from .errors import MissingAPIKeyError
from .masking import REDACTED, clip, mask

ENV_VAR = "IONQ_API_KEY"
__all__ = ["ENV_VAR", "REDACTED", "ApiKeyAuth", "Secret", "redact_headers"]


class Secret:
    """A string that shows itself only through reveal()."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def reveal(self) -> str:
        return self._value

    def __repr__(self) -> str:
        return "Secret(<redacted>)"

    __str__ = __repr__

    def __reduce__(self) -> tuple[object, ...]:
        # Pickling would write the key in clear into whatever stores the pickle.
        raise TypeError("Secret values cannot be pickled")


class ApiKeyAuth:
    """Builds the auth header (`Authorization: apiKey <key>` for IonQ) from a key or IONQ_API_KEY."""

    __slots__ = ("_key", "header", "prefix")

    def __init__(
        self,
        api_key: str | Secret | None = None,
        *,
        header: str = "Authorization",
        prefix: str = "apiKey ",
        environ: Mapping[str, str] | None = None,
    ) -> None:
        if api_key is None:
            api_key = (os.environ if environ is None else environ).get(ENV_VAR) or None
        if isinstance(api_key, str):
            api_key = Secret(api_key.strip()) if api_key.strip() else None
        self._key: Secret | None = api_key
        self.header = header
        self.prefix = prefix

    @property
    def has_key(self) -> bool:
        return self._key is not None

    def headers(self, *, required: bool) -> dict[str, str]:
        """The auth header to send; {} when no key is set and the operation does not need one."""
        if self._key is None:
            if required:
                raise MissingAPIKeyError(
                    f"this operation needs an API key: pass api_key=... or set {ENV_VAR}"
                )
            return {}
        return {self.header: self.prefix + self._key.reveal()}

    def redact(self, value: Any) -> Any:
        """`value` with the key (and any start of it 8 characters or longer) masked in every
        string inside it: servers and proxies can echo request headers into error bodies, which
        the error classes keep verbatim."""
        if self._key is None:
            return value
        if isinstance(value, str):
            return mask(value, self._key.reveal())
        if isinstance(value, dict):
            return {self.redact(k): self.redact(v) for k, v in value.items()}
        if isinstance(value, (list, tuple)):
            return type(value)(self.redact(item) for item in value)
        return value

    def clip(self, text: str, limit: int) -> str:
        """`text` cut to `limit` characters, the key masked before the cut (masking.clip)."""
        return clip(text, limit, None if self._key is None else self._key.reveal())

    def guard_logs_while(self, owner: object) -> None:
        """Mask the key in every log record for as long as `owner` (the client) exists."""
        if self._key is not None:
            key = self._key.reveal()
            logguard.register(key)
            weakref.finalize(owner, logguard.unregister, key)

    def __repr__(self) -> str:
        state = "set" if self._key is not None else "not set"
        return f"ApiKeyAuth(header={self.header!r}, key {state})"


#: Headers whose values are credentials, compared case-insensitively.
SENSITIVE_HEADERS = frozenset({"authorization", "proxy-authorization", "cookie", "set-cookie", "x-api-key"})


def redact_headers(headers: Mapping[str, str], extra: frozenset[str] = frozenset()) -> dict[str, str]:
    """A copy of `headers` safe to log or put into an exception."""
    hidden = SENSITIVE_HEADERS | {name.lower() for name in extra}
    return {name: (REDACTED if name.lower() in hidden else value) for name, value in headers.items()}
