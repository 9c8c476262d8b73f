"""Lint many payload files, in the order given, on one process or several.

Results come back in input order whatever the number of processes (`Executor.map` keeps it), so
the report is byte-identical with `--jobs 1` and `--jobs 8`. Workers are started with the spec
facts and the catalog already loaded in the parent: with the fork start method (Linux) they
inherit them; elsewhere the initializer loads them once per worker, not once per file.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from ionqkit.cores import available_cores
from ionqkit.errors import InputError
from ionqkit.records import record
from ionqkit.spec.inputs import read_file
from ionqkit.validators.api import lint
from ionqkit.validators.config import LintConfig
from ionqkit.validators.diagnostics import Diagnostic

STDIN = "-"


@record(frozen=True)
class FileResult:
    name: str
    diagnostics: list[Diagnostic]
    problem: str | None = None  # the file could not be read; nothing was linted


@record(frozen=True)
class _Settings:
    api_version: str
    config: LintConfig


_settings: _Settings | None = None  # this process's settings (set in the parent and in each worker)


def lint_files(
    names: Sequence[str], *, api_version: str, config: LintConfig, jobs: int = 1, stdin: bytes | None = None
) -> Iterator[FileResult]:
    """One FileResult per name, in order. `jobs` 0 means one process per available core."""
    workers = min(jobs or available_cores(), len(names))
    settings = _Settings(api_version, config)
    _prepare(settings)
    items = [(name, stdin if name == STDIN else None) for name in names]
    if workers <= 1:
        yield from map(_lint_one, items)
        return
    # Imported only now: concurrent.futures.process and multiprocessing take 12 ms to import,
    # more than linting a few files on one process.
    from concurrent.futures import ProcessPoolExecutor

    # Several files per task: each task costs a round trip to the worker.
    chunksize = max(1, len(items) // (workers * 8))
    with ProcessPoolExecutor(max_workers=workers, initializer=_prepare, initargs=(settings,)) as pool:
        yield from pool.map(_lint_one, items, chunksize=chunksize)


def _prepare(settings: _Settings) -> None:
    global _settings  # noqa: PLW0603 - per-process state, set once before any file is linted
    _settings = settings
    settings.config.facts()
    settings.config.catalog()


def _lint_one(item: tuple[str, bytes | None]) -> FileResult:
    name, raw = item
    assert _settings is not None
    try:
        if raw is None:
            raw = read_file(name)
    except InputError as exc:
        return FileResult(name, [], str(exc))
    shown = "<stdin>" if name == STDIN else name
    return FileResult(name, lint(raw, api_version=_settings.api_version, config=_settings.config, name=shown))
