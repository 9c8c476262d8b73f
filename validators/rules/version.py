"""IQ110-IQ112: the payload's API version against the one asked for."""

from __future__ import annotations

from ionqkit.validators.context import Context, JobView
from ionqkit.validators.registry import IQ110, IQ111, IQ112

_MIGRATION = (
    'to migrate: rename `target` to `backend`; add `"type": "ionq.circuit.v1"` (or '
    "`ionq.multi-circuit.v1` with `input.circuits`); drop `input.format`; set `input.gateset` "
    "explicitly; move `error_mitigation.debias` to `settings.error_mitigation.debiasing`"
)


def check(view: JobView, ctx: Context, requested: str) -> None:
    if "body" in view.data and "input" not in view.data:
        ctx.emit(
            IQ111,
            "/body",
            "the circuit is in `body` (with `lang`), the form older cirq-ionq releases sent to v0.3",
            "move `body` to `input` and drop `lang` (v0.4 reads only `input`)",
        )
    if requested == "v0.4" and view.version == "v0.3":
        ctx.emit(IQ110, "", "this is a v0.3 payload, checked as v0.4", _MIGRATION)
    elif requested == "v0.3" and view.version == "v0.4":
        ctx.emit(
            IQ112,
            "",
            "this is a v0.4 payload (it has `backend` or `type`), checked as v0.3",
            "lint with --api-version v0.4 (or auto), or use `target` and `error_mitigation.debias`",
        )
