"""ionqkit: code generator and job-payload linter for the IonQ Quantum Cloud API.

Subpackages:
    ionqkit.codegen     specs -> checked documents -> intermediate model -> generated code
    ionqkit.validators  job payload -> parsed -> rules -> diagnostics
    ionqkit.generated   the generated models (and clients) for each API version
"""

# The single source of the version (pyproject.toml reads it): importing importlib.metadata to look
# it up would cost more than the rest of a no-op `ionqkit generate`.
__version__ = "0.1.0"

__all__ = ["__version__"]
