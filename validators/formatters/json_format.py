"""Machine-readable findings. Schema (version 1; fields are only ever added):

{"version": 1,
 "diagnostics": [{"file": str, "code": str, "severity": "error" | "warning",
                  "pointer": str (RFC 6901, "" = whole payload),
                  "line": int | null, "column": int | null (1-based),
                  "message": str, "hint": str | null}],
 "summary": {"files": int, "errors": int, "warnings": int, "by_code": {code: count}}}
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import orjson

from ionqkit.validators.diagnostics import Diagnostic

SCHEMA_VERSION = 1


def render(diagnostics: Sequence[Diagnostic], files: int) -> str:
    errors = sum(d.is_error for d in diagnostics)
    document = {
        "version": SCHEMA_VERSION,
        "diagnostics": [
            {
                "file": d.file,
                "code": d.code,
                "severity": d.severity.value,
                "pointer": d.pointer,
                "line": d.line,
                "column": d.column,
                "message": d.message,
                "hint": d.hint,
            }
            for d in diagnostics
        ],
        "summary": {
            "files": files,
            "errors": errors,
            "warnings": len(diagnostics) - errors,
            "by_code": dict(sorted(Counter(d.code for d in diagnostics).items())),
        },
    }
    return orjson.dumps(document, option=orjson.OPT_INDENT_2).decode() + "\n"
