"""Structure-aware mutations of JSON-shaped documents (specs and payloads).

One mutation picks a node and deletes it, duplicates it, changes its type, renames its key,
replaces a string with a hostile one, points a $ref somewhere odd, or nests it deeper. Seeds are
the real specs and payloads, so mutants stay close to what the tools really see and reach deep
code, unlike random bytes, which mostly stop at the parser.
"""

from __future__ import annotations

import copy
import functools
import os
import pathlib
import random
import tempfile
import zlib
from collections.abc import Callable
from typing import Any

from ionqkit.spec.pointers import join_pointer

HOSTILE_STRINGS = (
    "",
    " ",
    '"""',
    "'''",
    "\\",
    "\\N{BELL}",
    "\n",
    "line\r\nbreak",
    "\x00",
    "{{ 7*7 }}",
    "{% raw %}",
    "__import__('os').system('touch PWNED')",
    "'); __import__('os') #",
    "☃",
    "\u202e",
    "\ud800",
    "class",
    "None",
    "self",
    "__init__",
    "model_config",
    "1q",
    "a-b",
    "-",
    "~",
    "~1",
    "/",
    "#",
    "#/",
    "#/components",
    "#/components/schemas/Missing",
    "#/paths/~1jobs",
    "https://example.invalid/x.yaml#/A",
    "$ref",
    "x" * 500,
    "3.0.3",
    "3.1.0",
    "2.0",
    "ionq.circuit.v0",
    "ionq.circuit.v1",
    "ionq.multi-circuit.v1",
    "simulator",
    "qpu.aria-1",
    "qis",
    "native",
    "cx",
    "ms",
    "zz",
    "object",
    "array",
    "string",
    "integer",
)

# Long strings: what made the string regexes backtrack (3.5 GB for one 30 MB string), kept short
# enough for the engine's input limit. A fuzzed scanner must stay linear in each.
LONG_PIECES = ("a", "\\", '\\"', '"', "'", "[", "{", ":", "# ", "\n", "\n  ", "- ", "é", "☃", "NaN")


