"""Cold and no-op `ionqkit generate` beside openapi-python-client and datamodel-codegen."""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from .common import BIN, REPO, Row, median_time, run_command

SPEC = REPO / "specs" / "ionq-v0.4.openapi.yaml"


def run(repeat: int = 3) -> list[Row]:
    rows = []
    with tempfile.TemporaryDirectory(prefix="ionqkit-bench-") as folder:
        root = Path(folder)
        shutil.copytree(REPO / "specs", root / "specs")
        shutil.copy(REPO / "pyproject.toml", root / "pyproject.toml")
        generate: list[str | Path] = [
            sys.executable,
            "-m",
            "ionqkit",
            "generate",
            "--config",
            root / "pyproject.toml",
            "-q",
        ]

        def clean() -> None:
            shutil.rmtree(root / "generated", ignore_errors=True)

        cold = median_time(lambda: run_command(generate), repeat, setup=clean)
        rows.append(
            Row("generate", "ionqkit generate, cold, all 3 inputs", cold, repeat, "openapi-python-client")
        )
        run_command(generate)
        noop = median_time(lambda: run_command(generate), repeat * 2)
        rows.append(Row("generate", "ionqkit generate, no-op", noop, repeat * 2, "openapi-python-client"))

        opc: list[str | Path] = [
            BIN / "openapi-python-client",
            "generate",
            "--path",
            SPEC,
            "--output-path",
            root / "opc",
            "--overwrite",
        ]
        opc_time = median_time(lambda: run_command(opc), repeat)
        rows.append(
            Row("generate", "openapi-python-client", opc_time, repeat, None, "v0.4 only, models + client")
        )
        dmc: list[str | Path] = [
            BIN / "datamodel-codegen", "--input", SPEC, "--input-file-type", "openapi",
            "--output-model-type", "pydantic_v2.BaseModel", "--output", root / "dmc.py",
        ]  # fmt: skip
        dmc_time = median_time(lambda: run_command(dmc), repeat)
        rows.append(
            Row("generate", "datamodel-codegen", dmc_time, repeat, "openapi-python-client", "v0.4 only")
        )
    return rows
