"""v0.3 -> v0.4 job-payload migration (`ionqkit migrate`)."""

from __future__ import annotations

from ionqkit.migrate.rewrite import Migration, Note, migrate_payload

__all__ = ["Migration", "Note", "migrate_payload"]
