"""Hypothesis properties over every tool: whatever the input, a result or a typed IonqkitError
(which the CLI prints as one line with exit 2), never any other exception."""

from __future__ import annotations

import io
import json
import random
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from ionqkit.diff.compare import compare
from ionqkit.errors import IonqkitError
from ionqkit.migrate import migrate_payload
from ionqkit.spec.loader import load_bytes, load_path
from ionqkit.validators import Diagnostic, lint
from tests.devtools import REPO, dev_module

diff_target = dev_module("fuzz", "diff_target")
generate_target = dev_module("fuzz", "generate_target")
migrate_target = dev_module("fuzz", "migrate_target")
HOSTILE_STRINGS: tuple[str, ...] = dev_module("fuzz", "mutate").HOSTILE_STRINGS
mutate = dev_module("fuzz", "mutate").mutate

SETTINGS = settings(max_examples=80, deadline=None, suppress_health_check=list(HealthCheck))
SLOW = settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck))

text = st.one_of(st.text(max_size=20), st.sampled_from(HOSTILE_STRINGS))
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | text,
    lambda children: st.lists(children, max_size=5) | st.dictionaries(text, children, max_size=5),
    max_leaves=40,
)
payload_keys = st.sampled_from(
    ["type", "backend", "target", "shots", "input", "settings", "noise", "metadata"]
)
payloads = st.dictionaries(payload_keys | text, json_values, max_size=8)


def to_yaml(value: Any) -> str:
    out = io.StringIO()
    YAML(typ="safe", pure=True).dump(value, out)
    return out.getvalue()


def assert_findings(result: object) -> None:
    assert isinstance(result, list)
    assert all(isinstance(d, Diagnostic) for d in result)


@SETTINGS
@given(st.binary(max_size=400))
def test_lint_takes_any_bytes(raw: bytes) -> None:
    assert_findings(lint(raw, name="job.json"))
    assert_findings(lint(raw, name="job.yaml"))


@SETTINGS
@given(payloads)
def test_lint_takes_any_json_text_yaml_text_and_mapping(payload: dict[str, Any]) -> None:
    assert_findings(lint(json.dumps(payload), name="job.json"))
    assert_findings(lint(to_yaml(payload), name="job.yaml"))
    assert_findings(lint(payload))


@SETTINGS
@given(payloads)
def test_migrate_maps_or_reports_any_payload(payload: dict[str, Any]) -> None:
    migration = migrate_payload(payload)
    json.dumps(migration.payload)
    assert all(str(note) for note in (*migration.changes, *migration.unmapped))


@SETTINGS
@given(st.binary(max_size=300) | payloads.map(lambda p: json.dumps(p).encode()))
def test_migrate_reads_any_file_or_says_why(raw: bytes) -> None:
    migrate_target.one_input(raw)  # raises only on an exception that is not an IonqkitError


FIXTURES = sorted((REPO / "tests" / "migrate" / "fixtures").rglob("*.json"))
MINI = load_path(REPO / "tests" / "codegen" / "data" / "mini.openapi.yaml").data


@SETTINGS
@given(st.sampled_from(FIXTURES), st.randoms(use_true_random=False))
def test_migrate_handles_mutants_of_real_v03_payloads(path: Any, rng: random.Random) -> None:
    migrate_target.one_input(json.dumps(mutate(json.loads(path.read_text()), rng)).encode())


@SETTINGS
@given(st.randoms(use_true_random=False), st.randoms(use_true_random=False))
def test_diff_compares_any_two_mutants_of_a_spec(first: random.Random, second: random.Random) -> None:
    docs = []
    for rng in (first, second):
        try:
            docs.append(load_bytes(json.dumps(mutate(MINI, rng, count=4)), name="spec.json"))
        except IonqkitError:
            return
    if all(isinstance(doc.data, dict) for doc in docs):
        compare(docs[0], docs[1], None)
    diff_target.one_input(json.dumps(mutate(MINI, first)).encode())


@SLOW
@given(st.randoms(use_true_random=False))
def test_generate_renders_or_refuses_any_mutant_of_a_spec(rng: random.Random) -> None:
    generate_target.one_input(json.dumps(mutate(MINI, rng, count=3)).encode())
