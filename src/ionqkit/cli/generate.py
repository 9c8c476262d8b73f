"""`ionqkit generate`: regenerate generated/ from specs/ (or one spec into any folder).

A package folder is replaced only if ionqkit generated it (it carries our MANIFEST.json and
nothing that manifest does not list); anything else in its place stops the run with exit 2 before
anything is written. `--force` regenerates up-to-date packages but never replaces what is not
ours; `--overwrite` replaces a folder that is not ours (a file or a symbolic link in the
package's place is always refused). One run at a time writes into an output folder: a second one
exits 2 ("another generate is running"). `--check` writes nothing at all.
"""

from __future__ import annotations

import argparse
import os
import sys


def execute(args: argparse.Namespace) -> int:
    from ionqkit.codegen.config import Target, check_package_name, load_targets
    from ionqkit.codegen.generate import Options
    from ionqkit.codegen.generate import run as generate
    from ionqkit.errors import InputError

    for folder in args.templates:
        if not folder.is_dir():
            raise InputError("template folder does not exist", file=str(folder))
    if args.spec is not None:
        if args.out is None or args.package is None:
            raise InputError("--spec needs --out and --package", file="<command line>")
        targets = [Target(args.spec, args.overlay, check_package_name(args.package))]
        options = Options(
            out_root=args.out, project_root=args.spec.parent, template_dirs=tuple(args.templates)
        )
    else:
        if args.overlay or args.out or args.package:
            raise InputError("--overlay, --out and --package go with --spec", file="<command line>")
        targets, out_root = load_targets(args.config)
        options = Options(
            out_root=out_root, project_root=args.config.parent, template_dirs=tuple(args.templates)
        )
    options = Options(
        out_root=options.out_root,
        project_root=options.project_root,
        template_dirs=options.template_dirs,
        force=args.force,
        overwrite=args.overwrite,
        allow_breaking=args.allow_breaking or os.environ.get("ALLOW_BREAKING", "") not in ("", "0"),
    )

    def say(line: str) -> None:
        if not args.quiet:
            print(line)

    outcomes = generate(targets, options, say, check_only=args.check)
    blocked = [o for o in outcomes if o.action == "blocked"]
    for outcome in blocked:
        print(f"{outcome.package}: {'; '.join(outcome.reasons)}", file=sys.stderr)
    if blocked:
        print("nothing written", file=sys.stderr)
        return 1
    stale = [o for o in outcomes if o.action == "stale"]
    for outcome in outcomes:
        if outcome.action == "regenerated":
            say(f"regenerated {outcome.package} ({'; '.join(outcome.reasons)})")
            for note in outcome.notes:
                say(f"  note: {note}")
        elif outcome.action == "stale":
            for reason in outcome.reasons:
                print(f"stale: {reason}", file=sys.stderr)
    if stale:
        print(f"{len(stale)} package(s) out of date: run `make generate`", file=sys.stderr)
        return 1
    if all(o.action == "up to date" for o in outcomes):
        say(f"all {len(outcomes)} package(s) up to date")
    return 0
