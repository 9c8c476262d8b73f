"""IQ701-IQ704: circuit count, total gate count, circuit + circuits, body size."""

from __future__ import annotations

from ionqkit.validators.context import Context, JobView
from ionqkit.validators.registry import IQ701, IQ702, IQ703, IQ704


def check(view: JobView, ctx: Context) -> None:
    inp = view.input
    if isinstance(inp, dict):
        if "circuit" in inp and "circuits" in inp:
            ctx.emit(
                IQ703,
                f"{view.input_pointer}/circuits",
                "input has both `circuit` and `circuits`",
                "a multi-circuit job takes `circuits` only; a single-circuit job `circuit` only",
            )
        circuits = inp.get("circuits")
        limit = ctx.facts.max_circuits or int(ctx.limit("max_circuits"))
        if isinstance(circuits, list) and len(circuits) > limit:
            ctx.emit(
                IQ701,
                f"{view.input_pointer}/circuits",
                f"{len(circuits):,} circuits in one job; at most {limit:,}",
                "split the job",
            )
    total = sum(len(c.gates) for c in view.circuits if isinstance(c.gates, list))
    max_gates = int(ctx.limit("max_total_gates"))
    if total > max_gates:
        ctx.emit(
            IQ702, view.input_pointer, f"{total:,} gates in one job; at most {max_gates:,}", "split the job"
        )
    max_bytes = int(ctx.limit("max_body_bytes"))
    if ctx.body_bytes is not None and ctx.body_bytes > max_bytes:
        ctx.emit(
            IQ704,
            "",
            f"request body is {ctx.body_bytes:,} bytes; IonQ accepts at most {max_bytes:,}",
            "split the job or drop metadata",
        )
