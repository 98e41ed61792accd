"""OpenAPI descriptions of the project's authentication classes (drf-spectacular extensions).

Importing this module registers them; without it, drf-spectacular warns on every view that
uses ``accounts.authentication.BearerTokenAuthentication`` (and ``--fail-on-warn`` fails).
"""

from drf_spectacular.extensions import OpenApiAuthenticationExtension


class BearerTokenScheme(OpenApiAuthenticationExtension):
    target_class = "accounts.authentication.BearerTokenAuthentication"
    name = "BearerAuth"

    def get_security_definition(self, auto_schema):
        return {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"}
