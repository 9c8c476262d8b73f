"""`ionqkit spec update NEW --spec FILE [--overlay FILE]`: move a spec file to a new upstream version.

The steps, each checked before anything is written:

1. read NEW (JSON or YAML, through the one bounded reader) and normalize it as our specs are
   normalized (spec/prose.py): upstream prose out, structure exactly upstream's;
2. carry over our own prose: every description (summary, code sample) written into the current
   spec file is kept where its JSON pointer still exists in the new spec, and listed as dropped
   where it does not (or where that place became a `$ref`, beside which OpenAPI 3.0 ignores it);
3. render the result as deterministic YAML under a header naming the upstream source, its
   info.version and its "Last updated" date, and parse it back: the text must give exactly the
   data meant (types included);
4. validate it (openapi-spec-validator), with errors located in NEW (normalizing changes no
   pointer);
5. apply the overlay, listing every action that matches nothing (to retarget or drop) and every
   update that matches but changes nothing (upstream may have fixed that defect), then validate
   the overlaid spec.

`plan_update` does all that and writes nothing; `write_update` replaces the spec file atomically,
refusing if it changed since it was read. The caller (cli/spec.py) prints the spec diff between the
two files and decides, from the plan, whether to write.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ionqkit.errors import SpecError
from ionqkit.escape import printable
from ionqkit.spec import specload
from ionqkit.spec.atomic import FileState, write_file_atomically
from ionqkit.spec.inputs import STDIN_NAME, os_input_error, read_file, read_stdin
from ionqkit.spec.loader import Document, load_bytes, load_path
from ionqkit.spec.overlay import OverlayCheck, check_overlay
from ionqkit.spec.pointers import node_at, unescape_pointer_token
from ionqkit.spec.prose import strip_prose

_LAST_UPDATED = re.compile(r"Last updated:\s*([^*\n]+?)\s*(?:\*|\n|$)")


@dataclass(frozen=True)
class Prose:
    """One of our descriptions (or summaries) and what became of it."""

    pointer: str  # of the member itself, ".../description"
    value: Any
    reason: str = ""  # why it was dropped; "" when kept


@dataclass(frozen=True)
class UpdatePlan:
    spec_path: Path
    upstream: Document  # NEW as read
    old: Document | None  # the current spec file; None when there is none yet
    new: Document  # the spec file as it would be written, parsed back from `content`
    content: bytes
    kept: tuple[Prose, ...]
    dropped: tuple[Prose, ...]
    overlay: Document | None = None
    overlay_check: OverlayCheck | None = None
    overlay_invalid: SpecError | None = None  # the overlay applies, but the result is not valid
    old_state: FileState | None = None

    @property
    def changed(self) -> bool:
        """Whether the spec file's bytes would change (a new file counts as a change)."""
        return self.old_state is None or self.old_state.sha256 != hashlib.sha256(self.content).hexdigest()

    @property
    def overlay_ok(self) -> bool:
        check = self.overlay_check
        return check is None or (check.clean and self.overlay_invalid is None)


def read_upstream(source: str) -> Document:
    """NEW: a path, or `-` for standard input; InputError, located, if it is not YAML or JSON."""
    if source == "-":
        return load_bytes(read_stdin(), name=STDIN_NAME)
    return load_path(source)


def plan_update(
    upstream_source: str,
    spec_path: Path,
    overlay_path: Path | None = None,
    *,
    source_name: str | None = None,
) -> UpdatePlan:
    """Everything `spec update` would do, done in memory. Bad input raises InputError/SpecError."""
    upstream = _require_openapi(read_upstream(upstream_source))
    old, old_state = _read_current(spec_path)
    if old is not None:
        _require_openapi(old)
    normalized = strip_prose(upstream.data).data
    ours = strip_prose(old.data).prose if old is not None else {}
    kept, dropped = _carry(ours, old.data if old is not None else {}, normalized)
    name = source_name if source_name is not None else Path(upstream.name).name
    text = header(upstream, name) + dump_yaml(normalized)
    content = text.encode("utf-8")
    new = load_bytes(content, name=f"{spec_path} (updated)")
    if _canonical(new.data) != _canonical(normalized):
        raise RuntimeError("the YAML written does not read back as the normalized spec")  # a bug of ours
    # Normalizing moves no node, so NEW's own positions locate what validation finds.
    located = dataclasses.replace(upstream, data=normalized)
    specload.validate(located, "openapi")
    plan = UpdatePlan(spec_path, upstream, old, new, content, kept, dropped, old_state=old_state)
    if overlay_path is None:
        return plan
    return _with_overlay(plan, located, load_path(overlay_path))


