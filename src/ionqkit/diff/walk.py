"""Walk the paths, operations, parameters, bodies, responses and security of two specs in step.

Operations are matched by method and path template (parameter names in templates do not matter),
through the renames file's path map. Every schema reached is handed to SchemaComparer with the
direction it travels in.
"""

from __future__ import annotations

from typing import Any

from ionqkit.diff.context import DiffContext, deref
from ionqkit.diff.renames import normalize_path
from ionqkit.diff.schemas import REQUEST, RESPONSE, SchemaComparer, Visit
from ionqkit.spec.loader import Document
from ionqkit.spec.pointers import join_pointer, split_pointer

METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")

Requirement = frozenset[tuple[str, tuple[str, ...]]]


def _paths(doc: Document) -> dict[str, tuple[str, str, dict[str, Any]]]:
    """normalized path -> (written path, pointer, path item)."""
    paths = doc.data.get("paths")
    out: dict[str, tuple[str, str, dict[str, Any]]] = {}
    if not isinstance(paths, dict):
        return out
    for path in sorted(paths):
        pointer, item = deref(doc, join_pointer("/paths", path), paths[path])
        if isinstance(item, dict):
            out.setdefault(normalize_path(path), (path, pointer, item))
    return out


class OperationWalker:
    def __init__(self, ctx: DiffContext) -> None:
        self.ctx = ctx
        self.schemas = SchemaComparer(ctx)

    def run(self) -> None:
        ctx = self.ctx
        old_paths, new_paths = _paths(ctx.old), _paths(ctx.new)
        renamed = {
            old: new for old, new in ctx.renames.paths.items() if old in old_paths and new in new_paths
        }
        matched_new = set(renamed.values())
        for key in sorted(old_paths):
            path, old_ptr, old_item = old_paths[key]
            new_key = renamed.get(key, key if key not in ctx.renames.paths else "")
            if new_key in new_paths and (new_key not in matched_new or key in renamed):
                new_path, new_ptr, new_item = new_paths[new_key]
                if key in renamed:
                    ctx.emit(
                        "api-path-renamed",
                        f"path {path} moved to {new_path}",
                        f"path {new_path}",
                        old_ptr,
                        new_ptr,
                    )
                self._path((path, old_ptr, old_item), (new_path, new_ptr, new_item))
            else:
                ctx.emit("api-path-removed", f"path {path} removed", f"path {path}", old_ptr, "/paths")
        for key in sorted(set(new_paths) - set(old_paths) - matched_new):
            path, new_ptr, _ = new_paths[key]
            ctx.emit("path-added", f"path {path} added", f"path {path}", "/paths", new_ptr)

    def _path(self, old: tuple[str, str, dict[str, Any]], new: tuple[str, str, dict[str, Any]]) -> None:
        ctx = self.ctx
        (old_path, old_ptr, old_item), (new_path, new_ptr, new_item) = old, new
        for method in METHODS:
            old_op, new_op = old_item.get(method), new_item.get(method)
            label = f"{method.upper()} {new_path if isinstance(new_op, dict) else old_path}"
            old_op_ptr, new_op_ptr = join_pointer(old_ptr, method), join_pointer(new_ptr, method)
            if isinstance(old_op, dict) and not isinstance(new_op, dict):
                deprecated = old_op.get("deprecated") is True
                check = "api-removed-after-deprecation" if deprecated else "api-removed-without-deprecation"
                ctx.emit(check, f"operation {label} removed", label, old_op_ptr, new_ptr, operation=label)
            elif isinstance(new_op, dict) and not isinstance(old_op, dict):
                ctx.emit(
                    "operation-added", f"operation {label} added", label, old_ptr, new_op_ptr, operation=label
                )
            elif isinstance(old_op, dict) and isinstance(new_op, dict):
                self._operation(label, (old_op_ptr, old_op, old_item), (new_op_ptr, new_op, new_item))

    def _operation(
        self,
        label: str,
        old: tuple[str, dict[str, Any], dict[str, Any]],
        new: tuple[str, dict[str, Any], dict[str, Any]],
    ) -> None:
        ctx = self.ctx
        (old_ptr, old_op, _), (new_ptr, new_op, _) = old, new
        old_id, new_id = old_op.get("operationId"), new_op.get("operationId")
        if old_id != new_id:
            ctx.emit(
                "operation-id-changed",
                f"operationId {old_id!r} -> {new_id!r}",
                label,
                join_pointer(old_ptr, "operationId"),
                join_pointer(new_ptr, "operationId"),
                operation=label,
            )
        if new_op.get("deprecated") is True and old_op.get("deprecated") is not True:
            ctx.emit(
                "deprecated",
                "operation became deprecated",
                label,
                old_ptr,
                join_pointer(new_ptr, "deprecated"),
                operation=label,
            )
        for key in ("summary", "description"):
            if old_op.get(key) != new_op.get(key):
                ctx.emit(
                    "description-changed",
                    f"operation {key} changed",
                    label,
                    join_pointer(old_ptr, key) if key in old_op else old_ptr,
                    join_pointer(new_ptr, key) if key in new_op else new_ptr,
                    operation=label,
                )
        self._parameters(label, old, new)
        self._request_body(label, old_ptr, old_op, new_ptr, new_op)
        self._responses(label, old_ptr, old_op, new_ptr, new_op)
        self._security(label, old_ptr, old_op, new_ptr, new_op)

    # parameters -----------------------------------------------------------------------------

    def _collect_parameters(
        self, doc: Document, op_ptr: str, op: dict[str, Any], item: dict[str, Any]
    ) -> tuple[dict[tuple[str, str], tuple[str, dict[str, Any]]], dict[str, tuple[str, str] | None]]:
        """(in, name) -> (pointer, parameter), and each parameter $ref -> its key (None: broken)."""
        item_ptr = op_ptr.rsplit("/", 1)[0]
        tokens = split_pointer(item_ptr)
        written = tokens[1] if len(tokens) == 2 and tokens[0] == "paths" else ""
        template = [seg[1:-1] for seg in written.split("/") if seg.startswith("{") and seg.endswith("}")]
        found: dict[tuple[str, str], tuple[str, dict[str, Any]]] = {}
        via_ref: dict[str, tuple[str, str] | None] = {}
        for owner_ptr, owner in ((item_ptr, item), (op_ptr, op)):  # operation overrides path item
            params = owner.get("parameters")
            if not isinstance(params, list):
                continue
            for index, param in enumerate(params):
                ptr, node = deref(doc, join_pointer(join_pointer(owner_ptr, "parameters"), index), param)
                ref = param.get("$ref") if isinstance(param, dict) else None
                if isinstance(ref, str):
                    via_ref[ref] = None
                if not isinstance(node, dict) or not isinstance(node.get("name"), str):
                    continue
                where = str(node.get("in", ""))
                name = node["name"].lower() if where == "header" else node["name"]
                if where == "path" and name in template:
                    # by position in the template, so that a renamed {id} still matches {UUID}
                    name = f"#{template.index(name)}"
                found[(where, name)] = (ptr, node)
                if isinstance(ref, str):
                    via_ref[ref] = (where, name)
        return found, via_ref

    def _parameters(
        self,
        label: str,
        old: tuple[str, dict[str, Any], dict[str, Any]],
        new: tuple[str, dict[str, Any], dict[str, Any]],
    ) -> None:
        ctx = self.ctx
        (old_ptr, old_op, old_item), (new_ptr, new_op, new_item) = old, new
        old_params, old_refs = self._collect_parameters(ctx.old, old_ptr, old_op, old_item)
        new_params, new_refs = self._collect_parameters(ctx.new, new_ptr, new_op, new_item)
        # A parameter behind a $ref that one side cannot resolve (a truncated spec) is unknown
        # there: the other side's parameter with the same $ref is not reported as added/removed.
        for mine, theirs, params in ((old_refs, new_refs, new_params), (new_refs, old_refs, old_params)):
            for ref, key in mine.items():
                other = theirs.get(ref)
                if key is None and other is not None:
                    params.pop(other, None)
        _match_path_parameters_by_name(old_params, new_params)
        for key in sorted(set(old_params) | set(new_params)):
            name = (new_params.get(key) or old_params[key])[1]["name"]
            shown = f"{key[0]} parameter {name!r}"
            where = f"{label} {shown}"
            if key not in new_params:
                o_ptr, o_param = old_params[key]
                ctx.emit(
                    "request-parameter-removed", f"{shown} removed", where, o_ptr, new_ptr, operation=label
                )
            elif key not in old_params:
                n_ptr, n_param = new_params[key]
                required = n_param.get("required") is True
                check = "request-parameter-added-required" if required else "request-parameter-added"
                ctx.emit(check, f"{shown} added", where, old_ptr, n_ptr, operation=label)
            else:
                (o_ptr, o_param), (n_ptr, n_param) = old_params[key], new_params[key]
                was, now = o_param.get("required") is True, n_param.get("required") is True
                if now and not was:
                    ctx.emit(
                        "request-parameter-became-required",
                        f"{shown} became required",
                        where,
                        o_ptr,
                        n_ptr,
                        operation=label,
                    )
                elif was and not now:
                    ctx.emit(
                        "request-parameter-became-optional",
                        f"{shown} became optional",
                        where,
                        o_ptr,
                        n_ptr,
                        operation=label,
                    )
                if n_param.get("deprecated") is True and o_param.get("deprecated") is not True:
                    ctx.emit("deprecated", f"{shown} became deprecated", where, o_ptr, n_ptr, operation=label)
                if o_param.get("description") != n_param.get("description"):
                    ctx.emit(
                        "description-changed",
                        f"{shown} description changed",
                        where,
                        o_ptr,
                        n_ptr,
                        operation=label,
                    )
                if "schema" in o_param and "schema" in n_param:
                    visit = Visit(label, REQUEST, where)
                    self.schemas.compare(
                        visit,
                        join_pointer(o_ptr, "schema"),
                        o_param["schema"],
                        join_pointer(n_ptr, "schema"),
                        n_param["schema"],
                    )

    # bodies -----------------------------------------------------------------------------------

    def _request_body(
        self, label: str, old_ptr: str, old_op: dict[str, Any], new_ptr: str, new_op: dict[str, Any]
    ) -> None:
        ctx = self.ctx
        o_ptr, old_body = deref(ctx.old, join_pointer(old_ptr, "requestBody"), old_op.get("requestBody"))
        n_ptr, new_body = deref(ctx.new, join_pointer(new_ptr, "requestBody"), new_op.get("requestBody"))
        where = f"{label} request body"
        if not isinstance(old_body, dict) and not isinstance(new_body, dict):
            return
        if not isinstance(new_body, dict):
            ctx.emit("request-body-removed", "request body removed", where, o_ptr, new_ptr, operation=label)
            return
        if not isinstance(old_body, dict):
            check = (
                "request-body-added-required" if new_body.get("required") is True else "request-body-added"
            )
            ctx.emit(check, "request body added", where, old_ptr, n_ptr, operation=label)
            return
        if new_body.get("required") is True and old_body.get("required") is not True:
            ctx.emit(
                "request-body-became-required",
                "request body became required",
                where,
                o_ptr,
                n_ptr,
                operation=label,
            )
        self._content(label, where, REQUEST, old=(o_ptr, old_body), new=(n_ptr, new_body))

    def _content(
        self,
        label: str,
        where: str,
        direction: str,
        *,
        old: tuple[str, dict[str, Any]],
        new: tuple[str, dict[str, Any]],
    ) -> None:
        ctx = self.ctx
        (o_ptr, old_body), (n_ptr, new_body) = old, new
        old_content = old_body.get("content") if isinstance(old_body.get("content"), dict) else {}
        new_content = new_body.get("content") if isinstance(new_body.get("content"), dict) else {}
        assert isinstance(old_content, dict) and isinstance(new_content, dict)
        prefix = "request" if direction == REQUEST else "response"
        for media in sorted(set(old_content) | set(new_content)):
            o_media_ptr = join_pointer(join_pointer(o_ptr, "content"), media)
            n_media_ptr = join_pointer(join_pointer(n_ptr, "content"), media)
            if media not in new_content:
                ctx.emit(
                    f"{prefix}-media-type-removed",
                    f"media type {media} removed",
                    where,
                    o_media_ptr,
                    n_ptr,
                    operation=label,
                )
            elif media not in old_content:
                ctx.emit(
                    f"{prefix}-media-type-added",
                    f"media type {media} added",
                    where,
                    o_ptr,
                    n_media_ptr,
                    operation=label,
                )
            else:
                old_media, new_media = old_content[media], new_content[media]
                if isinstance(old_media, dict) and isinstance(new_media, dict):
                    if "schema" in old_media and "schema" in new_media:
                        self.schemas.compare(
                            Visit(label, direction, f"{where} {media}"),
                            join_pointer(o_media_ptr, "schema"),
                            old_media["schema"],
                            join_pointer(n_media_ptr, "schema"),
                            new_media["schema"],
                        )
                    if _examples(old_media) != _examples(new_media):
                        ctx.emit(
                            "example-changed",
                            "examples changed",
                            f"{where} {media}",
                            o_media_ptr,
                            n_media_ptr,
                            operation=label,
                        )

    def _responses(
        self, label: str, old_ptr: str, old_op: dict[str, Any], new_ptr: str, new_op: dict[str, Any]
    ) -> None:
        ctx = self.ctx
        old_responses = old_op.get("responses") if isinstance(old_op.get("responses"), dict) else {}
        new_responses = new_op.get("responses") if isinstance(new_op.get("responses"), dict) else {}
        assert isinstance(old_responses, dict) and isinstance(new_responses, dict)
        o_base, n_base = join_pointer(old_ptr, "responses"), join_pointer(new_ptr, "responses")
        for status in sorted(set(old_responses) | set(new_responses), key=str):
            where = f"{label} response {status}"
            o_ptr, old = deref(ctx.old, join_pointer(o_base, status), old_responses.get(status))
            n_ptr, new = deref(ctx.new, join_pointer(n_base, status), new_responses.get(status))
            if status not in new_responses:
                success = str(status).startswith("2")
                check = (
                    "response-success-status-removed" if success else "response-non-success-status-removed"
                )
                ctx.emit(check, f"response {status} removed", where, o_ptr, n_base, operation=label)
            elif status not in old_responses:
                ctx.emit(
                    "response-status-added", f"response {status} added", where, o_base, n_ptr, operation=label
                )
            elif isinstance(old, dict) and isinstance(new, dict):
                self._content(label, where, RESPONSE, old=(o_ptr, old), new=(n_ptr, new))

    # security ---------------------------------------------------------------------------------

    def _security(
        self, label: str, old_ptr: str, old_op: dict[str, Any], new_ptr: str, new_op: dict[str, Any]
    ) -> None:
        ctx = self.ctx
        by_definition = bool(_scheme_names(ctx.old)) and bool(_scheme_names(ctx.new))
        old_reqs = _requirements(ctx.old, old_op, by_definition=by_definition)
        new_reqs = _requirements(ctx.new, new_op, by_definition=by_definition)
        if old_reqs == new_reqs:
            return
        o_at = _security_pointer(ctx.old, old_ptr, old_op)
        n_at = _security_pointer(ctx.new, new_ptr, new_op)
        anonymous: Requirement = frozenset()
        shown_new = _show_requirements(new_reqs)
        shown_old = _show_requirements(old_reqs)
        if anonymous in new_reqs and anonymous not in old_reqs:
            ctx.emit(
                "security-removed",
                f"no longer requires authentication (was {shown_old})",
                label,
                o_at,
                n_at,
                operation=label,
            )
        elif old_reqs - new_reqs:
            ctx.emit(
                "security-added",
                f"requires {shown_new} (was {shown_old})",
                label,
                o_at,
                n_at,
                operation=label,
            )
        else:
            ctx.emit(
                "security-alternative-added",
                f"accepts {shown_new} (was {shown_old})",
                label,
                o_at,
                n_at,
                operation=label,
            )


