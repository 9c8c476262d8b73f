"""`ionqkit migrate [--to v0.4] PAYLOAD... [--write]`: rewrite v0.3 job payloads for v0.4.

Each change and each element that cannot be mapped is printed to stderr as
`FILE: /old -> /new: what happened`. Without --write the migrated payload goes to stdout (one
PAYLOAD only); with --write each fully migrated file is replaced atomically. A payload with
unmapped elements is never written. Exit 0: all migrated; 1: something could not be mapped; 2: a
payload could not be read, or a file was refused.

--write (src/ionqkit/spec/atomic.py):
- a symbolic link stays a link: the file it points to gets the migrated payload;
- a file with several hard links is refused, and so is anything but a regular file (a FIFO is
  refused without being opened): every payload is checked before any file is written;
- a file that changes while the command runs (size, mtime or content differ from what was read)
  is not overwritten: it is named on stderr, the other files are written, and the exit code is 2;
- a killed run leaves each file whole, old or new; it may also leave one temporary file
  `.ionqkit-tmp-NAME.<hex>` beside it, which the next `migrate --write` into that folder removes
  (only ionqkit's own, recognized by a check in the name, and never one a running process holds).
"""

from __future__ import annotations

import sys

from ionqkit.cli.options import MigrateOptions


def execute(options: MigrateOptions) -> int:
    from pathlib import Path

    from ionqkit.errors import InputError
    from ionqkit.escape import printable
    from ionqkit.migrate.files import dump_payload, folder_of, read_payload_file, write_atomically
    from ionqkit.migrate.rewrite import migrate_payload
    from ionqkit.spec.tempentries import remove_stale

    # All first: bad input, or a file --write must refuse, writes nothing.
    payloads = [read_payload_file(Path(path)) for path in options.payloads]
    migrations = [migrate_payload(payload.data) for payload in payloads]
    if options.write:
        for payload, migration in zip(payloads, migrations, strict=True):
            if migration.complete and migration.changes:
                payload.check_writable()
        for folder in dict.fromkeys(folder_of(payload.path) for payload in payloads):
            for name in remove_stale(folder):
                print(printable(f"{folder / name}: removed (left by an interrupted run)"), file=sys.stderr)
    incomplete = refused = 0
    written: set[tuple[int, int]] = set()  # a file named twice (or through a link) is written once
    for payload, migration in zip(payloads, migrations, strict=True):
        path = payload.path
        for note in migration.changes:
            print(printable(f"{path}: {note}"), file=sys.stderr)
        for note in migration.unmapped:
            print(printable(f"{path}: cannot map {note}"), file=sys.stderr)
        if not migration.complete:
            incomplete += 1
            if options.write:
                print(
                    printable(
                        f"{path}: not written ({len(migration.unmapped)} element(s) could not be mapped)"
                    ),
                    file=sys.stderr,
                )
            continue
        if not options.write:
            sys.stdout.write(dump_payload(migration.payload))
        elif migration.changes and (payload.state.device, payload.state.inode) not in written:
            written.add((payload.state.device, payload.state.inode))
            try:
                write_atomically(path, dump_payload(migration.payload), unchanged_since=payload.state)
            except InputError as exc:  # this file only: the others are still written
                print(f"error: {exc}", file=sys.stderr)
                refused += 1
    return 2 if refused else 1 if incomplete else 0
