"""What each command was asked to do: the options step of parse -> options -> execute.

One frozen dataclass per command, built from argparse's namespace by its `from_namespace` right
after parsing (cli/parser.py), so each execute() takes typed values, not a namespace. Conversion
(`--fail-on breaking` -> the severity "error", ALLOW_BREAKING from the environment) and the rules
that tie arguments together (`--spec` needs `--out` and `--package`; several payloads need
`--write`) live here and run once, before any command module is imported; a broken rule is an
InputError, reported as one `error:` line with exit 2.

What needs a command's own package (a rule code in --select, a package name, whether a template
folder exists) is checked by the command. Standard library only: this module is imported for
every run, `ionqkit --help` included.
"""

from __future__ import annotations

import argparse
import os

from ionqkit.errors import InputError
from ionqkit.records import field, record

TYPE_CHECKING = False  # typing is not imported at run time: see ionqkit/__init__.py
if TYPE_CHECKING:
    from pathlib import Path

# `ionqkit diff --fail-on`: the lowest severity that fails the run (None: never).
FAIL_ON = {"breaking": "error", "warning": "warning", "none": None}

COMMAND_LINE = "<command line>"  # the "file" a usage error names
OVERLAY_NEEDS_SPEC = "--overlay goes with --spec (the spec it applies to)"  # lint's and schema's


def path_argument(text: str) -> Path:
    """argparse's `type` for a path argument. pathlib is imported when a path is given, not for
    every run: it costs a one-file lint 7 ms, a tenth of it (see ionqkit/__init__.py)."""
    from pathlib import Path

    return Path(text)


def _project_file() -> Path:
    return path_argument("pyproject.toml")


@record(frozen=True)
class SingleSpec:
    """`generate --spec`: one spec into one package, instead of the configured targets."""

    spec: Path
    out: Path
    package: str
    overlay: Path | None = None
    version: str | None = None  # --version of the distribution (standalone output)
    class_names: Path | None = None  # --class-names FILE
    shared_runtime: bool = False  # --shared-runtime: no standalone project, ionqkit.runtime imported


@record(frozen=True)
class GenerateOptions:
    config: Path = field(default_factory=_project_file)
    single: SingleSpec | None = None
    templates: tuple[Path, ...] = ()
    check: bool = False
    force: bool = False
    overwrite: bool = False
    allow_breaking: bool = False  # --allow-breaking, or ALLOW_BREAKING set to anything but "" or "0"
    quiet: bool = False

    @classmethod
    def from_namespace(cls, args: argparse.Namespace) -> GenerateOptions:
        single = None
        if args.spec is not None:
            if args.out is None or args.package is None:
                raise InputError("--spec needs --out and --package", file=COMMAND_LINE)
            single = SingleSpec(
                spec=args.spec,
                out=args.out,
                package=args.package,
                overlay=args.overlay,
                version=args.dist_version,
                class_names=args.class_names,
                shared_runtime=args.shared_runtime,
            )
            if args.shared_runtime and args.dist_version:
                raise InputError(
                    "--version is the standalone project's; not with --shared-runtime", file=COMMAND_LINE
                )
            if args.dist_version is not None:
                from ionqkit.codegen.standalone import check_version

                check_version(args.dist_version, file=COMMAND_LINE)
        elif (
            args.overlay
            or args.out
            or args.package
            or args.dist_version
            or args.class_names
            or args.shared_runtime
        ):
            raise InputError(
                "--overlay, --out, --package, --version, --class-names and --shared-runtime go with --spec",
                file=COMMAND_LINE,
            )
        return cls(
            config=args.config,
            single=single,
            templates=tuple(args.templates),
            check=args.check,
            force=args.force,
            overwrite=args.overwrite,
            allow_breaking=args.allow_breaking or os.environ.get("ALLOW_BREAKING", "") not in ("", "0"),
            quiet=args.quiet,
        )