def _examples(media: dict[str, Any]) -> Any:
    return (media.get("example"), media.get("examples"))


Parameters = dict[tuple[str, str], tuple[str, dict[str, Any]]]


def _match_path_parameters_by_name(old: Parameters, new: Parameters) -> None:
    """Path parameters named alike on both sides match by name; the others by template position.

    /characterizations/{UUID} -> /backends/{backend}/characterizations/{UUID} keeps UUID matched
    and reports {backend} as the new parameter, while /jobs/{id} -> /jobs/{UUID} still matches.
    """

    def names(params: Parameters) -> dict[str, tuple[str, str]]:
        return {str(node.get("name")): key for key, (_, node) in params.items() if key[0] == "path"}

    old_names, new_names = names(old), names(new)
    for name in sorted(set(old_names) & set(new_names)):
        old[("path", f"name:{name}")] = old.pop(old_names[name])
        new[("path", f"name:{name}")] = new.pop(new_names[name])


def _security_pointer(doc: Document, op_ptr: str, op: dict[str, Any]) -> str:
    """Where an operation's effective security is written: its own, the root's, or nowhere."""
    if "security" in op:
        return join_pointer(op_ptr, "security")
    return "/security" if "security" in doc.data else op_ptr


def _scheme_names(doc: Document) -> set[str]:
    components = doc.data.get("components")
    schemes = components.get("securitySchemes") if isinstance(components, dict) else None
    return set(schemes) if isinstance(schemes, dict) else set()


