"""SARIF 2.1.0 (OASIS), one run, with every rule in the driver so viewers can show the docs."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import PurePath
from typing import Any

import orjson

from ionqkit import __version__
from ionqkit.validators.diagnostics import Diagnostic
from ionqkit.validators.registry import RULES

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFO_URI = "https://github.com/ionqkit/ionqkit/blob/main/docs/rules.md"


def render(diagnostics: Sequence[Diagnostic], files: int) -> str:
    codes = list(RULES)
    rules = [
        {
            "id": rule.code,
            "name": rule.name,
            "shortDescription": {"text": rule.summary},
            "fullDescription": {"text": rule.doc},
            "defaultConfiguration": {"level": rule.severity.value},
            "helpUri": f"{INFO_URI}#{rule.code.lower()}",
        }
        for rule in RULES.values()
    ]
    results = [_result(d, codes.index(d.code)) for d in diagnostics]
    document = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "ionqkit",
                        "version": __version__,
                        "informationUri": INFO_URI,
                        "rules": rules,
                    }
                },
                "results": results,
            }
        ],
    }
    return orjson.dumps(document, option=orjson.OPT_INDENT_2).decode() + "\n"


def _result(d: Diagnostic, index: int) -> dict[str, Any]:
    text = d.message if not d.hint else f"{d.message} (hint: {d.hint})"
    physical: dict[str, Any] = {"artifactLocation": {"uri": PurePath(d.file).as_posix()}}
    if d.line is not None:
        physical["region"] = {"startLine": d.line, "startColumn": d.column or 1}
    location: dict[str, Any] = {"physicalLocation": physical}
    if d.pointer:
        location["logicalLocations"] = [{"fullyQualifiedName": d.pointer, "kind": "member"}]
    return {
        "ruleId": d.code,
        "ruleIndex": index,
        "level": d.severity.value,
        "message": {"text": text},
        "locations": [location],
    }
