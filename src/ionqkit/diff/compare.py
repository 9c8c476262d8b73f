"""`compare(old, new, renames)`: the whole diff of two loaded specs as a DiffReport."""

from __future__ import annotations

from typing import Any

from ionqkit.diff.context import DiffContext
from ionqkit.diff.model import DiffReport, SpecInfo
from ionqkit.diff.renames import NO_RENAMES, Renames
from ionqkit.diff.walk import OperationWalker
from ionqkit.spec.loader import Document
from ionqkit.spec.pointers import join_pointer


def compare(
    old: Document,
    new: Document,
    renames: Renames | None = None,
    *,
    input_warnings: tuple[str, ...] = (),
) -> DiffReport:
    """Classify every difference between `old` and `new`; deterministic for the same inputs."""
    ctx = DiffContext(old, new, renames or NO_RENAMES)
    OperationWalker(ctx).run()
    _components(ctx)
    return DiffReport(
        old=SpecInfo(old.name, old.sha256),
        new=SpecInfo(new.name, new.sha256),
        changes=tuple(ctx.changes()),
        input_warnings=input_warnings,
    )


def _schemas(doc: Document) -> dict[str, Any]:
    components = doc.data.get("components") if isinstance(doc.data, dict) else None
    schemas = components.get("schemas") if isinstance(components, dict) else None
    return schemas if isinstance(schemas, dict) else {}


def _components(ctx: DiffContext) -> None:
    """Component schemas added, removed or renamed; their contents are compared where used."""
    old_schemas, new_schemas = _schemas(ctx.old), _schemas(ctx.new)
    base = "/components/schemas"
    renamed = {o: n for o, n in ctx.renames.schemas.items() if o in old_schemas and n in new_schemas}
    for name in sorted(old_schemas):
        where = f"components/schemas/{name}"
        if name in renamed:
            target = renamed[name]
            ctx.emit(
                "schema-renamed",
                f"schema {name!r} renamed to {target!r}",
                f"components/schemas/{target}",
                join_pointer(base, name),
                join_pointer(base, target),
            )
        elif name not in new_schemas:
            ctx.emit("schema-removed", f"schema {name!r} removed", where, join_pointer(base, name), base)
    for name in sorted(set(new_schemas) - set(old_schemas) - set(renamed.values())):
        where = f"components/schemas/{name}"
        ctx.emit("schema-added", f"schema {name!r} added", where, base, join_pointer(base, name))
