"""Fuzz `ionqkit migrate`: read a payload file strictly, migrate it, serialize the result.
Bad input must be an IonqkitError; what cannot be mapped is reported, never raised. Each input
also picks a path that is no regular file (a FIFO, a device), which must be refused at once."""

from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path

from ionqkit.errors import IonqkitError
from ionqkit.migrate.files import dump_payload, read_payload
from ionqkit.migrate.rewrite import migrate_payload

from . import engine, seeds
from .mutate import special_path

_FOLDER = Path(tempfile.mkdtemp(prefix="ionqkit-fuzz-migrate-"))
atexit.register(shutil.rmtree, _FOLDER, True)  # a fuzz run leaves no scratch folder behind


def one_input(data: bytes) -> None:
    try:
        read_payload(special_path(data))
    except IonqkitError:
        pass
    else:
        raise AssertionError("a path that is no regular file was read")
    path = _FOLDER / "payload.json"
    path.write_bytes(data)
    try:
        payload = read_payload(path)
    except IonqkitError:
        return
    migration = migrate_payload(payload)
    dump_payload(migration.payload)
    for note in (*migration.changes, *migration.unmapped):
        str(note)


def main(argv: list[str]) -> int:
    """`python fuzz migrate_target [--runs N] ...`: this target alone, in this process."""
    return engine.main("migrate_target", one_input, seeds.payload_seeds, argv)
