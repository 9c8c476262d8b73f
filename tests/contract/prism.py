"""Run Stoplight Prism (installed by `make prism` into .tools/) as a mock server on loopback.

Prism serves the overlaid spec - the exact document the clients were generated from - and in
`--errors` mode answers any request that does not match the spec with an error status, which the
generated clients raise as a typed error, so a mismatch fails the calling test.
"""

from __future__ import annotations

import json
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
PRISM = REPO / ".tools" / "node_modules" / ".bin" / "prism"
STARTUP_TIMEOUT = 60.0


def prism_binary() -> Path:
    if not PRISM.exists():
        pytest.fail(
            f"Prism is not installed at {PRISM}: run `make prism` (needs node and npm)", pytrace=False
        )
    return PRISM


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _listening(port: int) -> bool:
    with socket.socket() as probe:
        probe.settimeout(0.2)
        return probe.connect_ex(("127.0.0.1", port)) == 0


@contextmanager
def prism_mock(spec: dict[str, object], workdir: Path) -> Iterator[str]:
    """Serve `spec` with `prism mock --errors` on a free port; yields the base URL."""
    spec_file = workdir / "spec.json"
    spec_file.write_text(json.dumps(spec), encoding="utf-8")
    log = (workdir / "prism.log").open("w", encoding="utf-8")
    port = free_port()
    command = [str(prism_binary()), "mock", str(spec_file), "-h", "127.0.0.1", "-p", str(port), "--errors"]
    process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, cwd=workdir)
    try:
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while not _listening(port):
            if process.poll() is not None or time.monotonic() > deadline:
                log.flush()
                output = (workdir / "prism.log").read_text(encoding="utf-8")[-2000:]
                pytest.fail(f"Prism did not start (exit code {process.poll()}):\n{output}", pytrace=False)
            time.sleep(0.1)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


@contextmanager
def serve_spec(version: str, workdir: Path) -> Iterator[str]:
    """Prism serving specs/ionq-<version>.openapi.yaml with its overlay applied; yields the URL."""
    from ionqkit.spec.specload import load_spec

    spec = REPO / "specs" / f"ionq-{version}.openapi.yaml"
    overlay = REPO / "specs" / "overlays" / f"ionq-{version}.overlay.yaml"
    with prism_mock(load_spec(spec, overlay).data, workdir) as url:
        yield url


def operation_methods(client_class: type) -> set[str]:
    """The generated client's one-per-operation methods (not the helpers built on them)."""
    return {
        name
        for name, value in vars(client_class).items()
        if callable(value) and not name.startswith(("_", "iter_")) and name != "wait_for_job"
    }
