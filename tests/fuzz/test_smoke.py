"""A bounded run of every fuzz target in CI: the seeds plus seeded mutants of them. `make fuzz`
runs the same targets for 100,000 inputs; what crashed there gets a regression test where it was
fixed (e.g. tests/src/ionqkit/diff/test_diff_damaged.py)."""

from __future__ import annotations

import subprocess
import sys
import traceback
from pathlib import Path

import pytest

from tests.devtools import REPO, dev_module

engine = dev_module("fuzz", "engine")
seeds = dev_module("fuzz", "seeds")

PAYLOAD_MUTANTS = 400
SPEC_MUTANTS = 40


def run_target(target: str, inputs: list[bytes]) -> list[str]:
    one_input = dev_module("fuzz", target).one_input
    failures = []
    for index, data in enumerate(inputs):
        try:
            one_input(data)
        except Exception:
            failures.append(f"input {index} ({data[:80]!r}...):\n{traceback.format_exc(limit=-3)}")
    return failures


@pytest.mark.parametrize("target", ["lint_target", "migrate_target"])
def test_payload_targets_survive_the_corpus_and_its_mutants(target: str) -> None:
    corpus = seeds.payload_seeds()
    assert len(corpus) > 20
    assert run_target(target, engine.inputs(corpus, len(corpus) + PAYLOAD_MUTANTS, seed=0)) == []


def test_diff_target_survives_the_specs_and_their_mutants() -> None:
    corpus = seeds.spec_seeds()
    assert run_target("diff_target", engine.inputs(corpus, len(corpus) + SPEC_MUTANTS, seed=0)) == []


@pytest.mark.slow
def test_generate_target_survives_mutants_of_the_small_specs() -> None:
    small = [s for s in seeds.spec_seeds() if len(s) < 5_000]
    assert small, "the mini spec and the job schema are the generate smoke seeds"
    assert run_target("generate_target", engine.inputs(small, len(small) + 16, seed=0)) == []


def test_mutants_differ_from_their_seeds_and_are_reproducible() -> None:
    corpus = [Path(seeds.spec_files()[0]).read_bytes()]
    first, second = engine.inputs(corpus, 30, seed=5), engine.inputs(corpus, 30, seed=5)
    assert first == second
    assert len(set(first)) > 20


def test_the_runner_runs_a_target_by_path(tmp_path: Path) -> None:
    """`make fuzz` runs `python fuzz`, which runs each target as `python fuzz TARGET ...`."""
    command = [sys.executable, "fuzz", "overlay_target", "--runs=3", "--engine=random"]
    result = subprocess.run(
        [*command, f"--crashes={tmp_path}"], cwd=REPO, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert "3 inputs" in result.stderr and "0 crash(es)" in result.stderr, result.stderr
