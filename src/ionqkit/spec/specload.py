"""specs -> loaded & checked: parse, apply the overlay, then check the $refs of the result and
validate it (OpenAPI or JSON Schema) once: the patched document is what gets used.

The returned Document carries the patched data; its positions are those of the spec file, so
locations of nodes the overlay did not touch stay exact.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from ionqkit.errors import SpecError
from ionqkit.spec import refs
from ionqkit.spec.loader import Document, load_path
from ionqkit.spec.overlay import AppliedAction, apply_overlay
from ionqkit.spec.pointers import join_pointer

if TYPE_CHECKING:
    from jsonschema.exceptions import ValidationError

SpecKind = Literal["openapi", "jsonschema"]


@dataclasses.dataclass(frozen=True)
class LoadedSpec:
    document: Document  # overlay applied
    kind: SpecKind
    overlay: Document | None
    applied: tuple[AppliedAction, ...]

    @property
    def data(self) -> Any:
        return self.document.data


def detect_kind(doc: Document) -> SpecKind:
    data = doc.data
    if not isinstance(data, dict):
        raise doc.error("expected a mapping at the top of the document", "", SpecError)
    if "openapi" in data:
        version = str(data["openapi"])
        if not version.startswith(("3.0", "3.1")):
            raise doc.error(f"OpenAPI {version} is not supported (3.0 and 3.1 are)", "/openapi", SpecError)
        return "openapi"
    if "swagger" in data:
        raise doc.error("Swagger 2.0 is not supported; convert it to OpenAPI 3", "/swagger", SpecError)
    if "$schema" in data or "type" in data or "properties" in data:
        return "jsonschema"
    raise doc.error("neither an OpenAPI document (no `openapi` key) nor a JSON Schema", "", SpecError)


def _pointer(path: Iterable[Any]) -> str:
    pointer = ""
    for token in path:
        pointer = join_pointer(pointer, token)
    return pointer


def _first_error(doc: Document, errors: Iterable[ValidationError], what: str) -> None:
    from jsonschema.exceptions import best_match

    first = next(iter(errors), None)
    if first is None:
        return
    # openapi-spec-validator's check of a `default` against its schema yields an error that
    # best_match cannot rank (it has no type checker) and that carries no path into the spec.
    best = first if first.absolute_path or first.absolute_schema_path else best_match([first])
    pointer = _pointer(best.absolute_path)
    if not pointer and best.validator not in (None, "$ref"):
        pointer = _default_pointer(doc.data, best.instance, str(best.validator), best.validator_value)
    raise doc.error(f"not a valid {what}: {best.message}", pointer, SpecError)


def _default_pointer(data: Any, instance: Any, keyword: str, value: Any) -> str:
    """Where a schema's `default` fails its own `keyword: value`; "" if no such place is found."""
    stack: list[tuple[str, Any]] = [("", data)]
    fallback = ""
    while stack:
        here, node = stack.pop()
        if isinstance(node, dict):
            if "default" in node and node.get(keyword) == value:
                if node["default"] == instance:
                    return join_pointer(here, "default")
                fallback = fallback or join_pointer(here, "default")
            stack.extend(reversed([(join_pointer(here, k), v) for k, v in node.items()]))
        elif isinstance(node, list):
            stack.extend(reversed([(join_pointer(here, i), v) for i, v in enumerate(node)]))
    return fallback


def validate(doc: Document, kind: SpecKind) -> None:
    """Raise SpecError (located) at the first problem. $refs are checked first: they bound the
    recursion of the validators, which otherwise take tens of seconds to fail on long chains.

    The validators are imported here, not at the top: loading without validation (the linter, a
    generation that validates later, in parallel with other work) should not pay for their import."""
    import jsonschema

    data = doc.data
    refs.check_refs(doc)
    try:
        if kind == "openapi":
            from openapi_spec_validator import OpenAPIV30SpecValidator, OpenAPIV31SpecValidator
            from openapi_spec_validator.schemas import schema_v30, schema_v31

            version = str(data.get("openapi", ""))
            is_31 = version.startswith("3.1")
            what = f"OpenAPI {version} document"
            validator_cls = OpenAPIV31SpecValidator if is_31 else OpenAPIV30SpecValidator
            try:
                _first_error(doc, validator_cls(data).iter_errors(), what)
            except SpecError:
                raise
            except Exception:
                # The semantic checks assume a structurally valid document and crash on some
                # invalid ones (e.g. a missing info.version); the meta-schema then names the fault.
                meta = schema_v31 if is_31 else schema_v30
                meta_cls = jsonschema.validators.validator_for(meta)
                _first_error(doc, meta_cls(meta).iter_errors(data), what)
                raise
        else:
            cls = jsonschema.validators.validator_for(data, default=jsonschema.Draft202012Validator)
            _first_error(doc, cls(cls.META_SCHEMA).iter_errors(data), f"JSON Schema ({cls.__name__})")
    except SpecError:
        raise
    except RecursionError:
        raise doc.error("schema nesting is too deep to validate", "", SpecError) from None
    except Exception as exc:  # the validators raise their own types on exotic input
        raise doc.error(f"validation failed: {type(exc).__name__}: {exc}", "", SpecError) from None


def load_spec(
    spec_path: Path | str,
    overlay_path: Path | str | None = None,
    *,
    name: str | None = None,
    check: bool = True,
) -> LoadedSpec:
    """Parse, check and patch one spec. Every failure is a located SpecError/InputError.

    check=False skips the OpenAPI/JSON Schema validation (not the $ref checks): for readers of
    specs that `make generate` has already validated, where start-up time matters (the linter).
    """
    spec = load_path(spec_path, name=name)
    overlay = None if overlay_path is None else load_path(overlay_path)
    return load_documents(spec, overlay, check=check)


def load_documents(spec: Document, overlay: Document | None = None, *, check: bool = True) -> LoadedSpec:
    """load_spec for documents already parsed (from bytes a caller has read, and hashed, once)."""
    kind = detect_kind(spec)
    if overlay is None:
        loaded = LoadedSpec(spec, kind, None, ())
    else:
        data, applied = apply_overlay(spec, overlay)
        loaded = LoadedSpec(dataclasses.replace(spec, data=data), kind, overlay, tuple(applied))
    # Only the document that is used is checked, once: validate() checks its $refs too.
    if check:
        check_valid(loaded)
    else:
        _after_overlay(loaded, refs.check_refs, loaded.document)
    return loaded


def check_valid(loaded: LoadedSpec) -> None:
    """Validate a loaded spec (OpenAPI or JSON Schema). With an overlay only the patched document is
    validated: that is what gets used. (The spec files themselves are validated by the tests.)"""
    _after_overlay(loaded, validate, loaded.document, loaded.kind)


def _after_overlay(loaded: LoadedSpec, check: Callable[..., None], *args: Any) -> None:
    try:
        check(*args)
    except SpecError as exc:
        if loaded.overlay is None:
            raise
        raise SpecError(
            f"after applying {loaded.overlay.name}: {exc.message}",
            file=exc.file,
            line=exc.line,
            column=exc.column,
            pointer=exc.pointer,
        ) from None


@lru_cache(maxsize=8)
def load_spec_cached(spec_path: str, overlay_path: str | None = None, check: bool = False) -> LoadedSpec:
    """load_spec for callers that ask for the same files repeatedly (the linter, the clients)."""
    return load_spec(spec_path, overlay_path, check=check)
