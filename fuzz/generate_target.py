"""Fuzz `ionqkit generate` on one spec: load, check, validate, normalize, build the intermediate
model, render models and clients, format and compile them. Bad specs must be IonqkitErrors; a
spec that passes must give code that compiles (render_package compiles every file). Each input also
picks a path that is no regular file (a FIFO, a device), which the spec loader must refuse at once."""

from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path

from ionqkit.codegen.config import Target
from ionqkit.codegen.generate import Options, render_package
from ionqkit.errors import IonqkitError
from ionqkit.spec.specload import load_spec

from . import engine, seeds
from .mutate import special_path

_FOLDER = Path(tempfile.mkdtemp(prefix="ionqkit-fuzz-generate-"))
atexit.register(shutil.rmtree, _FOLDER, True)  # a fuzz run leaves no scratch folder behind


def one_input(data: bytes) -> None:
    try:
        load_spec(special_path(data))
    except IonqkitError:
        pass
    else:
        raise AssertionError("a path that is no regular file was read")
    spec = _FOLDER / "spec.yaml"
    spec.write_bytes(data)
    options = Options(out_root=_FOLDER / "out", project_root=_FOLDER)
    try:
        render_package(Target(spec, None, "fuzzed"), options)
    except IonqkitError:
        return


def main(argv: list[str]) -> int:
    """`python fuzz generate_target [--runs N] ...`: this target alone, in this process."""
    return engine.main("generate_target", one_input, seeds.spec_seeds, argv)
