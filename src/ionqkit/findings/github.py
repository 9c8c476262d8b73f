"""GitHub Actions workflow commands: one `::error`/`::warning`/`::notice` annotation per finding.

Every name and message comes from the input, so each goes through ionqkit.escape (the one escaping)."""

from __future__ import annotations

from collections.abc import Iterable

from ionqkit.escape import github_data, github_property
from ionqkit.findings.located import Located


def annotation(finding: Located) -> str:
    props = [f"file={github_property(finding.file)}"]
    if finding.line is not None:
        props += [f"line={finding.line}", f"col={finding.column or 1}"]
    props.append(f"title={github_property(finding.code)}")
    return f"::{finding.severity.github} {','.join(props)}::{github_data(finding.message)}"


def render(findings: Iterable[Located]) -> str:
    return "".join(annotation(finding) + "\n" for finding in findings)
