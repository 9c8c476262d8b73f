"""Orchestration: for each target, hash inputs -> (if stale) load -> review the spec change ->
normalize -> IR -> emit models (and clients) -> format -> write the package atomically with its
MANIFEST.json. The models render in a child forked at the start (codegen/model_worker.py) while this
process loads, checks, validates and renders the clients; nothing is written before validation passes.

Only what changed is regenerated: a package whose MANIFEST.json matches its inputs and whose files
match their recorded hashes is left alone. That check reads a few small files and imports nothing
heavy, so a no-op run is fast.
"""

from __future__ import annotations

import contextlib
import copy
import dataclasses
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from ionqkit.codegen import manifest, writer
from ionqkit.codegen.class_names import ClassNames
from ionqkit.codegen.config import Target
from ionqkit.codegen.ir import Api
from ionqkit.codegen.standalone import Project
from ionqkit.errors import InputError
from ionqkit.paths import PACKAGE_DIR, TEMPLATES_DIR
from ionqkit.pausepoints import point
from ionqkit.spec.factsformat import CATALOG_PARTS, FACTS_FILE

if TYPE_CHECKING:
    from ionqkit.codegen.model_worker import ModelRenderer, Request
    from ionqkit.codegen.spec_review import Review
    from ionqkit.spec.specload import LoadedSpec

Report = Callable[[str], None]

# What the compiled lint facts take besides the spec: facts about IonQ systems no spec carries.
CATALOG = PACKAGE_DIR.joinpath(*CATALOG_PARTS)


@dataclass(frozen=True)
class Options:
    out_root: Path
    project_root: Path  # manifest paths are relative to this
    template_dirs: tuple[Path, ...] = ()  # user template folders, searched before the built-in one
    force: bool = False
    allow_breaking: bool = False  # regenerate even when the spec diff has breaking changes
    overwrite: bool = False  # replace a package folder that ionqkit did not generate
    project: Project | None = None  # --spec: the command; project.standalone: runtime bundled, project files


def standalone_project(options: Options) -> Project | None:
    """The project, if the output is a standalone one (runtime bundled, project files beside)."""
    project = options.project
    return project if project is not None and project.standalone else None


def standalone(options: Options) -> bool:
    """Whether the output is a standalone project (runtime bundled, project files beside)."""
    return standalone_project(options) is not None


def regenerate_command(options: Options) -> str:
    """The command that regenerates the output, as the generated files say it."""
    return options.project.command() if options.project is not None else "ionqkit generate"


@dataclass
class Outcome:
    package: str
    action: str  # "up to date", "regenerated", "stale"
    reasons: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.name


def template_files(template_dirs: Sequence[Path]) -> dict[str, Path]:
    """Effective templates by file name: a user folder overrides the built-in file of that name."""
    chosen: dict[str, Path] = {}
    for folder in [TEMPLATES_DIR, *reversed(template_dirs)]:
        if folder.is_dir():
            for path in sorted(folder.glob("*.jinja")):
                chosen[path.name] = path
    return chosen


def collect_inputs(target: Target, options: Options, with_templates: bool) -> manifest.Inputs:
    files = {"spec": (_relative(target.spec, options.project_root), manifest.sha256_file(target.spec))}
    if target.overlay is not None:
        files["overlay"] = (
            _relative(target.overlay, options.project_root),
            manifest.sha256_file(target.overlay),
        )
    names = target.class_names
    if names.table:
        shown = _relative(names.path, options.project_root) if names.path else names.source
        files["class_names"] = (shown, names.sha256())
    if with_templates:
        from ionqkit.codegen.standalone import is_project_template

        for name, path in template_files(options.template_dirs).items():
            if not standalone(options) and is_project_template(name) and not name.startswith("_"):
                continue  # not rendered without a project
            files[f"template:{name}"] = (_relative(path, options.project_root), manifest.sha256_file(path))
    project = standalone_project(options)
    if project is not None and with_templates:  # a JSON Schema: models alone
        from ionqkit.codegen.standalone import runtime_sha256

        files["runtime"] = ("ionqkit.runtime", runtime_sha256())
        if project.version is not None:
            files["version"] = ("--version", manifest.sha256_bytes(project.version.encode()))
    return manifest.Inputs(files, manifest.generator_fingerprint())


