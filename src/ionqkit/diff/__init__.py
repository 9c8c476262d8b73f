"""Spec diff: compare two OpenAPI documents and classify every change by a stable check id.

Entry points: `compare(old, new, renames=None) -> DiffReport` (compare.py), the renderers in
report.py, and the `ionqkit diff` command. Levels (ionqkit.findings.Severity) follow oasdiff's
ERR/WARN/INFO split; checks.py is the catalogue.
"""

from __future__ import annotations

from ionqkit.diff.compare import compare
from ionqkit.diff.model import Change, DiffReport
from ionqkit.diff.report import render, render_markdown

__all__ = ["Change", "DiffReport", "compare", "render", "render_markdown"]
