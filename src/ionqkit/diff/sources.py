"""Read the two sides of a diff: a file path, or `git:REV:PATH` for a spec at a git revision.

Policy for damaged input (documented in docs/diff.md): a document that does not parse as YAML or
JSON is an InputError (exit 2). A document that parses but is not valid - $refs that do not
resolve (e.g. a spec cut short), no `openapi` field - is still diffed: the diff covers what can
be read, broken references are compared as opaque, and every problem is listed in the report's
input warnings so that nobody mistakes a partial diff for a complete one.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

from ionqkit.diff import gitcmd
from ionqkit.errors import InputError, SpecError
from ionqkit.spec import refs, specload
from ionqkit.spec.inputs import run_command
from ionqkit.spec.loader import Document, load_bytes, load_path

GIT_PREFIX = "git:"
MAX_LISTED_WARNINGS = 20


@dataclass(frozen=True)
class LoadedSpec:
    doc: Document
    warnings: tuple[str, ...]


def read_document(source: str, *, cwd: Path | None = None) -> Document:
    """Parse `source` (a path or git:REV:PATH) into a Document; InputError if it cannot be read."""
    if source.startswith(GIT_PREFIX):
        return load_bytes(_git_show(source, cwd), name=source)
    return load_path(Path(cwd or ".") / source if not Path(source).is_absolute() else source, name=source)


def load_source(source: str, *, cwd: Path | None = None, validate: bool = True) -> LoadedSpec:
    """Read a spec for diffing: parse errors raise, validity problems become warnings."""
    doc = read_document(source, cwd=cwd)
    if not isinstance(doc.data, dict):
        raise doc.error("not an OpenAPI document: the top level is not a mapping", "")
    problems = spec_problems(doc)
    if validate and not problems:
        problems += validation_problems(doc)
    return LoadedSpec(doc, tuple(problems))


def validation_problems(doc: Document) -> list[str]:
    """The first OpenAPI validation error, as a warning (the spec loader's own validator)."""
    try:
        specload.validate(doc, "openapi")
    except SpecError as exc:
        return [f"{exc}; diffing what parses"]
    return []


def spec_problems(doc: Document) -> list[str]:
    """What makes `doc` an incomplete spec, one located message each (capped)."""
    problems: list[str] = []
    if "openapi" not in doc.data:
        problems.append(f"{doc.name}:1:1: no 'openapi' field; comparing it as an OpenAPI document anyway")
    broken = 0
    for where, ref in refs.iter_refs(doc.data):
        try:
            refs.resolve(doc, ref, where)
        except SpecError as exc:
            broken += 1
            if broken <= MAX_LISTED_WARNINGS:
                problems.append(f"{exc}; compared as an opaque reference")
    if broken > MAX_LISTED_WARNINGS:
        problems.append(f"{doc.name}: {broken - MAX_LISTED_WARNINGS} more unresolvable $refs not listed")
    return problems


def _git_show(source: str, cwd: Path | None) -> bytes:
    spec = source[len(GIT_PREFIX) :]
    rev, sep, path = spec.partition(":")
    if not sep or not rev or not path:
        raise InputError("expected git:REV:PATH, e.g. git:HEAD~1:specs/ionq-v0.4.openapi.yaml", file=source)
    gitcmd.check_operand(rev, "revision", file=source)
    gitcmd.check_operand(path, "path", file=source)
    try:
        # Streamed and cut at the size limit: a 200 MB blob costs the limit, not the blob.
        result = run_command(gitcmd.git_command("show", f"{rev}:{path}"), cwd=cwd, timeout=60, name=source)
    except FileNotFoundError:
        raise InputError("git is not installed or not on PATH", file=source) from None
    except subprocess.TimeoutExpired:
        raise InputError("git show timed out", file=source) from None
    if result.returncode != 0:
        reason = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise InputError(f"git cannot read it: {reason[0] if reason else 'unknown error'}", file=source)
    return result.stdout
