"""Generated package for IonQ Job. Do not edit: regenerate with `ionqkit generate`.

Responses are read leniently: a field or a string-enum value the spec does not list is kept
(`model.model_extra`; the enum member keeps its string) instead of failing the call. Models
built in code are strict: they refuse what the spec does not allow."""

from . import models

__all__ = ["models"]
