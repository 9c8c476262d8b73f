"""The API version is read from fields only one version has; an ambiguous payload is linted as the
version asked for."""

from __future__ import annotations

import json
from typing import Any

import pytest

from ionqkit.validators import LintConfig, lint
from ionqkit.validators.view import detect_version
from tests.validators.samples import BELL, CORPUS, payload

# qiskit-ionq 0.5.13 (the last release for v0.3) with job_settings={"compilation": {"opt": 1}}:
# `target` and `input.format`, plus `settings`.
JOB_SETTINGS = CORPUS / "v0.3" / "qiskit-ionq-qpu-aria-job-settings.json"


def test_the_captured_v03_job_with_settings_is_detected_as_v03() -> None:
    data = json.loads(JOB_SETTINGS.read_text())
    assert "settings" in data and "target" in data and "format" in data["input"]
    assert detect_version(data) == "v0.3"


@pytest.mark.parametrize("api_version", ["auto", "v0.3"])
def test_the_captured_v03_job_with_settings_lints_clean_as_v03(api_version: str) -> None:
    assert lint(JOB_SETTINGS.read_bytes(), api_version=api_version) == []


def test_the_same_job_asked_for_as_v04_is_the_one_v03_finding() -> None:
    found = lint(JOB_SETTINGS.read_bytes(), api_version="v0.4")
    assert [(d.code, d.pointer) for d in found] == [("IQ110", "")]


def test_the_config_api_version_is_honoured_like_the_argument() -> None:
    assert lint(JOB_SETTINGS.read_bytes(), config=LintConfig(api_version="v0.3")) == []


MINIMAL_V03 = {"input": {"gateset": "qis", "qubits": 1, "circuit": [{"gate": "h", "target": 0}]}}


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        ({"target": "simulator"}, "v0.3"),
        ({"error_mitigation": {"debias": True}}, "v0.3"),
        ({"settings": {"compilation": {"opt": 1}}, "target": "simulator"}, "v0.3"),
        ({"backend": "simulator"}, "v0.4"),
        ({"type": "ionq.circuit.v1"}, "v0.4"),
        ({"settings": {"compilation": {"opt": 1}}, "backend": "simulator"}, "v0.4"),
    ],
)
def test_fields_of_one_version_decide_whatever_is_asked(edit: dict[str, Any], expected: str) -> None:
    data = {**payload(MINIMAL_V03), **edit}
    for requested in ("auto", "v0.3", "v0.4"):
        assert detect_version(data, requested) == expected


@pytest.mark.parametrize(
    "edit",
    [
        {},  # neither: everything in a v0.3 body is optional
        {"settings": {"compilation": {"opt": 1}}},  # in both versions
        {"target": "simulator", "backend": "simulator"},  # fields of both
    ],
    ids=["neither", "settings-only", "both"],
)
def test_an_ambiguous_payload_is_the_version_asked_for(edit: dict[str, Any]) -> None:
    data = {**payload(MINIMAL_V03), **edit}
    assert detect_version(data) == "v0.4"
    assert detect_version(data, "v0.3") == "v0.3"
    assert detect_version(data, "v0.4") == "v0.4"


def test_asking_for_v03_lints_an_ambiguous_payload_by_the_v03_rules() -> None:
    data = {**payload(MINIMAL_V03), "settings": {"compilation": {"opt": 1}}}
    assert lint(data, api_version="v0.3") == []
    as_v04 = {(d.code, d.pointer) for d in lint(data)}  # auto: v0.4, which needs backend and type
    assert ("IQ101", "") in as_v04


def test_a_v04_payload_asked_for_as_v03_is_still_reported() -> None:
    found = lint(payload(BELL), api_version="v0.3")
    assert [d.code for d in found] == ["IQ112"]
    assert "`backend` or `type`" in found[0].message
