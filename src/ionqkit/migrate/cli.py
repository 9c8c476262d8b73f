"""`ionqkit migrate [--to v0.4] PAYLOAD... [--write]`: rewrite v0.3 job payloads for v0.4.

Each change and each element that cannot be mapped is printed to stderr as
`FILE: /old -> /new: what happened`. Without --write the migrated payload goes to stdout (one
PAYLOAD only); with --write each fully migrated file is replaced atomically. A payload with
unmapped elements is never written. Exit 0: all migrated; 1: something could not be mapped; 2: a
payload could not be read.
"""

from __future__ import annotations

import argparse
import sys


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("payloads", nargs="+", metavar="PAYLOAD", help="v0.3 job payload (JSON)")
    parser.add_argument("--to", choices=("v0.4",), default="v0.4", help="target API version (default v0.4)")
    parser.add_argument("--write", action="store_true", help="replace each file with its migrated payload")


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from ionqkit.errors import InputError
    from ionqkit.escape import printable
    from ionqkit.migrate.files import dump_payload, read_payload, write_atomically
    from ionqkit.migrate.rewrite import migrate_payload

    if len(args.payloads) > 1 and not args.write:
        raise InputError("several payloads: add --write to migrate them in place", file=args.payloads[0])
    payloads = [read_payload(Path(path)) for path in args.payloads]  # all first: bad input writes nothing
    incomplete = 0
    for path, payload in zip(args.payloads, payloads, strict=True):
        migration = migrate_payload(payload)
        for note in migration.changes:
            print(printable(f"{path}: {note}"), file=sys.stderr)
        for note in migration.unmapped:
            print(printable(f"{path}: cannot map {note}"), file=sys.stderr)
        if not migration.complete:
            incomplete += 1
            if args.write:
                print(
                    printable(
                        f"{path}: not written ({len(migration.unmapped)} element(s) could not be mapped)"
                    ),
                    file=sys.stderr,
                )
            continue
        if args.write:
            if migration.changes:
                write_atomically(Path(path), dump_payload(migration.payload))
        else:
            sys.stdout.write(dump_payload(migration.payload))
    return 1 if incomplete else 0
