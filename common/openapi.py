"""The OpenAPI document tells what the API answers (issue #12): one schema class for all apps.

drf-spectacular documents the success answer a view declares. This class adds, for every
operation, the error answers the project's shared conventions produce, with their bodies:

* the view's validation status (422, or 400 where ``validation_error_status`` says so): any
  request can carry a NUL, an over-long string or a malformed body (``common.input``);
* 400, upstream's business-rule refusals (``{"detail": …}``; INTERLINK answers some reads of
  a missing row with 400 too);
* 401 and 403 where the view authenticates (no, bad or insufficient credentials);
* 429 where the view is throttled;
* 404 where the path names a row or the view authenticates (a valid token of a deleted user
  answers 404 ``User not found``, as upstream).

A view whose errors have another shape names it in ``openapi_error_bodies`` (matar). It also
documents DELETE as it answers (200 with the declared body, never spectacular's default 204)
and adds the anonymous security requirement ``{}`` when the view's permissions let an
anonymous caller through (probed with the permission classes themselves), so anonymous reads
are documented as such. ``NULL_BODY`` documents upstream's JSON ``null`` answers.
"""

from __future__ import annotations

import inspect

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema
from drf_spectacular.plumbing import ResolvedComponent
from rest_framework.test import APIRequestFactory

# JSON ``null`` (OpenAPI 3.0 has no null type): upstream's DELETE and some writes answer it.
NULL_BODY = {"nullable": True, "enum": [None], "description": "JSON null"}

DETAIL = {
    "type": "object",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
    "description": 'An error with upstream\'s message: {"detail": "…"}',
}
VALIDATION = {
    "anyOf": [
        {"$ref": "#/components/schemas/ErrorDetail"},
        {
            "type": "object",
            "additionalProperties": {},
            "description": "Field errors: each field (or non_field_errors) with its messages",
        },
        {"type": "array", "items": {"type": "string"}, "description": "Messages not tied to a field"},
    ],
}
# Flask-style bodies (matar): ``{"message": …}`` (400 may add ``errors``), and
# flask-jwt-extended's 401 ``{"description": …, "error": …}``.
MESSAGE = {
    "type": "object",
    "properties": {"message": {"type": "string"}, "errors": {"type": "object", "additionalProperties": {}}},
    "required": ["message"],
}
TOKEN_ERROR = {
    "type": "object",
    "properties": {"description": {"type": "string"}, "error": {"type": "string"}},
    "required": ["description", "error"],
}
ERROR_DETAIL = {"$ref": "#/components/schemas/ErrorDetail"}  # for a view's own extra codes (409, …)
COMPONENTS = {
    "ErrorDetail": DETAIL,
    "ValidationErrorBody": VALIDATION,
    "ErrorMessage": MESSAGE,
    "TokenError": TOKEN_ERROR,
}
FLASK_ERROR_BODIES = {
    "400": {"$ref": "#/components/schemas/ErrorMessage"},
    "401": {"$ref": "#/components/schemas/TokenError"},
    "403": {"anyOf": [{"$ref": "#/components/schemas/ErrorMessage"}, {"$ref": "#/components/schemas/ErrorDetail"}]},
    "404": {"$ref": "#/components/schemas/ErrorMessage"},
}


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


