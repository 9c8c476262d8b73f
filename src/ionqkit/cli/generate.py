"""`ionqkit generate`: regenerate generated/ from specs/ (or one spec into any folder).

A package folder is replaced only if ionqkit generated it (it carries our MANIFEST.json and
nothing that manifest does not list); anything else in its place stops the run with exit 2 before
anything is written. `--force` regenerates up-to-date packages but never replaces what is not
ours; `--overwrite` replaces a folder that is not ours (a file or a symbolic link in the
package's place is always refused). One run at a time writes into an output folder: a second one
exits 2 ("another generate is running"). `--check` writes nothing at all.
"""

from __future__ import annotations

import sys

from ionqkit.cli.options import GenerateOptions

# The `codegen` extra: module name -> distribution. A plain `pip install ionqkit` (clients, lint,
# diff, migrate) has none of them.
TOOLCHAIN = {"datamodel_code_generator": "datamodel-code-generator", "ruff": "ruff", "jinja2": "jinja2"}


def missing_toolchain() -> list[str]:
    """The distributions of the generator toolchain that are not installed (found without importing)."""
    import importlib.util

    return [dist for module, dist in TOOLCHAIN.items() if importlib.util.find_spec(module) is None]


def execute(options: GenerateOptions) -> int:
    from ionqkit.errors import InputError

    missing = missing_toolchain()
    if missing:
        raise InputError(
            f"needs the code generator toolchain, which is not installed ({', '.join(missing)}): "
            "pip install 'ionqkit[codegen]'",
            file="generate",
        )
    from ionqkit.codegen.config import Target, check_package_name, load_targets
    from ionqkit.codegen.generate import Options
    from ionqkit.codegen.generate import run as generate

    for folder in options.templates:
        if not folder.is_dir():
            raise InputError("template folder does not exist", file=str(folder))
    single = options.single
    project = None
    if single is not None:
        from ionqkit.codegen.class_names import NONE, load_file
        from ionqkit.codegen.standalone import Project

        names = NONE if single.class_names is None else load_file(single.class_names)
        package = check_package_name(single.package)
        targets = [Target(single.spec, single.overlay, package, names)]
        out_root, project_root = single.out, single.spec.parent
        project = Project(
            spec=single.spec,
            package=package,
            overlay=single.overlay,
            templates=options.templates,
            class_names=single.class_names,
            version=single.version,
            standalone=not single.shared_runtime,
        )
    else:
        targets, out_root = load_targets(options.config)
        project_root = options.config.parent
    settings = Options(
        out_root=out_root,
        project_root=project_root,
        template_dirs=options.templates,
        force=options.force,
        overwrite=options.overwrite,
        allow_breaking=options.allow_breaking,
        project=project,
    )

    def say(line: str) -> None:
        if not options.quiet:
            print(line)

    outcomes = generate(targets, settings, say, check_only=options.check)
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
        command = project.command() if project is not None else "ionqkit generate"
        print(f"{len(stale)} package(s) out of date: run `{command}`", file=sys.stderr)
        return 1
    if all(o.action == "up to date" for o in outcomes):
        say(f"all {len(outcomes)} package(s) up to date")
    return 0