def long_string(rng: random.Random) -> str:
    """A string of 1,000 to 50,000 characters repeating one or two hostile pieces."""
    pieces = rng.choice(LONG_PIECES) + (rng.choice(LONG_PIECES) if rng.random() < 0.5 else "")
    return pieces * (rng.randrange(1_000, 50_000) // len(pieces))


BYTE_TOKENS = (b"{", b"}", b"[", b"]", b",", b":", b'"', b"\\", b"\xff", b"NaN", b"&a", b"*a", b"- ", b"? ")
# Input classes the readers must refuse with a located error: integers past Python's 4,300-digit
# conversion limit (decimal and hex), YAML tags whose value cannot be built, keys that are not
# strings, nesting past 512. Spliced in as bytes: `json.dumps` itself cannot write such an integer.
INPUT_CLASS_TOKENS = (
    b"9" * 4301,
    b"-" + b"9" * 5000,
    b"0x" + b"f" * 5000,
    b"1e400",
    b'!!int "xyz"',
    b"!!float abc",
    b"!!bool maybe",
    b'!!int ""',
    b"!!binary %%%",
    b"!!set {a}",
    b"? [a, b]\n: 1\n",
    b"? {a: 1}\n: x\n",
    b"true: 1\n",
    b"[" * 600,
    b'{"k":' * 600,
)

Path = tuple[str | int, ...]


def paths(node: Any, limit: int = 20_000) -> list[Path]:
    """Paths of every node (breadth-first, at most `limit`), the root included."""
    found: list[Path] = [()]
    queue: list[tuple[Path, Any]] = [((), node)]
    while queue and len(found) < limit:
        path, value = queue.pop(0) if len(queue) < 64 else queue.pop()
        children: list[tuple[str | int, Any]] = []
        if isinstance(value, dict):
            children = list(value.items())
        elif isinstance(value, list):
            children = list(enumerate(value))
        for key, child in children:
            found.append((*path, key))
            queue.append(((*path, key), child))
    return found


def get(node: Any, path: Path) -> Any:
    for key in path:
        node = node[key]
    return node


def _random_value(rng: random.Random, doc: Any, sample: list[Path]) -> Any:
    choice = rng.randrange(9)
    if choice == 0:
        return rng.choice(HOSTILE_STRINGS)
    if choice == 1:
        return rng.choice([0, -1, 1, 2**31, 2**64, 10**4000, 1.5, -0.0, 1e308])
    if choice == 2:
        return rng.choice([True, False, None])
    if choice == 3:
        return {}
    if choice == 4:
        return []
    if choice == 5:
        return {"$ref": _random_ref(rng, sample)}
    if choice == 6:
        return {"type": rng.choice(HOSTILE_STRINGS[-5:]), "enum": [rng.choice(HOSTILE_STRINGS)]}
    return copy.deepcopy(get(doc, rng.choice(sample)))


def _random_ref(rng: random.Random, sample: list[Path]) -> str:
    if rng.random() < 0.3:
        return rng.choice([s for s in HOSTILE_STRINGS if s.startswith("#") or "://" in s])
    path = rng.choice(sample)
    return "#" + functools.reduce(join_pointer, path, "")


def mutate_once(doc: Any, rng: random.Random) -> Any:
    """`doc` with one random mutation (may return a new root)."""
    sample = paths(doc)
    path = rng.choice(sample)
    if not path:
        return _random_value(rng, doc, sample) if rng.random() < 0.1 else doc
    parent, key = get(doc, path[:-1]), path[-1]
    operation = rng.randrange(8)
    if operation == 0:  # delete
        del parent[key]
    elif operation == 1:  # duplicate under a new key / at the end
        value = copy.deepcopy(parent[key])
        if isinstance(parent, dict):
            parent[f"{key}{rng.choice(['', '_', '2', 'X'])}"] = value
        else:
            parent.append(value)
    elif operation == 2:  # retype
        parent[key] = _random_value(rng, doc, sample)
    elif operation == 3 and isinstance(parent, dict):  # rename the key
        parent[rng.choice(HOSTILE_STRINGS)] = parent.pop(key)
    elif operation == 4:  # hostile string into a name, description, enum or ref, now and then a long one
        hostile = long_string(rng) if rng.random() < 0.1 else rng.choice(HOSTILE_STRINGS)
        parent[key] = hostile if isinstance(parent[key], str) else parent[key]
    elif operation == 5:  # point a $ref anywhere
        if isinstance(parent[key], dict):
            parent[key]["$ref"] = _random_ref(rng, sample)
        elif key == "$ref":
            parent[key] = _random_ref(rng, sample)
    elif operation == 6:  # nest deeper
        wrapper: Callable[[Any], Any] = rng.choice(
            [lambda v: [v], lambda v: {"x": v}, lambda v: {"items": v}]
        )
        parent[key] = wrapper(parent[key])
    else:  # swap with another node's copy
        parent[key] = copy.deepcopy(get(doc, rng.choice(sample)))
    return doc


def mutate(doc: Any, rng: random.Random, count: int | None = None) -> Any:
    doc = copy.deepcopy(doc)
    for _ in range(count if count is not None else rng.choice([1, 1, 1, 2, 3, 5])):
        try:
            doc = mutate_once(doc, rng)
        except (KeyError, IndexError, TypeError):  # the picked path vanished in an earlier step
            continue
    return doc


def mutate_bytes(raw: bytes, rng: random.Random) -> bytes:
    """Byte-level mutation, for the parsers: flip, insert, delete, splice, truncate."""
    data = bytearray(raw)
    for _ in range(rng.choice([1, 2, 4, 8])):
        at = rng.randrange(len(data) + 1)
        operation = rng.randrange(5)
        if operation == 0 and data:
            data[min(at, len(data) - 1)] = rng.randrange(256)
        elif operation == 1:
            data[at:at] = rng.choice(BYTE_TOKENS if rng.random() < 0.9 else INPUT_CLASS_TOKENS)
        elif operation == 2:
            del data[at : at + rng.randrange(1, 16)]
        elif operation == 3 and data:
            start = rng.randrange(len(data))
            data[at:at] = data[start : start + rng.randrange(1, 64)]
        else:
            del data[at:]
    return bytes(data)


@functools.cache
def _special_paths() -> tuple[pathlib.Path, ...]:
    folder = pathlib.Path(tempfile.mkdtemp(prefix="ionqkit-fuzz-special-"))
    fifo = folder / "fifo.json"
    os.mkfifo(fifo)  # nobody ever writes to it: a reader that opens it blocking hangs
    dangling = folder / "dangling.json"
    dangling.symlink_to(folder / "missing.json")
    devices = [pathlib.Path(d) for d in ("/dev/zero", "/dev/null", "/dev/urandom") if os.path.exists(d)]
    return (fifo, folder, dangling, *devices)


def special_path(data: bytes) -> pathlib.Path:
    """A path that names no regular file (a FIFO, a device, a folder, a dangling link), picked by
    `data`: every reader must refuse it at once with an IonqkitError, never block or read it."""
    paths = _special_paths()
    return paths[zlib.crc32(data) % len(paths)]
