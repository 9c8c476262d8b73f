"""Job-payload validation: payload -> parsed -> rules -> diagnostics -> formatter.

from ionqkit.validators import lint, check
for finding in lint(body_bytes):
    print(finding)          # file:line:col: IQ207 target 5 is outside input.qubits=5 (valid 0..4)
check(payload_dict)         # raises PayloadError listing every error
fixed = fix(body_text)      # fixed.after: the text with every safe fix applied (lint --fix)
"""

from __future__ import annotations

from ionqkit.findings import Severity
from ionqkit.validators.api import check, fix, lint
from ionqkit.validators.config import LintConfig
from ionqkit.validators.diagnostics import Diagnostic, PayloadError
from ionqkit.validators.fixes import Edit, Fix

TYPE_CHECKING = False  # typing is not imported at run time: see ionqkit/__init__.py
if TYPE_CHECKING:
    from typing import Any

    from ionqkit.validators.fixer import Fixed


def __getattr__(name: str) -> Any:
    # `Fixed` comes with the fix machinery, which a lint (and a client's pre-submit check) never
    # loads: import it when asked for (PEP 562).
    if name == "Fixed":
        from ionqkit.validators.fixer import Fixed

        return Fixed
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "Diagnostic",
    "Edit",
    "Fix",
    "Fixed",
    "LintConfig",
    "PayloadError",
    "Severity",
    "check",
    "fix",
    "lint",
]
