"""SARIF 2.1.0 (OASIS): one run, with every rule of the registry in the driver so viewers can show
the docs, and one result per finding."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import PurePath
from typing import Any

import orjson

from ionqkit import __version__
from ionqkit.findings.located import Located
from ionqkit.findings.rules import Registry

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def render(registry: Registry, findings: Iterable[Located], *, info_uri: str) -> str:
    codes = {code: index for index, code in enumerate(registry)}
    rules = [
        {
            "id": rule.code,
            "name": rule.name,
            "shortDescription": {"text": rule.summary},
            "fullDescription": {"text": rule.doc or rule.summary},
            "defaultConfiguration": {"level": rule.severity.sarif},
            "helpUri": f"{info_uri}#{rule.code.lower()}",
        }
        for rule in registry.values()
    ]
    document = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "ionqkit",
                        "version": __version__,
                        "informationUri": info_uri,
                        "rules": rules,
                    }
                },
                "results": [_result(finding, codes[finding.code]) for finding in findings],
            }
        ],
    }
    return orjson.dumps(document, option=orjson.OPT_INDENT_2).decode() + "\n"


def _result(finding: Located, index: int) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": {"uri": PurePath(finding.file).as_posix()}}
    if finding.line is not None:
        physical["region"] = {"startLine": finding.line, "startColumn": finding.column or 1}
    location: dict[str, Any] = {"physicalLocation": physical}
    if finding.pointer:
        location["logicalLocations"] = [{"fullyQualifiedName": finding.pointer, "kind": "member"}]
    return {
        "ruleId": finding.code,
        "ruleIndex": index,
        "level": finding.severity.sarif,
        "message": {"text": finding.message},
        "locations": [location],
    }
