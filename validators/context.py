"""What a rule sees: the job as read once (`JobView`), the facts, the limits, and `emit`."""

from __future__ import annotations

import json
from collections.abc import Collection, Mapping, Sequence

from ionqkit.findings import Rule
from ionqkit.records import field, record
from ionqkit.spec.pointers import unescape_pointer_token
from ionqkit.validators.catalog import Catalog
from ionqkit.validators.fixes import Request
from ionqkit.validators.specdata import Gateset, SpecFacts

TYPE_CHECKING = False  # typing is not imported at run time: see ionqkit/__init__.py
if TYPE_CHECKING:
    from typing import Any

# (code, pointer, message, hint, what would fix it: changes by pointer, or () for none)
Finding = tuple[str, str, str, str | None, tuple[Request, ...]]


@record(slots=True)
class CircuitView:
    """One gate list with what applies to it. Pointers are built on demand: a job has up to
    5,000 circuits and a clean one never needs them."""

    holder: str  # pointer of the object that holds `circuit`: the input, or the `circuits` list
    index: int | None  # position in `circuits`; None for the input's own `circuit`
    gates: Any
    gateset: Gateset | None  # None when the gateset itself is invalid
    qubits: int | None  # declared qubit count that applies to this circuit
    own_qubits: bool = False  # `qubits` is the circuit's own, not the input's

    @property
    def pointer(self) -> str:
        """Of the gate list."""
        return f"{self.holder}/circuit" if self.index is None else f"{self.holder}/{self.index}/circuit"

    @property
    def qubits_pointer(self) -> str:
        """Of the `qubits` that applies: the circuit's own, else the input's."""
        if self.own_qubits:
            return f"{self.holder}/{self.index}/qubits"
        return f"{self.holder.removesuffix('/circuits')}/qubits"


@record(frozen=True, slots=True)
class QubitCap:
    """The most qubits a job's target holds (IQ401), and which limit that is, for messages."""

    count: int
    source: str  # "the qubit count of qpu.aria-1", "the limit of simulator with noise model 'aria-1'"


@record
class JobView:
    data: dict[str, Any]
    version: str  # "v0.4" or "v0.3"
    job_type: Any = None
    backend: Any = None
    backend_pointer: str = "/backend"
    noise: Any = None
    shots_pointer: str = "/shots"
    debias: Any = None
    debias_pointer: str | None = None
    input: Any = None
    input_pointer: str = "/input"
    circuits: list[CircuitView] = field(default_factory=list)


@record
class Context:
    facts: SpecFacts
    catalog: Catalog
    body_bytes: int | None = None
    found: list[Finding] = field(default_factory=list)
    # Per-job answers several gate rules share (e.g. which two-qubit native gate the target runs).
    two_qubit_gate: str | None = None
    two_qubit_reason: str = ""
    qubit_cap: QubitCap | None = None  # None: no count is known for the target
    cap_reported: bool = False  # IQ401 for a qubit index is reported once per job, at the first one

    def emit(
        self, rule: Rule, pointer: str, message: str, hint: str | None = None, fix: Sequence[Request] = ()
    ) -> None:
        """Report `rule` (a constant of validators/registry.py, e.g. `IQ207`) at `pointer`.

        `fix` lists the changes to the payload's data that fix this finding, for a rule the
        registry declares fixable (validators/fixes.py); they become text edits only when fixes
        are asked for.
        """
        if fix and rule.fix is None:
            raise ValueError(f"{rule.code} offers a fix but the registry does not declare one")
        self.found.append((rule.code, pointer, message, hint, tuple(fix)))

    def limit(self, name: str) -> Any:
        return self.catalog.limits[name]


def show(value: Any, limit: int = 40) -> str:
    """A value as it appears in JSON, shortened for messages.

    Written out a token at a time, without recursion, and only as far as the message shows: a
    value nested 1,000 deep or holding 5,000 circuits costs no more than a short one.
    """
    out: list[str] = []
    length = 0
    stack: list[list[Any]] = []  # [children, closing bracket, is a mapping, no child written yet]
    node: Any = value
    while True:
        if isinstance(node, Mapping):
            piece = "{"
            stack.append([iter(node.items()), "}", True, True])
        elif isinstance(node, (list, tuple)):
            piece = "["
            stack.append([iter(node), "]", False, True])
        else:
            piece = _scalar(node, limit)
        out.append(piece)
        length += len(piece)
        node = _END
        while stack and length <= limit:
            frame = stack[-1]
            item: Any = next(frame[0], _END)
            if item is _END:
                stack.pop()
                out.append(frame[1])
                length += 1
                continue
            separator = "" if frame[3] else ", "
            frame[3] = False
            if frame[2]:
                key, item = item
                separator += _scalar(key if isinstance(key, str) else str(key), limit) + ": "
            out.append(separator)
            length += len(separator)
            node = item
            break
        if node is _END:
            break
    text = "".join(out)
    return text if len(text) <= limit else text[: limit - 3] + "..."


_END = object()


def _scalar(value: Any, limit: int) -> str:
    if isinstance(value, str) and len(value) > limit:  # the message shows no more of it
        return json.dumps(value[:limit], ensure_ascii=False)[:-1]
    try:
        return json.dumps(value, ensure_ascii=False, allow_nan=True)
    except (TypeError, ValueError):
        pass
    try:
        return repr(value)[: limit + 1]
    except ValueError:  # an int too long for str()
        return f"<{type(value).__name__}>"


def json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, Mapping):
        return "object"
    return type(value).__name__


def field_name(pointer: str) -> str:
    """`/input/circuit/3/targets` -> `input.circuit[3].targets` for messages."""
    out = ""
    for raw in pointer.split("/")[1:]:
        token = unescape_pointer_token(raw)
        out += f"[{token}]" if token.isdigit() else (f".{token}" if out else token)
    return out or "payload"


def did_you_mean(name: str, known: Collection[str]) -> str | None:
    """`did you mean `X`?` for the known name closest to `name`, if one is close."""
    import difflib  # only for a hint on an unknown name: off the clean path

    close = difflib.get_close_matches(str(name), list(known), n=1)
    return f"did you mean `{close[0]}`?" if close else None