def _with_catalog(inputs: manifest.Inputs, options: Options, has_facts: bool) -> manifest.Inputs:
    """`inputs`, with the catalog among them when the package has lint facts: only they compile it
    in, so editing it makes no other package stale."""
    files = {role: entry for role, entry in inputs.files.items() if role != "catalog"}
    if has_facts:
        files["catalog"] = (_relative(CATALOG, options.project_root), manifest.sha256_file(CATALOG))
    return dataclasses.replace(inputs, files=files)


def _recorded_facts(folder: Path) -> bool:
    """Whether the package's MANIFEST.json lists lint facts: the no-op check parses no spec, and
    whether a spec gets facts changes only with the spec (an input itself)."""
    recorded = manifest.read(folder)
    outputs = recorded.get("outputs") if recorded is not None else None
    return isinstance(outputs, dict) and FACTS_FILE in outputs


def _spec_kind_is_openapi(target: Target) -> bool:
    # A cheap sniff so the no-op check need not parse the spec: JSON Schema inputs never get clients.
    from ionqkit.spec.inputs import read_file

    head = read_file(target.spec)[:4096].decode("utf-8", "replace")
    return "openapi" in head


def _check_inputs_exist(target: Target) -> None:
    from ionqkit.errors import InputError

    for path in (target.spec, target.overlay):
        if path is not None and not path.exists():  # what exists but is no file: the reader says
            raise InputError("no such file", file=str(path))


@dataclass(frozen=True)
class Prepared:
    """A spec after load, checks, overlay and normalization, with its intermediate model."""

    data: dict[str, Any]
    kind: Literal["openapi", "jsonschema"]
    schema_names: dict[str, str]  # original schema name -> class in models.py
    api: Api
    notes: tuple[str, ...]
    inline_names: ClassNames  # the overrides left for inline schemas, which the model generator names
    lint_facts: str | None = None  # lint_facts.json, for specs that define POST /jobs payloads


def load(target: Target, options: Options, *, check: bool = True) -> LoadedSpec:
    """The target's spec, parsed, checked and overlaid (named relative to the project root)."""
    from ionqkit.spec.specload import load_spec

    name = _relative(target.spec, options.project_root)
    return load_spec(target.spec, target.overlay, name=name, check=check)


def prepare(target: Target, options: Options, loaded: LoadedSpec | None = None) -> Prepared:
    from ionqkit.codegen import normalize
    from ionqkit.codegen.build_ir import build_ir

    spec_name = _relative(target.spec, options.project_root)
    if loaded is None:
        loaded = load(target, options)
    normalize.refuse_generator_directives(loaded.document)  # before any rewrite: exact locations
    data: dict[str, Any] = normalize.drop_no_op_keywords(copy.deepcopy(loaded.data))
    notes: list[str] = []
    root_model = None
    if loaded.kind == "openapi":
        data, discriminated = normalize.discriminate(dataclasses.replace(loaded.document, data=data))
        notes += [f"discriminated {d.pointer} on {d.property!r}" for d in discriminated]
        for pointer, name in normalize.hoist_inline_schemas(data):
            notes.append(f"model {name} for the inline schema at {pointer}")
        normalize.inline_scalar_refs(data, ("components", "schemas"))
        schemas_pointer: tuple[str, ...] = ("components", "schemas")
    else:
        schemas_pointer = ("$defs" if "$defs" in data else "definitions",)
        normalize.inline_scalar_refs(data, schemas_pointer)
        root_model = normalize.class_name_for(str(data.get("title") or target.package))
    names = target.class_names
    try:
        schema_names = normalize.safe_schema_names(data, schemas_pointer, names.table)
    except normalize.NameConflictError as clash:
        raise names.error(str(clash), clash.key) from None
    used = {normalize.override_key(original, names.table) for original in schema_names}
    inline_names = dataclasses.replace(names, table={k: v for k, v in names.table.items() if k not in used})
    api = build_ir(
        data,
        package=target.package,
        kind=loaded.kind,
        spec_name=spec_name,
        spec_sha256=loaded.document.sha256,
        schema_names=schema_names,
        root_model=root_model,
    )
    facts = None if standalone(options) else _lint_facts(loaded)  # a standalone project has no linter
    return Prepared(data, loaded.kind, schema_names, api, tuple(notes), inline_names, facts)


def _lint_facts(loaded: LoadedSpec) -> str | None:
    """What `ionqkit lint` reads at run time instead of the spec (ionqkit.spec.jobfacts)."""
    from ionqkit.spec import jobfacts
    from ionqkit.spec.loader import load_path

    if loaded.kind != "openapi":
        return None
    facts = jobfacts.compile_v04(loaded.document, load_path(CATALOG).data)
    return None if facts is None else jobfacts.dumps(facts)


