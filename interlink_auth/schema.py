"""OpenAPI description of INTERLINK's token rules: the password-flow bearer token or the cookie."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension


class InterlinkTokenScheme(OpenApiAuthenticationExtension):
    target_class = "interlink_auth.authentication.InterlinkTokenAuthentication"
    name = ["InterlinkBearer", "AuthTokenCookie"]

    def get_security_definition(self, auto_schema):
        return [
            {
                "type": "http",
                "scheme": "bearer",
                "bearerFormat": "JWT",
                "description": "Our access token (/api/v1/login/access-token) or, if configured, the provider's.",
            },
            {
                "type": "apiKey",
                "in": "cookie",
                "name": "auth_token",
                "description": "Set by /auth/login; writes with it need an allowed Origin or Referer.",
            },
        ]
