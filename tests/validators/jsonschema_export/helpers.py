"""Exporting a schema and reading where it rejects a payload, as the tests compare it with lint."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from ionqkit.spec.pointers import escape_pointer_token
from ionqkit.validators import LintConfig
from ionqkit.validators.jsonschema_export import dumps, export


def schema_for(config: LintConfig | None = None) -> dict[str, Any]:
    config = config or LintConfig()
    return export(config.facts(), config.catalog())


@functools.cache
def default_validator() -> Draft202012Validator:
    return Draft202012Validator(schema_for())


def validator_for(limits: Mapping[str, float] | None = None) -> Draft202012Validator:
    if not limits:
        return default_validator()
    return Draft202012Validator(schema_for(LintConfig(limits=dict(limits))))


def pointers(errors: Iterable[ValidationError]) -> set[str]:
    """Where each error is, as a JSON pointer. An error about a property's name (an unknown key, a
    key too long) is where that property is, as editors show it and as lint reports it; jsonschema
    puts it on the object holding the property."""
    found: set[str] = set()
    for error in errors:
        base = "".join(f"/{escape_pointer_token(str(token))}" for token in error.absolute_path)
        if error.validator == "additionalProperties" and error.validator_value is False:
            known = set(error.schema.get("properties", {})) if isinstance(error.schema, dict) else set()
            instance: Any = error.instance
            found.update(f"{base}/{escape_pointer_token(key)}" for key in instance if key not in known)
        elif "propertyNames" in error.relative_schema_path:
            found.add(f"{base}/{escape_pointer_token(str(error.instance))}")
        else:
            found.add(base)
    return found


def rejected_at(validator: Draft202012Validator, data: Any) -> set[str]:
    return pointers(validator.iter_errors(data))


__all__ = ["default_validator", "dumps", "pointers", "rejected_at", "schema_for", "validator_for"]
