"""OpenAPI description of the bearer-token authentication (Swagger UI's Authorize button)."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension


class BearerTokenScheme(OpenApiAuthenticationExtension):
    target_class = "accounts.authentication.BearerTokenAuthentication"
    name = "OAuth2PasswordBearer"

    def get_security_definition(self, auto_schema):
        return {
            "type": "oauth2",
            "flows": {"password": {"tokenUrl": "/api/v1/login/access-token", "scopes": {}}},
        }
