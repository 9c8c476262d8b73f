"""The findings layer lint and diff share: one severity scale, one registry type, one set of renderers.

    Severity            info < warning < error (findings.severity)
    Rule, Registry      a code's name, default severity, summary, doc, message and hint templates,
                        and whether its findings can be fixed (Fixable) (findings.rules); lint's
                        registry is ionqkit.validators.registry, the differ's ionqkit.diff.checks
    Located             a finding at one place (findings.located), what the shared renderers take:
    github, sarif       GitHub workflow commands and SARIF 2.1.0 (findings.github, findings.sarif)
    renderers           format name -> renderer of one report kind (findings.formats)

It stands on ionqkit.escape and nothing else of ionqkit's: the spec core does not import it, and
it imports neither the linter, the differ nor codegen.
"""

from __future__ import annotations

from ionqkit.findings.located import Located
from ionqkit.findings.rules import Fixable, Registry, Rule, Safety
from ionqkit.findings.severity import Severity

__all__ = ["Fixable", "Located", "Registry", "Rule", "Safety", "Severity"]