@record(frozen=True)
class LintOptions:
    paths: tuple[str, ...]  # files, directories, or "-" for stdin, as given
    format: str = "text"
    select: tuple[str, ...] = ()  # as given (comma-separated codes or prefixes); the linter checks them
    ignore: tuple[str, ...] = ()
    api_version: str | None = None  # None: from the config file, else auto
    config: Path | None = None  # None: the nearest pyproject.toml
    warnings_as_errors: bool = False
    jobs: int = 1  # 0: one process per core
    spec: Path | None = None  # None: the spec facts compiled into the installed package
    overlay: Path | None = None
    fix: bool = False  # write the fixes (stdin: print the fixed payload)
    unsafe_fixes: bool = False  # the unsafe fixes too
    diff: bool = False  # print the fixes as a diff instead of writing them (wins over `fix`)

    @classmethod
    def from_namespace(cls, args: argparse.Namespace) -> LintOptions:
        if args.overlay is not None and args.spec is None:
            raise InputError(OVERLAY_NEEDS_SPEC, file=COMMAND_LINE)
        if args.unsafe_fixes and not (args.fix or args.diff):
            raise InputError("--unsafe-fixes goes with --fix or --diff", file=COMMAND_LINE)
        # The fixed payload read from stdin goes to stdout, which holds one payload.
        if args.fix and not args.diff and "-" in args.paths and len(args.paths) > 1:
            raise InputError(
                "with --fix, `-` must be the only PATH (the fixed payload goes to stdout)", file=COMMAND_LINE
            )
        return cls(
            paths=tuple(args.paths),
            format=args.format,
            select=tuple(args.select),
            ignore=tuple(args.ignore),
            api_version=args.api_version,
            config=args.config,
            warnings_as_errors=args.warnings_as_errors,
            jobs=args.jobs,
            spec=args.spec,
            overlay=args.overlay,
            fix=args.fix,
            unsafe_fixes=args.unsafe_fixes,
            diff=args.diff,
        )


@record(frozen=True)
class RulesOptions:
    code: str | None = None  # a rule code or name; None lists every rule
    format: str = "text"

    @classmethod
    def from_namespace(cls, args: argparse.Namespace) -> RulesOptions:
        return cls(code=args.code, format=args.format)


@record(frozen=True)
class DiffOptions:
    old: str  # a path or git:REV:PATH
    new: str
    format: str = "text"
    fail_at: str | None = "error"  # the lowest severity that fails the run; None: never
    renames: str | None = None

    @classmethod
    def from_namespace(cls, args: argparse.Namespace) -> DiffOptions:
        return cls(
            old=args.old,
            new=args.new,
            format=args.format,
            fail_at=FAIL_ON[args.fail_on],
            renames=args.renames,
        )


@record(frozen=True)
class MigrateOptions:
    payloads: tuple[str, ...]  # as given, so an error names a file the way the user did
    to: str = "v0.4"
    write: bool = False

    @classmethod
    def from_namespace(cls, args: argparse.Namespace) -> MigrateOptions:
        # Without --write the migrated payload goes to stdout, which holds one payload.
        if len(args.payloads) > 1 and not args.write:
            raise InputError("several payloads: add --write to migrate them in place", file=args.payloads[0])
        return cls(payloads=tuple(args.payloads), to=args.to, write=args.write)


@record(frozen=True)
class SpecUpdateOptions:
    """`spec update NEW --spec FILE`: move a spec file to a new upstream version."""

    new: str  # the upstream spec: a path, or "-" for stdin
    spec: Path
    overlay: Path | None = None
    check: bool = False
    allow_stale_overlay: bool = False  # write the spec even when the overlay no longer applies
    source: str | None = None  # how the header names the upstream (default: NEW's file name)

    @classmethod
    def from_namespace(cls, args: argparse.Namespace) -> SpecUpdateOptions:
        if args.check and args.allow_stale_overlay:
            raise InputError(
                "--check writes nothing; --allow-stale-overlay is for a write", file=COMMAND_LINE
            )
        return cls(
            new=args.new,
            spec=args.spec,
            overlay=args.overlay,
            check=args.check,
            allow_stale_overlay=args.allow_stale_overlay,
            source=args.source,
        )


@record(frozen=True)
class SchemaOptions:
    api_version: str = "v0.4"
    spec: Path | None = None  # None: the spec facts compiled into the installed package
    overlay: Path | None = None
    config: Path | None = None  # None: the nearest pyproject.toml (its lint limits and backends apply)
    output: Path | None = None  # None (or "-"): stdout

    @classmethod
    def from_namespace(cls, args: argparse.Namespace) -> SchemaOptions:
        if args.overlay is not None and args.spec is None:
            raise InputError(OVERLAY_NEEDS_SPEC, file=COMMAND_LINE)
        output = None if args.output in (None, "-") else path_argument(args.output)
        return cls(
            api_version=args.api_version,
            spec=args.spec,
            overlay=args.overlay,
            config=args.config,
            output=output,
        )


Options = (
    GenerateOptions
    | LintOptions
    | RulesOptions
    | DiffOptions
    | MigrateOptions
    | SpecUpdateOptions
    | SchemaOptions
)
OptionsType = (
    type[GenerateOptions]
    | type[LintOptions]
    | type[RulesOptions]
    | type[DiffOptions]
    | type[MigrateOptions]
    | type[SpecUpdateOptions]
    | type[SchemaOptions]
)
