"""Restore seed 003 (the May 2026 v0.4 spec cut at 32 KB, indentation lost) against the full May spec.

Provenance check and fixture maker, run by path:

    .venv/bin/python tools/specs/restore_seed003.py [--shared ../shared] [--out FILE]

Seed 003 is the first 32 KB of IonQ's May 2026 v0.4 spec with every line's leading whitespace (and
blank lines, and runs of inner spaces) lost, so its YAML nesting is gone. `restore_seed` aligns each
seed line with the next matching line of the full spec, which gives back its indentation;
`check_prefix` then checks that the restored seed parses to a prefix of the full spec: every value it
holds is the full spec's value at the same place. The only differences allowed are the e-mail
addresses a web page obfuscated ("[email protected]").

This tool used to rebuild specs/ionq-v0.4.openapi.yaml from the seed. Our spec now follows IonQ's
September 2026 upstream and is maintained with `ionqkit spec update` (specs/README.md); what is left
here restores the seed for the diff tests and `make bench` (seed cut -> full spec).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ionqkit.spec.atomic import write_file_atomically
from ionqkit.spec.loader import load_bytes, load_path
from ionqkit.spec.pointers import join_pointer, split_pointer

REPO = Path(__file__).resolve().parents[2]
SEED_NAME = "seeds/003_4cb836928e8a9b69.txt"
FULL_NAME = "reference/ionq-v0.4-2026-05.openapi.yml"
OBFUSCATED = "[email protected]"
LOOKAHEAD = 8


def restore_seed(seed_text: str, full_text: str) -> tuple[str, list[str]]:
    """Give each seed line the indentation of its match in the full spec.

    Returns the restored text and the list of seed lines that differ from their match (only
    obfuscated e-mail addresses are expected).
    """

    def norm(line: str) -> str:
        return re.sub(r"\s+", " ", line.strip())

    full = [line for line in full_text.splitlines() if line.strip()]
    restored: list[str] = []
    differences: list[str] = []
    j = 0
    for raw in seed_text.splitlines():
        line = norm(raw)
        if not line or line.startswith("# --- truncated") or line.startswith("# Full source"):
            continue
        window = range(j, min(j + LOOKAHEAD, len(full)))
        match = next((k for k in window if norm(full[k]) == line), None)
        if match is None:
            if OBFUSCATED not in line:
                raise SystemExit(f"seed line does not match the full spec near line {j + 1}: {line!r}")
            differences.append(line)
            match = j
        indent = full[match][: len(full[match]) - len(full[match].lstrip())]
        restored.append(
            indent + (raw.strip() if match != j or OBFUSCATED not in line else full[match].strip())
        )
        j = match + 1
    return "\n".join(restored) + "\n", differences


def leaves(node: Any, pointer: str = "") -> Iterator[tuple[str, Any]]:
    if isinstance(node, dict):
        for key, value in node.items():
            yield from leaves(value, join_pointer(pointer, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from leaves(value, join_pointer(pointer, index))
    else:
        yield pointer, node


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def check_prefix(seed_data: Any, full_data: Any) -> int:
    """Every leaf of the restored seed equals the full spec's leaf at the same pointer."""
    checked = 0
    for pointer, value in leaves(seed_data):
        node = full_data
        for token in split_pointer(pointer):
            node = node[int(token)] if isinstance(node, list) else node[token]
        if isinstance(value, str) and isinstance(node, str):
            # The seed lost blank lines and runs of spaces, which YAML folds into string values.
            same = _squash(value) == _squash(node) or OBFUSCATED in value
        else:
            same = value == node
        if not same:
            raise SystemExit(
                f"restored seed disagrees with the full spec at {pointer}: {value!r} != {node!r}"
            )
        checked += 1
    return checked


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--out", type=Path, help="write the restored seed here")
    args = parser.parse_args(argv)
    seed_text = (args.shared / SEED_NAME).read_text(encoding="utf-8")
    full = load_path(args.shared / FULL_NAME)
    restored, differences = restore_seed(seed_text, full.text)
    checked = check_prefix(load_bytes(restored, name="restored seed 003").data, full.data)
    print(f"seed 003: {checked} values restored and checked against the full spec", file=sys.stderr)
    print(f"seed 003: {len(differences)} lines differ only by an obfuscated e-mail address", file=sys.stderr)
    if args.out is not None:
        write_file_atomically(args.out, restored.encode("utf-8"))
        print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