def _require_openapi(doc: Document) -> Document:
    """`doc`, if it is an OpenAPI document; a located SpecError if not (a list, a string, a schema)."""
    if specload.detect_kind(doc) != "openapi":
        raise doc.error("not an OpenAPI document (no `openapi` key at the top)", "", SpecError)
    return doc


def _with_overlay(plan: UpdatePlan, spec: Document, overlay: Document) -> UpdatePlan:
    check = check_overlay(spec, overlay)
    invalid = None
    if check.clean:
        patched = dataclasses.replace(spec, data=check.data)
        try:
            specload.check_valid(specload.LoadedSpec(patched, "openapi", overlay, check.applied))
        except SpecError as exc:
            invalid = exc
    return dataclasses.replace(plan, overlay=overlay, overlay_check=check, overlay_invalid=invalid)


def write_update(plan: UpdatePlan) -> None:
    """Replace the spec file with the plan's content (atomically; refused if it changed meanwhile)."""
    write_file_atomically(plan.spec_path, plan.content, unchanged_since=plan.old_state)


def _read_current(spec_path: Path) -> tuple[Document | None, FileState | None]:
    try:
        info = os.stat(spec_path)
    except FileNotFoundError:
        return None, None  # a first import: the file is created
    except OSError as exc:
        raise os_input_error(exc, str(spec_path)) from None
    raw = read_file(spec_path)
    return load_bytes(raw, name=str(spec_path)), FileState.of(info, raw)


def _node(data: Any, pointer: str) -> Any:
    """The node at `pointer` in `data`, or None if there is none."""
    try:
        return node_at(data, pointer)
    except KeyError:
        return None


def _carry(
    ours: dict[str, Any], old: Any, new: dict[str, Any]
) -> tuple[tuple[Prose, ...], tuple[Prose, ...]]:
    """Write each of our prose members into `new` where its owner still exists; (kept, dropped)."""
    kept: list[Prose] = []
    dropped: list[Prose] = []
    for pointer, value in ours.items():
        owner_pointer, _, token = pointer.rpartition("/")
        owner = _node(new, owner_pointer)
        if not isinstance(owner, dict):
            dropped.append(Prose(pointer, value, f"{owner_pointer or '/'} is gone from the new spec"))
        elif "$ref" in owner and "$ref" not in (_node(old, owner_pointer) or {}):
            dropped.append(
                Prose(pointer, value, f"{owner_pointer} is now a $ref, beside which a description is ignored")
            )
        else:
            owner[unescape_pointer_token(token)] = value
            kept.append(Prose(pointer, value))
    return tuple(kept), tuple(dropped)


def _one_line(text: Any) -> str:
    return " ".join(printable(str(text)).split())


def header(upstream: Document, source_name: str) -> str:
    """The comment that opens the spec file: where it came from, which version, and the rules."""
    info = upstream.data.get("info") if isinstance(upstream.data, dict) else None
    info = info if isinstance(info, dict) else {}
    title = _one_line(info.get("title") or "OpenAPI document")
    version = _one_line(info.get("version") or "?")
    found = _LAST_UPDATED.search(str(info.get("description") or ""))
    date = f" (upstream: last updated {_one_line(found.group(1))})" if found else ""
    return (
        f"# {title}, version {version}{date}, normalized for ionqkit.\n"
        f"# Upstream source: {_one_line(source_name)} (sha256 {upstream.sha256}).\n"
        "# Written by `ionqkit spec update`: structure, names, enums, limits, formats, defaults and\n"
        "# examples are upstream's; upstream prose is left out; descriptions are ours and survive updates\n"
        "# where their place still exists. Upstream defects are fixed in the overlay, not here.\n"
    )


def dump_yaml(data: Any) -> str:
    """Deterministic block YAML: keys in document order, one line per scalar (no folding)."""
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt", pure=True)
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=2, offset=0)
    buffer = io.StringIO()
    yaml.dump(data, buffer)
    return buffer.getvalue()


def _canonical(data: Any) -> str:
    """Text that differs whenever two documents do, types included (1, 1.0 and true are not equal)."""
    return json.dumps(data, ensure_ascii=False, allow_nan=False)
