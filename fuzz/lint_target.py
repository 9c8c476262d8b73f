"""Fuzz `ionqkit.validators.lint`: bytes as JSON and as YAML, the same text as str, and the
decoded Mapping. lint() reports faults in its input as findings: it must never raise."""

from __future__ import annotations

import orjson

from fuzz import engine, seeds
from ionqkit.validators import lint

VERSIONS = ("auto", "v0.3", "v0.4")


def one_input(data: bytes) -> None:
    version = VERSIONS[len(data) % len(VERSIONS)]
    lint(data, name="payload.json", api_version=version)
    lint(data, name="payload.yaml", api_version=version)
    lint(data.decode("utf-8", "surrogateescape"), api_version=version)
    try:
        value = orjson.loads(data)
    except orjson.JSONDecodeError:
        return
    if isinstance(value, dict):
        lint(value, api_version=version)


if __name__ == "__main__":
    raise SystemExit(engine.main("lint_target", one_input, seeds.payload_seeds))
