"""IQ110-IQ112: the payload's API version against the one asked for."""

from __future__ import annotations

from ionqkit.validators.context import Context, JobView
from ionqkit.validators.fixes import MigrateToV04, RemoveMember, RenameKey, Request
from ionqkit.validators.registry import IQ110, IQ111, IQ112
from ionqkit.validators.view import detect_version

TYPE_CHECKING = False  # typing is not imported at run time: see ionqkit/__init__.py
if TYPE_CHECKING:
    from typing import Any

_MIGRATION = (
    'to migrate: rename `target` to `backend`; add `"type": "ionq.circuit.v1"` (or '
    "`ionq.multi-circuit.v1` with `input.circuits`); drop `input.format`; set `input.gateset` "
    "explicitly; move `error_mitigation.debias` to `settings.error_mitigation.debiasing`"
)


def check(view: JobView, ctx: Context, requested: str) -> None:
    data = view.data
    if "body" in data and "input" not in data:
        ctx.emit(
            IQ111,
            "/body",
            "the circuit is in `body` (with `lang`), the form older cirq-ionq releases sent to v0.3",
            "move `body` to `input` and drop `lang` (v0.4 reads only `input`)",
            fix=_legacy_fix(data, view.version, requested),
        )
    if requested == "v0.4" and view.version == "v0.3":
        ctx.emit(IQ110, "", "this is a v0.3 payload, checked as v0.4", _MIGRATION, fix=(MigrateToV04(),))
    elif requested == "v0.3" and view.version == "v0.4":
        ctx.emit(
            IQ112,
            "",
            "this is a v0.4 payload (it has `backend` or `type`), checked as v0.3",
            "lint with --api-version v0.4 (or auto), or use `target` and `error_mitigation.debias`",
        )


def _legacy_fix(data: dict[str, Any], version: str, requested: str) -> tuple[Request, ...]:
    """`body` -> `input` and no `lang`, as `ionqkit migrate` reads that form; only where the
    payload is read as the same version afterwards (`body` is one of the fields that say v0.3)."""
    body = data["body"]
    if data.get("lang") != "json" or not isinstance(body, dict):
        return ()
    after = {key: value for key, value in data.items() if key not in ("body", "lang")}
    after["input"] = body
    if detect_version(after, requested) != version:
        return ()
    return (RenameKey("/body", "input"), RemoveMember("/lang"))