def model_request(prepared: Prepared, options: Options) -> Request:
    from ionqkit.codegen.model_worker import Request

    api = prepared.api
    return Request(
        prepared.data,
        prepared.kind,
        api.spec_name,
        api.root_model,
        command=regenerate_command(options),
        class_names=prepared.inline_names,
    )


@dataclass
class Sources:
    """A package's files before formatting: the package's own (models.py added later) and the
    project files beside it (standalone output only), with notes for the user."""

    package: dict[str, str]
    project: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def other_files(prepared: Prepared, options: Options) -> Sources:
    """Every file but models.py: from the templates (OpenAPI only) the clients, `__init__.py` and,
    for standalone output, the project files; a JSON Schema's package gets a fixed `__init__.py`.
    Standalone output also gets the runtime's copy (codegen/standalone.py)."""
    api = prepared.api
    sources = Sources({})
    dist = None
    project = standalone_project(options)
    if project is not None and api.kind == "openapi":
        from .standalone import RUNTIME_PACKAGE, distribution, runtime_files

        dist, note = distribution(api.package, api.version, project.version)
        sources.notes.extend([note] if note else [])
        sources.package.update(runtime_files(dist, regenerate_command(options)))
    if api.kind == "openapi":
        from .emit_clients import Settings, render_templates
        from .standalone import project_note

        settings = Settings(
            regenerate=regenerate_command(options),
            runtime="ionqkit.runtime" if dist is None else f".{RUNTIME_PACKAGE}",
            project=dist,
        )
        rendered = render_templates(api, list(options.template_dirs), settings)
        _check_rendered_python(rendered.package, api.package, options)
        sources.package.update(rendered.package)
        sources.project.update(rendered.project)
        if rendered.skipped:
            sources.notes.append(project_note(rendered.skipped))
    else:
        sources.package["__init__.py"] = _init_text(api.title, api.version, regenerate_command(options))
    if prepared.lint_facts is not None:  # what `ionqkit lint` reads
        sources.package[FACTS_FILE] = prepared.lint_facts
    return sources


def _shown(path: Path) -> str:
    """A path as the user would type it: relative to the working folder when inside it."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(path)


def _check_rendered_python(rendered: dict[str, str], package: str, options: Options) -> None:
    """Refuse a template's output that is not Python, at the generated file's line and naming the
    template that produced it: the template author's mistake, not ruff's or ionqkit's."""
    templates = template_files(options.template_dirs)
    for name, text in rendered.items():
        if not name.endswith(".py"):
            continue
        where = _shown(options.out_root / package / name)
        try:
            compile(text, where, "exec", dont_inherit=True)
        except SyntaxError as exc:
            template = templates.get(f"{name}.jinja")
            source = _shown(template) if template else f"{name}.jinja"
            raise InputError(
                f"invalid Python rendered by template {source}: {exc.msg}",
                file=where,
                line=exc.lineno,
                column=exc.offset,
            ) from None


def package_notes(
    prepared: Prepared, generator_notes: Sequence[str], other_notes: Sequence[str] = ()
) -> list[str]:
    return [*prepared.notes, *(f"datamodel-code-generator: {n}" for n in generator_notes), *other_notes]


def render_package(
    target: Target, options: Options, loaded: LoadedSpec | None = None
) -> tuple[dict[str, str], list[str]]:
    """The package's source files, not yet formatted (see format_packages), and notes; in this
    process (run() renders the models of all packages in a pre-started child instead)."""
    from ionqkit.codegen.model_worker import render

    prepared = prepare(target, options, loaded)
    models_text, generator_notes = render(model_request(prepared, options))
    sources = other_files(prepared, options)
    files = {"models.py": models_text, **sources.package}  # the project files (standalone) left out
    return files, package_notes(prepared, generator_notes, sources.notes)


