"""The catalogue of check ids: each id names one kind of change, its level and what it means.

Levels follow oasdiff's classification where oasdiff has an equivalent. ERR (breaking) is the
issue's list - path or operation removed, required request field or parameter added, request
field removed or its type narrowed, request enum value removed, response field removed, response
enum value added, security requirement added - plus the changes that break clients the same way
(a renamed or moved field is a removal plus an addition; a narrowed request constraint rejects
payloads that used to be accepted). WARN is what may break some clients; INFO never breaks.

Ids are stable: once released an id keeps its meaning; new checks get new ids.
"""

from __future__ import annotations

from ionqkit.findings import Registry, Rule, Severity

_E, _W, _I = Severity.ERROR, Severity.WARNING, Severity.INFO


def Check(check_id: str, severity: Severity, summary: str) -> Rule:  # noqa: N802 - reads as the table's row type
    """A check is a Rule whose code is its id (the differ's ids are names, not numbers)."""
    return Rule(check_id, check_id, severity, summary)


CHECKS = Registry(
    (
        # paths and operations
        Check("api-path-removed", _E, "a path and every operation on it were removed"),
        Check("api-path-renamed", _E, "a path was moved to a new path (declared in the renames file)"),
        Check(
            "api-removed-without-deprecation", _E, "an operation was removed without being deprecated first"
        ),
        Check("api-removed-after-deprecation", _E, "a deprecated operation was removed"),
        Check("path-added", _I, "a new path was added"),
        Check("operation-added", _I, "a new operation was added to an existing path"),
        Check(
            "operation-id-changed",
            _W,
            "an operation's operationId changed (generated method names follow it)",
        ),
        Check("deprecated", _W, "an operation, parameter or property became deprecated"),
        # parameters
        Check("request-parameter-added-required", _E, "a new required parameter was added"),
        Check("request-parameter-added", _I, "a new optional parameter was added"),
        Check("request-parameter-removed", _E, "a parameter was removed"),
        Check("request-parameter-became-required", _E, "an optional parameter became required"),
        Check("request-parameter-became-optional", _I, "a required parameter became optional"),
        # request bodies
        Check("request-body-added-required", _E, "a required request body was added"),
        Check("request-body-added", _I, "an optional request body was added"),
        Check("request-body-removed", _E, "the request body was removed"),
        Check("request-body-became-required", _E, "an optional request body became required"),
        Check("request-media-type-removed", _E, "a request media type is no longer accepted"),
        Check("request-media-type-added", _I, "a request media type was added"),
        # request schemas
        Check("request-property-removed", _E, "a request field was removed"),
        Check("request-property-added-required", _E, "a new required request field was added"),
        Check("optional-property-added", _I, "a new optional request field was added"),
        Check("request-property-became-required", _E, "an optional request field became required"),
        Check("request-property-became-optional", _I, "a required request field became optional"),
        Check("request-property-type-changed", _E, "a request field's type was narrowed or replaced"),
        Check("request-property-type-widened", _I, "a request field accepts more types than before"),
        Check("request-enum-value-removed", _E, "a request enum value was removed"),
        Check("enum-value-added", _I, "a request enum value was added"),
        Check("request-enum-added", _E, "a free-form request field became an enum"),
        Check(
            "request-constraint-tightened", _E, "a request constraint was tightened (fewer values accepted)"
        ),
        Check("request-variant-removed", _E, "a request oneOf/anyOf alternative was removed"),
        Check("request-variant-added", _I, "a request oneOf/anyOf alternative was added"),
        # response schemas
        Check("response-property-removed", _E, "a response field was removed"),
        Check("response-property-added", _I, "a new response field was added"),
        Check("response-property-became-optional", _W, "a required response field became optional"),
        Check("response-property-became-required", _I, "an optional response field became required"),
        Check("response-property-type-changed", _E, "a response field's type changed"),
        Check(
            "response-enum-value-added",
            _E,
            "a response enum value was added (clients that switch on it break)",
        ),
        Check("response-enum-value-removed", _I, "a response enum value was removed"),
        Check("response-enum-added", _I, "a free-form response field became an enum"),
        Check("response-constraint-tightened", _I, "a response constraint was tightened"),
        Check("response-variant-added", _W, "a response oneOf/anyOf alternative was added"),
        Check("response-variant-removed", _I, "a response oneOf/anyOf alternative was removed"),
        # responses
        Check("response-success-status-removed", _E, "a success (2xx) response status was removed"),
        Check("response-non-success-status-removed", _I, "a non-2xx response status was removed"),
        Check("response-status-added", _I, "a response status was added"),
        Check("response-media-type-removed", _E, "a response media type was removed"),
        Check("response-media-type-added", _I, "a response media type was added"),
        # either direction
        Check("property-renamed", _E, "a field was renamed (declared in the renames file)"),
        Check(
            "property-moved",
            _E,
            "a field moved to another place in the payload (declared in the renames file)",
        ),
        Check("enum-value-renamed", _E, "an enum value was renamed (declared in the renames file)"),
        Check("enum-to-free-string", _W, "an enum became a free-form string"),
        Check(
            "constraint-loosened",
            _W,
            "a constraint was loosened or removed (min/max, length, pattern, nullable)",
        ),
        Check("format-changed", _W, "a field's format changed"),
        Check("default-changed", _W, "a default value was added, removed or changed"),
        Check("composition-changed", _W, "a schema became or stopped being a oneOf/anyOf union"),
        # security
        Check("security-added", _E, "an operation requires an authentication it did not require before"),
        Check("security-alternative-added", _I, "an operation accepts an additional way to authenticate"),
        Check("security-removed", _I, "an operation no longer requires authentication"),
        # components and documentation
        Check("schema-added", _I, "a component schema was added"),
        Check("schema-removed", _W, "a component schema was removed (generated model names disappear)"),
        Check("schema-renamed", _I, "a component schema was renamed (declared in the renames file)"),
        Check("description-changed", _I, "a summary or description changed"),
        Check("example-changed", _I, "an example changed"),
    )
)
