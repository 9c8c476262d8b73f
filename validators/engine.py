"""Run every rule over one parsed payload: parsed -> findings -> located Diagnostics."""

from __future__ import annotations

from itertools import chain, compress, repeat
from operator import not_

from ionqkit.spec.inputs import MAX_DEPTH
from ionqkit.spec.pointers import unescape_pointer_token
from ionqkit.validators.config import LintConfig
from ionqkit.validators.context import Context, JobView, json_type, show
from ionqkit.validators.diagnostics import Diagnostic
from ionqkit.validators.fixes import RemoveBom, Request
from ionqkit.validators.parse import Parsed, TextFinding, duplicate_keys
from ionqkit.validators.registry import IQ003, IQ005, IQ006, IQ103, RULES
from ionqkit.validators.rules import gates, metadata, multicircuit, native, shots, structure, targets, version
from ionqkit.validators.screen import screen_circuits
from ionqkit.validators.view import build, detect_version

TYPE_CHECKING = False  # typing is not imported at run time: see ionqkit/__init__.py
if TYPE_CHECKING:
    from typing import Any

# Document-level checks, in the order their findings usually appear in a payload.
DOCUMENT_CHECKS = (
    structure.check,
    targets.check_backend,
    targets.check_noise,
    targets.check_qubit_count,
    shots.check,
    metadata.check,
    multicircuit.check,
)


def run(parsed: Parsed, config: LintConfig, *, fixes: bool = False) -> list[Diagnostic]:
    """Every finding; with `fixes`, each fixable one carries its Fix (validators/fixes.py)."""
    ctx = Context(facts=config.facts(), catalog=config.catalog())
    text_findings = list(parsed.findings)
    data = None
    if parsed.ok:
        ctx.body_bytes = len(parsed.raw) if parsed.raw is not None else None
        try:
            key_count = _lint_data(parsed.data, config, ctx)
        except RecursionError:  # a rule followed a value nested past Python's stack: say where
            limit = depth_limit(ctx)
            ctx.emit(IQ006, _deep_pointer(parsed.data, set(), limit), f"nesting deeper than {limit} levels")
            key_count = None
        # The rules are done with the tree; drop it before locating findings decodes the text, so
        # the two are never in memory together (fixes need it: the migration rewrites it).
        data = parsed.data if fixes else None
        parsed.data = None
        if key_count is not None:
            text_findings += duplicate_findings(parsed, key_count)
    found = _diagnostics(parsed, ctx, text_findings, config)
    if not fixes:
        return [diagnostic for diagnostic, _ in found]
    from ionqkit.validators.fixing import attach_fixes

    return attach_fixes(parsed, data, found, text_findings)


def _lint_data(data: Any, config: LintConfig, ctx: Context) -> int | None:
    """Run the rules; return how many keys the data has (for the duplicate-key pre-check)."""
    if not isinstance(data, dict):
        ctx.emit(IQ103, "", f"a job payload must be a JSON object, not {json_type(data)}")
        return None
    requested = config.api_version
    detected = detect_version(data, requested)
    view = build(data, detected, ctx)
    version.check(view, ctx, requested)
    native.prepare(view, ctx)
    targets.prepare(view, ctx)
    for check in DOCUMENT_CHECKS:
        check(view, ctx)
    return _check_gates(view, ctx)


def _check_gates(view: JobView, ctx: Context) -> int | None:
    screened = screen_circuits(view.circuits, ctx)
    for circuit in screened.suspects:
        base = circuit.pointer
        for index, gate in enumerate(circuit.gates):
            gates.check_gate(gate, f"{base}/{index}", circuit, ctx)
    rest = _count_keys(view.data, {id(c.gates) for c in screened.clean}, ctx)
    return None if rest is None else screened.gate_keys + rest


def _count_keys(data: Any, skip: set[int], ctx: Context) -> int | None:
    """Keys in every object outside the screened gate lists; None (and IQ006) if too deep."""
    limit = depth_limit(ctx)
    total = 0
    level: list[Any] = [data]
    depth = 0
    while level:
        if depth > limit:
            pointer = _deep_pointer(data, skip, limit)
            ctx.emit(IQ006, pointer, f"nesting deeper than {limit} levels")
            return None
        # A level at a time, in C-speed passes (5,000 circuit objects in a big job).
        is_dict = list(map(isinstance, level, repeat(dict)))
        dicts = list(compress(level, is_dict))
        lists = list(compress(level, map(not_, is_dict)))
        walked = compress(lists, map(not_, map(skip.__contains__, map(id, lists))))
        total += sum(map(len, dicts))
        values = list(chain(chain.from_iterable(map(dict.values, dicts)), chain.from_iterable(walked)))
        level = list(compress(values, map(isinstance, values, repeat((dict, list)))))
        depth += 1
    return total


def depth_limit(ctx: Context) -> int:
    """The configured `max_depth`, never above the loaders' own limit (JSON is read by orjson,
    which would allow 1,024)."""
    return min(int(ctx.limit("max_depth")), MAX_DEPTH)


def _deep_pointer(data: Any, skip: set[int], max_depth: int) -> str:
    """The pointer of the first container nested deeper than `max_depth` (depth-first, last key first)."""
    stack: list[tuple[Any, int, str]] = [(data, 0, "")]
    while stack:
        node, depth, pointer = stack.pop()
        if depth > max_depth:
            return pointer
        if isinstance(node, dict):
            items = node.items()
        elif id(node) in skip:
            continue
        else:
            items = enumerate(node)  # type: ignore[assignment]
        for key, value in items:
            if isinstance(value, (dict, list)):
                stack.append((value, depth + 1, f"{pointer}/{key}"))
    return ""


def duplicate_findings(parsed: Parsed, key_count: int) -> list[TextFinding]:
    """IQ005 for each repeated key of JSON text (`key_count`: the keys the parsed data kept)."""
    out: list[TextFinding] = []
    for pointer, (line, column) in duplicate_keys(parsed, key_count):
        key = unescape_pointer_token(pointer.rsplit("/", 1)[-1])
        message = (
            f"duplicate key {show(key)}: the earlier value is overridden by some parsers and kept by others"
        )
        out.append((IQ005.code, message, line, column))
    return out


def _diagnostics(
    parsed: Parsed,
    ctx: Context,
    text_findings: list[tuple[str, str, int | None, int | None]],
    config: LintConfig,
) -> list[tuple[Diagnostic, tuple[Request, ...]]]:
    """Each enabled finding, located, with the changes that would fix it."""
    file = parsed.name
    wanted = [f for f in ctx.found if config.enabled(f[0], file)]
    positions = parsed.locate({f[1] for f in wanted}) if wanted else {}
    out: list[tuple[Diagnostic, tuple[Request, ...]]] = []
    for code, message, line, column in text_findings:
        if config.enabled(code, file):
            requests: tuple[Request, ...] = (RemoveBom(),) if code == IQ003.code else ()
            out.append((Diagnostic(file, code, RULES[code].severity, "", line, column, message), requests))
    seen: set[tuple[str, str, str]] = set()
    for code, pointer, message, hint, fix in wanted:
        if (code, pointer, message) in seen:
            continue
        seen.add((code, pointer, message))
        line, column = positions.get(pointer, (None, None))
        if line is None and parsed.raw is not None:
            line, column = 1, 1
        out.append((Diagnostic(file, code, RULES[code].severity, pointer, line, column, message, hint), fix))
    # Document order; findings without a position (Mapping input) keep the order rules found them.
    out.sort(key=lambda found: (found[0].line or 0, found[0].column or 0))
    return out
