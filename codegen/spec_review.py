"""Regeneration on spec changes: diff the spec a package was generated from against the new one.

Each generated package keeps `spec.snapshot.json`, the normalized spec (overlay applied, keys
sorted) it was generated from, and `CHANGES.md`, one Markdown section per spec change. Before a
stale package is regenerated, `review()` diffs the snapshot against the new spec:

- no snapshot yet: first generation, nothing to compare (CHANGES.md says so);
- breaking changes (ERR) and no --allow-breaking / ALLOW_BREAKING=1: the review is blocked, and
  the generator writes nothing for any package;
- otherwise the package gets the new snapshot and CHANGES.md with the classified summary appended.

Everything written is a pure function of the inputs (no dates), so generation stays reproducible.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ionqkit.spec.inputs import read_text_file
from ionqkit.spec.loader import Document, load_path

if TYPE_CHECKING:
    from ionqkit.diff.model import DiffReport

SNAPSHOT = "spec.snapshot.json"
CHANGES = "CHANGES.md"
CHANGES_TITLE = "# API changes\n\nOne section per spec change, newest last (written by `ionqkit generate`).\n"


@dataclass
class Review:
    package: str
    report: DiffReport | None  # None on first generation
    blocked: bool
    files: dict[str, bytes] = field(default_factory=dict)  # snapshot and CHANGES.md for the package

    def summary(self) -> str:
        if self.report is None:
            return f"{self.package}: first generation, spec snapshot recorded"
        from ionqkit.diff.report import render_text

        return render_text(self.report).rstrip("\n")


def snapshot_bytes(data: Any) -> bytes:
    return (json.dumps(data, sort_keys=True, indent=1, ensure_ascii=False) + "\n").encode("utf-8")


def review(package: str, package_dir: Path, new: Document, *, spec_name: str, allow_breaking: bool) -> Review:
    """Compare the package's snapshot with `new` (the loaded, overlaid spec)."""
    snapshot_path = package_dir / SNAPSHOT
    changes_path = package_dir / CHANGES
    changes = read_text_file(changes_path) if changes_path.is_file() else CHANGES_TITLE
    new_snapshot = snapshot_bytes(new.data)
    if not snapshot_path.is_file():
        entry = f"\n### `{spec_name}`\n\nFirst generation from spec sha256 `{new.sha256[:12]}`.\n"
        files = {SNAPSHOT: new_snapshot, CHANGES: (changes + entry).encode("utf-8")}
        return Review(package, None, blocked=False, files=files)
    # The differ is imported only here: a first generation has nothing to compare.
    from ionqkit.diff.compare import compare
    from ionqkit.diff.report import render_markdown
    from ionqkit.findings import Severity

    old = load_path(snapshot_path, name=f"{package}/{SNAPSHOT}")
    report = compare(old, new)  # locations in NEW are lines of the spec file itself
    blocked = report.max_level is Severity.ERROR and not allow_breaking
    files = {SNAPSHOT: new_snapshot, CHANGES: changes.encode("utf-8")}
    if report.changes:
        files[CHANGES] = (changes + "\n" + render_markdown(report)).encode("utf-8")
    return Review(package, report, blocked=blocked, files=files)
