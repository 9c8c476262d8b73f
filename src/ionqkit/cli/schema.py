"""`ionqkit schema [--api-version v0.4] [--spec FILE [--overlay FILE]] [-o FILE]`: the job-payload
JSON Schema (draft 2020-12) that editors and JSON Schema validators can check payloads with.

Built from the same facts and catalog `lint` uses, with the lint config's limits and backends
(ionqkit.validators.jsonschema_export). Written to stdout, or with -o replaced atomically: a
reader sees the old file or the new one, never a part; a file that already holds the same schema is
left alone. Exit 0, or 2 on bad input or a refused write.
"""

from __future__ import annotations

import sys

from ionqkit.cli.options import SchemaOptions


def execute(options: SchemaOptions) -> int:
    from ionqkit.errors import InputError
    from ionqkit.escape import printable
    from ionqkit.records import replace
    from ionqkit.spec.atomic import real_path, write_file_atomically
    from ionqkit.spec.inputs import read_file
    from ionqkit.spec.tempentries import remove_stale
    from ionqkit.validators import config as lint_config
    from ionqkit.validators.jsonschema_export import dumps, export

    config = lint_config.load(options.config)
    if options.spec is not None:
        config = replace(config, spec=options.spec, overlay=options.overlay)
    text = dumps(export(config.facts(), config.catalog()))
    if options.output is None:
        sys.stdout.write(text)
        return 0
    content = text.encode("utf-8")
    target = real_path(options.output)
    folder = target.parent
    try:
        if target.is_file() and target.stat().st_size == len(content) and read_file(target) == content:
            return 0  # unchanged: keep the file (and its mtime) as it is
        if folder.is_dir():
            for name in remove_stale(folder):
                print(printable(f"{folder / name}: removed (left by an interrupted run)"), file=sys.stderr)
        write_file_atomically(options.output, content)
    except OSError as exc:
        raise InputError(f"cannot write: {exc.strerror or exc}", file=str(options.output)) from None
    return 0
