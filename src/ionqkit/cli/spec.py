"""`ionqkit spec update NEW --spec FILE [--overlay FILE] [--check] [--allow-stale-overlay]`.

Plans the update (ionqkit.spec.update: normalize NEW, keep our descriptions, check the overlay),
prints the spec diff between the current file and the updated one (the report `ionqkit diff` gives),
what became of our descriptions and every overlay action that needs work, then writes the file,
atomically, only if everything checks out.

Exit 0: written, or already up to date. Exit 1: `--check` and the file would change; or overlay
actions that match nothing / an overlaid spec that is not valid (nothing written, unless
`--allow-stale-overlay`). Exit 2: NEW, the spec file or the overlay cannot be read or is not valid
(`error: FILE:LINE:COL: cause`), nothing written.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from ionqkit.cli.options import SpecUpdateOptions

if TYPE_CHECKING:
    from ionqkit.spec.update import UpdatePlan


def execute(options: SpecUpdateOptions) -> int:
    from ionqkit.diff.compare import compare
    from ionqkit.diff.report import render_text
    from ionqkit.escape import printable
    from ionqkit.spec.update import plan_update, write_update

    plan = plan_update(options.new, options.spec, options.overlay, source_name=options.source)
    spec = printable(str(options.spec))
    if plan.old is not None:
        sys.stdout.write(render_text(compare(plan.old, plan.new)))
    kept, dropped = len(plan.kept), len(plan.dropped)
    if kept or dropped:
        print(f"our descriptions: {kept} kept, {dropped} dropped")
    for prose in plan.dropped:
        print(
            f"  dropped {printable(prose.pointer)} ({printable(prose.reason)}): {printable(str(prose.value))}"
        )
    _report_overlay(plan)
    if options.check:
        if plan.changed:
            print(f"{spec} would change (--check: nothing written)", file=sys.stderr)
            return 1
        print(f"{spec} is up to date")
        return 0 if plan.overlay_ok else 1
    if not plan.overlay_ok and not options.allow_stale_overlay:
        print(
            f"nothing written: fix the overlay first, or pass --allow-stale-overlay to write {spec}",
            file=sys.stderr,
        )
        return 1
    if plan.changed:
        write_update(plan)
        print(f"wrote {spec}")
    else:
        print(f"{spec} is up to date")
    return 0 if plan.overlay_ok else 1


def _report_overlay(plan: UpdatePlan) -> None:
    from ionqkit.escape import printable

    check, overlay = plan.overlay_check, plan.overlay
    if check is None or overlay is None:
        return

    def where(index: int) -> str:
        line, column = overlay.locate(f"/actions/{index}") or (None, None)
        return f"{overlay.name}:{line}:{column}" if line is not None else overlay.name

    for action in check.unmatched:
        print(
            printable(
                f"{where(action.index)}: overlay action {action.index} matches nothing in the updated spec"
                f" (retarget or drop it): {action.target}"
            ),
            file=sys.stderr,
        )
        print(f"    its description: {printable(' '.join(action.description.split()))}", file=sys.stderr)
    for action in check.unchanged:
        print(
            printable(
                f"{where(action.index)}: overlay action {action.index} matches but changes nothing"
                f" (upstream may have fixed it; drop it if so): {action.target}"
            )
        )
    if plan.overlay_invalid is not None:
        print(f"error: {plan.overlay_invalid}", file=sys.stderr)
    elif check.clean:
        print(
            f"overlay {printable(overlay.name)}: all {len(check.applied)} actions apply; the result is valid"
        )
