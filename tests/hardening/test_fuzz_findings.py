"""Inputs `make fuzz` found crashing, kept as regression tests (each one a typed error now)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

# A duplicate key before a stray `]`: json's duplicate-key hook fires before the syntax error, and
# locating the duplicate in the still-invalid text raised IndexError (exit 3 from `migrate`).
DUPLICATE_BEFORE_STRAY_CLOSER = (
    b'{"target": "qpu.aria-1", "lang": "json", "bod": 0, "target": 1}], "qubitsX": 2}, '
    b'"metadata": {"measurement0": "m\\u001f0,1", "shots": "1000"}, "shots": "1000"}'
)


def test_a_duplicate_key_in_text_that_is_not_json_yet_is_one_located_error(tmp_path: Path) -> None:
    path = tmp_path / "job.json"
    path.write_bytes(DUPLICATE_BEFORE_STRAY_CLOSER)
    result = subprocess.run(
        [sys.executable, "-m", "ionqkit", "migrate", str(path)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 2, result.stderr
    assert result.stderr == f"error: {path}:1:52: duplicate key 'target' (at /target)\n"
