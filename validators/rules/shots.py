"""IQ501-IQ504: shots and debiasing."""

from __future__ import annotations

from ionqkit.numerals import ascii_digits
from ionqkit.validators.context import Context, JobView, show
from ionqkit.validators.fixes import SetValue
from ionqkit.validators.registry import IQ501, IQ502, IQ503, IQ504

TYPE_CHECKING = False  # typing is not imported at run time: see ionqkit/__init__.py
if TYPE_CHECKING:
    from typing import Any

    from ionqkit.validators.specdata import SpecFacts

DEFAULT_SHOTS = 100  # what a job without `shots` runs (the spec's default); debiasing counts it


def shot_bounds(facts: SpecFacts, job_type: Any) -> tuple[Any, Any]:
    """The `shots` minimum and maximum of the job type's payload (an unknown type: the first
    type's), as the spec writes them; None where it sets none. The schema export uses the same."""
    payload = facts.payloads.get(job_type) if isinstance(job_type, str) else None
    if payload is None:
        payload = next(iter(facts.payloads.values()), {})
    shots = facts.resolve(facts.resolve(payload).get("properties", {}).get("shots", {}))
    return shots.get("minimum"), shots.get("maximum")


def check(view: JobView, ctx: Context) -> None:
    data = view.data
    where = view.shots_pointer
    shots: Any = data.get("shots")
    count: int | None = None
    if "shots" in data:
        low, high = shot_bounds(ctx.facts, view.job_type)
        if isinstance(shots, str) and ascii_digits(shots.strip()):
            count = int(shots)
            ctx.emit(
                IQ502,
                where,
                f"shots is the string {show(shots)}; the API types it as an integer",
                f"write {count}",
                fix=(SetValue(where, count),),
            )
        elif isinstance(shots, float) and shots.is_integer():
            count = int(shots)
        elif type(shots) is int:
            count = shots
        else:
            ctx.emit(IQ501, where, f"shots must be an integer, not {show(shots)}")
        if count is not None and ((low is not None and count < low) or (high is not None and count > high)):
            ctx.emit(
                IQ501,
                where,
                f"shots={count} is outside {low if low is not None else '-'}.."
                f"{high if high is not None else '-'}",
            )
            count = None
    else:
        count = DEFAULT_SHOTS
    if view.debias is not True or view.debias_pointer is None:
        return
    minimum = int(ctx.limit("debias_min_shots"))
    if count is not None and count < minimum:
        ctx.emit(
            IQ503,
            view.debias_pointer,
            f"debiasing needs at least {minimum} shots; with {count}, IonQ accepts the job and "
            "silently runs it without debiasing",
            f"raise shots to {minimum}, or turn debiasing off to say what will happen",
        )
    backend = ctx.catalog.backend(view.backend) if isinstance(view.backend, str) else None
    if backend is not None and backend.kind == "simulator":
        ctx.emit(IQ504, view.debias_pointer, "debiasing is not available on the simulator; it is ignored")