def _init_text(title: str, version: str, command: str) -> str:
    """A JSON Schema package's `__init__.py` (an OpenAPI package's comes from __init__.py.jinja)."""
    heading = " ".join(f"{title} {version}".split()).replace('"""', "'''").replace("\\", "/")
    shown = " ".join(command.split()).replace('"""', "'''").replace("\\", "/")
    lines = [
        f'"""Generated package for {heading}. Do not edit: regenerate with `{shown}`.',
        "",
        "Responses are read leniently: a field or a string-enum value the spec does not list is kept",
        "(`model.model_extra`; the enum member keeps its string) instead of failing the call. Models",
        'built in code are strict: they refuse what the spec does not allow."""',
        "",
        "from . import models",
        "",
        '__all__ = ["models"]',
        "",
    ]
    return "\n".join(lines)


def format_packages(packages: dict[str, dict[str, str]]) -> dict[str, dict[str, bytes]]:
    """Format every package's files with one ruff run (each run costs a process start), then
    compile-check them: nothing that does not compile is ever written."""
    import tempfile

    from ionqkit.codegen.format import format_tree

    result: dict[str, dict[str, bytes]] = {}
    with tempfile.TemporaryDirectory(prefix="ionqkit-format-") as folder:
        root = Path(folder)
        for package, files in packages.items():
            for name, text in files.items():
                (root / package / name).parent.mkdir(parents=True, exist_ok=True)
                (root / package / name).write_text(text, encoding="utf-8")
        format_tree(root)
        for package, files in packages.items():
            result[package] = {name: (root / package / name).read_bytes() for name in files}
    for package, files_bytes in result.items():
        for name, content in files_bytes.items():
            if name.endswith(".py"):
                compile(content, f"{package}/{name}", "exec", dont_inherit=True)
        files_bytes["py.typed"] = b""
    return result


def _review_spec_changes(
    stale: Sequence[tuple[Target, LoadedSpec]], options: Options
) -> dict[str, Review | None]:
    """Spec diff against each package's snapshot (codegen/spec_review.py), before anything is
    written. Nothing is reported here: a summary is printed only once it is true (see run())."""
    if not stale:
        return {}
    from ionqkit.codegen.spec_review import review

    reviews: dict[str, Review | None] = {}
    for target, loaded in stale:
        if loaded.kind != "openapi":  # a JSON Schema has no API to classify
            reviews[target.package] = None
            continue
        result = review(
            target.package,
            options.out_root / target.package,
            loaded.document,
            spec_name=loaded.document.name,
            allow_breaking=options.allow_breaking,
        )
        reviews[target.package] = result
    return reviews


def run(
    targets: Sequence[Target], options: Options, report: Report, *, check_only: bool = False
) -> list[Outcome]:
    """Generate (or, with check_only, only check) every target; return what happened to each.

    All stale packages are rendered before any is written, so bad input in one spec leaves every
    package as it was. So does a breaking spec change (see codegen/spec_review.py), unless allowed.
    One run at a time writes into an output folder, and a check writes nothing (codegen/writer.py).
    """
    with writer.locked(options.out_root, shared=check_only):
        point("generate:locked")
        return _run_locked(targets, options, report, check_only=check_only)


def _run_locked(
    targets: Sequence[Target], options: Options, report: Report, *, check_only: bool
) -> list[Outcome]:
    if not check_only:
        for note in writer.recover(options.out_root):
            report(note)
    outcomes: dict[str, Outcome] = {}
    stale: list[tuple[Target, manifest.Inputs, list[str]]] = []
    for target in targets:
        _check_inputs_exist(target)
        with_templates = _spec_kind_is_openapi(target)
        folder = options.out_root / target.package
        inputs = collect_inputs(target, options, with_templates)
        inputs = _with_catalog(inputs, options, with_templates and _recorded_facts(folder))
        reasons = manifest.stale_files(folder, inputs)
        if check_only and writer.interrupted(options.out_root, target.package):
            reasons.insert(0, f"{target.package} (moved aside by an interrupted run; generate restores it)")
        if not reasons and not options.force:
            outcomes[target.package] = Outcome(target.package, "up to date")
        elif check_only:
            outcomes[target.package] = Outcome(target.package, "stale", reasons)
        else:
            writer.refuse_unless_replaceable(folder, overwrite=options.overwrite)
            stale.append((target, inputs, reasons or ["--force"]))
    if not stale:
        return [outcomes[target.package] for target in targets]
    from ionqkit.codegen.model_worker import ModelRenderer

    renderer = ModelRenderer()
    renderer.start()  # the model generator's import runs on another core while the specs load
    try:
        point("generate:renderer-started")
        rendered = _render_all(stale, options, report, renderer, outcomes)
    finally:
        renderer.close()
    if rendered is None:  # blocked by a breaking change
        return [outcomes[target.package] for target in targets]
    packages, summaries = rendered
    point("generate:rendered")
    for (target, _, _), built in zip(stale, packages, strict=True):
        # Again, just before writing: the folders may have changed meanwhile.
        writer.refuse_unless_replaceable(options.out_root / target.package, overwrite=options.overwrite)
        writer.refuse_foreign_project_files(
            options.out_root, target.package, sorted(built.project), overwrite=options.overwrite
        )
    for (target, inputs, reasons), built in zip(stale, packages, strict=True):
        files = built.files
        recorded = _with_catalog(inputs, options, FACTS_FILE in files)
        files[manifest.MANIFEST] = manifest.render(recorded, files, built.project)
        with writer.staged(options.out_root, target.package, files) as staging:
            writer.swap_in(staging, options.out_root / target.package)
        # After the package, whose manifest lists them: a run killed in between leaves them stale
        # (`generate --check` says so) and ours, and the next run writes them.
        writer.write_project_files(options.out_root, built.project)
        outcomes[target.package] = Outcome(target.package, "regenerated", reasons, built.notes)
    for summary in summaries:  # only now true: "spec snapshot recorded"
        report(summary)
    return [outcomes[target.package] for target in targets]