class AutoSchema(SpectacularAutoSchema):
    def _register_error_components(self) -> None:
        for name, schema in COMPONENTS.items():
            self.registry.register_on_missing(
                ResolvedComponent(name=name, type=ResolvedComponent.SCHEMA, object=name, schema=schema)
            )

    def _error_bodies(self) -> dict[str, dict]:
        """Status code -> body schema of the errors this operation can answer."""
        view = self.view
        bodies = {}
        custom = getattr(view, "openapi_error_bodies", None) or {}
        validation_status = str(getattr(view, "validation_error_status", 422))
        bodies[validation_status] = _ref("ValidationErrorBody")
        if validation_status != "400":
            bodies["400"] = _ref("ErrorDetail")
        else:
            bodies["400"] = {"oneOf": [_ref("ErrorDetail"), _ref("ValidationErrorBody")]}
        if view.get_authenticators() or not self._anonymous_allowed() or self._requires_login():
            bodies["401"] = _ref("ErrorDetail")
            bodies["403"] = _ref("ErrorDetail")
        if "{" in self.path or view.get_authenticators():
            # A path naming a row, or a token whose user is gone (upstream: 404 "User not found").
            bodies["404"] = _ref("ErrorDetail")
        if view.get_throttles():
            # Throttled (common.throttling, matar's OTP): 429 with Retry-After, the app's body.
            bodies["429"] = custom.get("400", _ref("ErrorDetail"))
        for code, schema in custom.items():
            if str(code) in bodies or code == "*":
                bodies[str(code)] = schema
        return bodies

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if self.method == "DELETE" and set(responses) == {"204"} and not isinstance(self._declared(), dict):
            # The project's deletions answer 200 with a body (the row, a message or null).
            responses = {"200": self._get_response_for_code(self._declared() or NULL_BODY, "200", direction=direction)}
        if direction != "response":
            return responses
        self._register_error_components()
        # gunicorn refuses a request line past its limit_request_line before Django sees it.
        responses.setdefault(
            "414",
            {
                "content": {"text/html": {"schema": {"type": "string"}}},
                "description": "Request line too long (the server's limit, before the application)",
            },
        )
        for code, schema in self._error_bodies().items():
            if code not in responses:
                responses[code] = {
                    "content": {"application/json": {"schema": schema}},
                    "description": "Error",
                }
        return responses

    def _declared(self):
        return self.get_response_serializers()

    def _anonymous_allowed(self) -> bool:
        """Whether the view's permission classes let an anonymous caller in for this method."""
        request = APIRequestFactory().generic(self.method, self.path)
        request.user = AnonymousUser()
        try:
            return all(p.has_permission(request, self.view) for p in self.view.get_permissions())
        except Exception:  # a permission that needs more than a request: treat as closed
            return False

    def _requires_login(self) -> bool:
        """A view that lets everyone past its permission classes but refuses an anonymous caller
        in its handler names the call that does it (``login_marker``, e.g. coproduction's
        ``self.current_user()``); a handler whose code makes that call is documented as
        needing credentials."""
        marker = getattr(self.view, "login_marker", None)
        handler = getattr(self.view, self.method.lower(), None)
        if not marker or handler is None:
            return False
        try:
            return marker in inspect.getsource(handler)
        except (OSError, TypeError):
            return False

    def get_auth(self):
        auths = super().get_auth()
        anonymous = self._anonymous_allowed() and not self._requires_login()
        if anonymous and {} not in auths:
            auths.append({})
        if not anonymous and {} in auths:
            auths.remove({})
        return auths


def text_limit_hook(result, generator, request, public):
    """Request strings without a maximum get ``API_TEXT_MAX_LENGTH`` (``common.input`` enforces it)."""
    limit = settings.API_TEXT_MAX_LENGTH
    for name, schema in result.get("components", {}).get("schemas", {}).items():
        if name.endswith("Request"):
            _limit_strings(schema, limit)
    return result


def _limit_strings(schema, limit: int) -> None:
    stack = [schema]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if node.get("type") == "string" and "maxLength" not in node and "enum" not in node and "format" not in node:
                node["maxLength"] = limit
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)


def discriminator_hook(result, generator, request, public):
    """Each branch of a discriminated ``oneOf`` accepts only its own discriminator value.

    Without this every branch of e.g. ``InterlinkerOut`` accepts every ``nature``, so a
    document matches several branches and ``oneOf`` fails; with it, validators and client
    generators pick exactly one branch, the one the mapping names.
    """
    schemas = result.get("components", {}).get("schemas", {})
    for schema in list(schemas.values()):
        discriminator = schema.get("discriminator") if isinstance(schema, dict) else None
        if not discriminator or "mapping" not in discriminator:
            continue
        prop = discriminator["propertyName"]
        for value, ref in discriminator["mapping"].items():
            branch = schemas.get(ref.rsplit("/", 1)[-1])
            if branch and prop in branch.get("properties", {}):
                branch["properties"][prop] = {"type": "string", "enum": [value]}
                branch.setdefault("required", [])
                if prop not in branch["required"]:
                    branch["required"].append(prop)
    return result
