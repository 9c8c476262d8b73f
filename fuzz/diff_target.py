"""Fuzz `ionqkit diff`: a mutated spec against the real v0.4 spec, both ways, in every format.

Validation is left out (validate=False) to keep the rate up: it is the spec loader's validator,
which the generate target exercises. Damaged specs are diffed with input warnings by design.
Each input also names a `git:` source (fuzz/git_sources.py), which must never make git write, and
a path that is no regular file (a FIFO, a device), which must be refused at once."""

from __future__ import annotations

import atexit
import shutil
import tempfile
from functools import cache
from pathlib import Path

from ionqkit.diff.compare import compare
from ionqkit.diff.renames import read_renames
from ionqkit.diff.report import render
from ionqkit.diff.sources import LoadedSpec, load_source
from ionqkit.errors import IonqkitError

from . import engine, git_sources, seeds
from .mutate import special_path

_FOLDER = Path(tempfile.mkdtemp(prefix="ionqkit-fuzz-diff-"))
atexit.register(shutil.rmtree, _FOLDER, True)  # a fuzz run leaves no scratch folder behind
FORMATS = ("text", "json", "markdown", "github")


@cache
def base() -> LoadedSpec:
    return load_source(str(seeds.SPECS / "ionq-v0.4.openapi.yaml"), validate=False)


def one_input(data: bytes) -> None:
    git_sources.one_source(data)
    try:
        load_source(str(special_path(data)), validate=False)
    except IonqkitError:
        pass
    else:
        raise AssertionError("a path that is no regular file was read")
    path = _FOLDER / "new.yaml"
    path.write_bytes(data)
    try:
        new = load_source(str(path), validate=False)
    except IonqkitError:
        return
    renames = read_renames(str(seeds.SPECS / "renames" / "ionq-v0.3-to-v0.4.yaml")) if len(data) % 2 else None
    old = base()
    for first, second in ((old, new), (new, old)):
        report = compare(first.doc, second.doc, renames, input_warnings=first.warnings + second.warnings)
        render(report, FORMATS[len(data) % len(FORMATS)])


def main(argv: list[str]) -> int:
    """`python fuzz diff_target [--runs N] ...`: this target alone, in this process."""
    return engine.main("diff_target", one_input, seeds.spec_seeds, argv)