def _validate_all(specs: Sequence[LoadedSpec]) -> None:
    from ionqkit.spec.specload import check_valid

    for spec in specs:
        check_valid(spec)


@contextlib.contextmanager
def _invalid_spec_first(specs: Sequence[LoadedSpec], renderer: ModelRenderer) -> Iterator[None]:
    """On a failure, raise an invalid spec's own error instead, if there is one: the specs are
    validated only at the end, and an invalid spec explains a failure downstream better."""
    try:
        yield
    except Exception:
        renderer.close()
        _validate_all(specs)
        raise


@dataclass
class Built:
    """A package ready to write: its files, formatted; the project files beside it; notes."""

    files: dict[str, bytes]
    project: dict[str, bytes]
    notes: list[str]


def _render_all(
    stale: Sequence[tuple[Target, manifest.Inputs, list[str]]],
    options: Options,
    report: Report,
    renderer: ModelRenderer,
    outcomes: dict[str, Outcome],
) -> tuple[list[Built], list[str]] | None:
    """Formatted files and notes for every stale package, and the spec reviews' summaries to
    print once the packages are written; or None (and the outcomes filled in, and the reviews'
    diffs reported) when a breaking spec change blocks regeneration.

    The specs are loaded unvalidated and validated while the child renders their models; nothing
    is written unless they are valid.
    """
    pairs = [(target, load(target, options, check=False)) for target, _, _ in stale]
    loaded = [spec for _, spec in pairs]
    with _invalid_spec_first(loaded, renderer):
        reviews = _review_spec_changes(pairs, options)
    if any(review is not None and review.blocked for review in reviews.values()):
        renderer.close()
        _validate_all(loaded)  # an invalid spec is bad input (exit 2), not a breaking change
        for review in reviews.values():
            if review is not None and review.report is not None:  # a diff, not "snapshot recorded"
                report(review.summary())
        for target, _, reasons in stale:
            review = reviews[target.package]
            if review is not None and review.blocked:
                why = ["breaking API changes; rerun with --allow-breaking to accept them"]
                outcomes[target.package] = Outcome(target.package, "blocked", why)
            else:
                outcomes[target.package] = Outcome(target.package, "stale", reasons)
        return None
    with _invalid_spec_first(loaded, renderer):
        prepared = [prepare(target, options, spec) for target, spec in pairs]
        renderer.submit([model_request(p, options) for p in prepared])
        others = [other_files(p, options) for p in prepared]
    _validate_all(loaded)
    models = renderer.results()
    sources = {
        target.package: {"models.py": text, **other.package}
        for (target, _, _), (text, _), other in zip(stale, models, others, strict=True)
    }
    formatted = format_packages(sources)
    result: list[Built] = []
    for (target, _, _), p, (_, generator_notes), other in zip(stale, prepared, models, others, strict=True):
        files = formatted[target.package]
        review = reviews[target.package]
        if review is not None:
            files.update(review.files)
        project = {name: text.encode("utf-8", "backslashreplace") for name, text in other.project.items()}
        result.append(Built(files, project, package_notes(p, generator_notes, other.notes)))
    return result, [review.summary() for review in reviews.values() if review is not None]
