"""Job-payload validation: payload -> parsed -> rules -> diagnostics -> formatter.

from ionqkit.validators import lint, check
for finding in lint(body_bytes):
    print(finding)          # file:line:col: IQ207 target 5 is outside input.qubits=5 (valid 0..4)
check(payload_dict)         # raises PayloadError listing every error
"""

from ionqkit.findings import Severity
from ionqkit.validators.api import check, lint
from ionqkit.validators.config import LintConfig
from ionqkit.validators.diagnostics import Diagnostic, PayloadError

__all__ = ["Diagnostic", "LintConfig", "PayloadError", "Severity", "check", "lint"]
