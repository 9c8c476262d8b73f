"""Done when: a package generated with `--out` from the newest upstream spec is built into a
wheel, installed into a fresh venv that has no ionqkit, imported, passes mypy --strict, and
creates, gets, lists and waits for jobs against Prism serving that spec, sync and async; a job
response with a field and a status the spec does not list decodes.

Nothing is downloaded: the wheel is built by the setuptools of this venv, and the dependencies
its metadata declares come from a folder of wheels packed from this venv's own installed
distributions (tests/packaging/wheelhouse.py), installed with `pip --isolated --no-index`.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import venv
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.contract.prism import prism_mock

from .wheelhouse import build_wheel, fill, requires_dist

CliRun = Callable[..., tuple[int, str, str]]

# Runs in the fresh venv: only the installed wheel and its dependencies are importable there.
SCENARIO = r"""
import asyncio, importlib.util, json, sys
import httpx
import ionq_x
from ionq_x import AsyncClient, Client, models

base_url, spec_path = sys.argv[1], sys.argv[2]
JOB = {"type": "ionq.circuit.v1", "backend": "simulator", "shots": 100,
       "input": {"qubits": 1, "gateset": "qis", "circuit": [{"gate": "h", "target": 0}]}}
JOB_ID = "617a1f8b-59d4-435d-aa33-695433d7155e"
out = {"ionqkit": importlib.util.find_spec("ionqkit") is not None, "module": ionq_x.__file__}

with Client(api_key="k" * 24, base_url=base_url) as client:
    created = client.create_job(body=JOB)
    job = client.get_job(JOB_ID)
    listed = client.get_jobs(limit=2)
    waited = client.wait_for_job(JOB_ID, timeout=30, poll_interval=0.01)
    out["sync"] = [type(created).__name__, str(job.root.status), len(listed.jobs) > 0,
                   str(waited.root.status)]

async def run_async():
    async with AsyncClient(api_key="k" * 24, base_url=base_url) as client:
        created = await client.create_job(body=JOB)
        job = await client.get_job(JOB_ID)
        listed = await client.get_jobs(limit=2)
        waited = await client.wait_for_job(JOB_ID, timeout=30, poll_interval=0.01)
        return [type(created).__name__, str(job.root.status), len(listed.jobs) > 0, str(waited.root.status)]

out["async"] = asyncio.run(run_async())

# IonQ adds a field and a status: the response still decodes, keeping both.
spec = json.load(open(spec_path))
example = spec["paths"]["/jobs/{UUID}"]["get"]["responses"]["200"]["content"]["application/json"]
body = dict(next(iter(example["examples"].values()))["value"], status="paused", new_field={"x": 1})
transport = httpx.MockTransport(lambda request: httpx.Response(200, json=body))
with Client(api_key="k" * 24, http_client=httpx.Client(base_url=base_url, transport=transport)) as client:
    job = client.get_job(JOB_ID).root
    out["lenient"] = [job.status == "paused", job.status.value, job.model_extra["new_field"]]

# A request model built in code is still as strict as the spec.
try:
    models.CircuitJobCreationPayload.model_validate(dict(JOB, surprise=1))
    out["strict"] = "accepted"
except Exception as exc:
    out["strict"] = type(exc).__name__
print(json.dumps(out))
"""


def run(command: list[str | Path], *, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [str(c) for c in command], cwd=cwd, env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, f"{command}\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return result


@pytest.mark.slow
def test_a_standalone_package_installs_and_runs_with_no_ionqkit(
    cli: CliRun, shared: Path, tmp_path: Path
) -> None:
    spec = shared / "reference" / "ionq-v0.4-2026-09.openapi.json"
    project = tmp_path / "project"
    code, _, err = cli("generate", "--spec", spec, "--out", project, "--package", "ionq_x", "-q")
    assert code == 0, err

    wheel = build_wheel(project, tmp_path / "dist")
    assert wheel.name == "ionq_x-0.4-py3-none-any.whl"
    house = tmp_path / "house"
    fill(requires_dist(wheel), house)  # what the wheel declares, and nothing else, must do
    fresh = tmp_path / "fresh"
    venv.create(fresh, with_pip=False)  # pip runs from this venv, on the fresh interpreter
    python = fresh / "bin" / "python"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PIP_", "PYTHON"))}
    run(
        [sys.executable, "-m", "pip", "--isolated", "--python", python, "install", "--quiet",
         "--no-index", "--no-cache-dir", "--find-links", house, wheel],
        cwd=tmp_path,
        env=env,
    )  # fmt: skip

    # Type-check the installed package while Prism answers the calls (both take seconds).
    checker = subprocess.Popen(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "--python-executable", str(python),
         "-p", "ionq_x"],
        cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env,
    )  # fmt: skip
    try:
        with prism_mock(json.loads(spec.read_text()), tmp_path) as base_url:
            result = run([python, "-I", "-c", SCENARIO, base_url, spec], cwd=tmp_path, env=env)
        typed, _ = checker.communicate(timeout=600)
    finally:
        if checker.poll() is None:
            checker.kill()
            checker.wait()
    outcome = json.loads(result.stdout)
    assert outcome["ionqkit"] is False
    assert outcome["module"].startswith(str(fresh))
    assert outcome["sync"] == ["JobCreationResponse", "completed", True, "completed"]
    assert outcome["async"] == ["JobCreationResponse", "completed", True, "completed"]
    assert outcome["lenient"] == [True, "paused", {"x": 1}]
    assert outcome["strict"] == "ValidationError"
    assert checker.returncode == 0, typed
    assert "Success: no issues found" in typed
