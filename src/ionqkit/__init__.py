"""ionqkit: code generator and job-payload linter for the IonQ Quantum Cloud API.

Subpackages:
    ionqkit.codegen     specs -> checked documents -> intermediate model -> generated code
    ionqkit.validators  job payload -> parsed -> rules -> diagnostics
    ionqkit.generated   the generated models (and clients) for each API version
"""

# The single source of the version (pyproject.toml reads it): importing importlib.metadata to look
# it up would cost more than the rest of a no-op `ionqkit generate`.
__version__ = "0.1.0"

# Start-up cost. A one-file `ionqkit lint` (pre-commit runs it on every commit) and a client's first
# validated `create_job` pay for every module the lint path imports, so that path imports little
# of the standard library beyond `re` and `json` (tests/cli/test_import_cost.py lists what it must
# not load). In particular its modules do not import `typing` at run time (7 ms of a 65 ms lint on
# a 2-core machine): they write `TYPE_CHECKING = False` and import typing's names under
# `if TYPE_CHECKING:`, which mypy and ruff read as they read typing.TYPE_CHECKING (ruff's TC004
# reports a name used at run time), and module-level aliases are `Name: TypeAlias = "..."`.
# Nor `pathlib` (7 ms more, with urllib.parse and ipaddress): paths there are strings and os.path,
# and pathlib is imported where a path argument is given (cli/options.path_argument), a config file
# is found, or a folder searched. Likewise no dataclasses (ionqkit.records), orjson for small
# payloads (validators/parse.py), or shutil (cli/parser.py's help formatter).

__all__ = ["__version__"]
