"""Fuzz `ionqkit.validators.lint`: bytes as JSON and as YAML, the same text as str, and the
decoded Mapping. lint() reports faults in its input as findings: it must never raise. Each input
also picks a path that is no regular file (a FIFO, a device): the batch reader must refuse it."""

from __future__ import annotations

import orjson

from ionqkit.validators import lint
from ionqkit.validators.batch import lint_files
from ionqkit.validators.config import LintConfig

from . import engine, seeds
from .mutate import special_path

VERSIONS = ("auto", "v0.3", "v0.4")


def one_input(data: bytes) -> None:
    version = VERSIONS[len(data) % len(VERSIONS)]
    special = str(special_path(data))
    (result,) = lint_files([special], api_version=version, config=LintConfig())
    assert result.problem is not None, f"{special} was linted, not refused"
    lint(data, name="payload.json", api_version=version)
    lint(data, name="payload.yaml", api_version=version)
    lint(data.decode("utf-8", "surrogateescape"), api_version=version)
    try:
        value = orjson.loads(data)
    except orjson.JSONDecodeError:
        return
    if isinstance(value, dict):
        lint(value, api_version=version)


def main(argv: list[str]) -> int:
    """`python fuzz lint_target [--runs N] ...`: this target alone, in this process."""
    return engine.main("lint_target", one_input, seeds.payload_seeds, argv)