def _requirements(doc: Document, op: dict[str, Any], *, by_definition: bool) -> frozenset[Requirement]:
    """Security alternatives, each a set of (scheme identity, scopes).

    A scheme is identified by what it is (apiKey in a header named Authorization, ...), not by its
    name, so renaming API_Key to apiKeyAuth changes nothing - unless a document defines no schemes
    at all (a truncated spec), where only the names can be compared.
    """
    security = op.get("security", doc.data.get("security", []))
    if not isinstance(security, list) or not security:
        return frozenset({frozenset()})
    schemes = (
        doc.data.get("components", {}).get("securitySchemes", {})
        if isinstance(doc.data.get("components"), dict)
        else {}
    )
    out = set()
    for requirement in security:
        if not isinstance(requirement, dict):
            continue
        items = set()
        for name, scopes in requirement.items():
            scheme = schemes.get(name) if isinstance(schemes, dict) and by_definition else None
            identity = _scheme_identity(doc, name, scheme)
            items.add((identity, tuple(sorted(str(s) for s in scopes)) if isinstance(scopes, list) else ()))
        out.add(frozenset(items))
    return frozenset(out)


def _scheme_identity(doc: Document, name: str, scheme: Any) -> str:
    _, scheme = deref(doc, "", scheme)
    if not isinstance(scheme, dict):
        return f"scheme {name}"
    kind = scheme.get("type")
    if kind == "apiKey":
        return f"apiKey {scheme.get('in')} {scheme.get('name')}"
    if kind == "http":
        return f"http {str(scheme.get('scheme', '')).lower()}"
    return f"{kind} {name}"


def _show_requirements(reqs: frozenset[Requirement]) -> str:
    shown = sorted(" + ".join(sorted(identity for identity, _ in req)) or "anonymous" for req in reqs)
    return " or ".join(shown)
