"""Generated package for IonQ Cloud Platform API v0.3.

Do not edit: regenerate with `ionqkit generate`.

Responses are read leniently: a field or a string-enum value the spec does not list is kept
(`model.model_extra`; the enum member keeps its string) instead of failing the call. Requests
are strict: models built in code refuse what the spec does not allow, and job payloads are
linted before they are sent.
"""

from . import models
from .client import AsyncClient, Client

__all__ = ["AsyncClient", "Client", "models"]
