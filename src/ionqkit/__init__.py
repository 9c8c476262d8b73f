"""ionqkit: code generator and job-payload linter for the IonQ Quantum Cloud API.

Subpackages:
    ionqkit.codegen     specs -> checked documents -> intermediate model -> generated code
    ionqkit.validators  job payload -> parsed -> rules -> diagnostics
    ionqkit.generated   the generated models (and clients) for each API version
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("ionqkit")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0+unknown"

__all__ = ["__version__"]
