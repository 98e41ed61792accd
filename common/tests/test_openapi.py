"""The OpenAPI document at /api/schema/ is valid OpenAPI 3 and Swagger UI serves it."""

import pytest
import yaml
from django.core.management import call_command
from openapi_spec_validator import validate


@pytest.fixture
def schema(client, db):
    response = client.get("/api/schema/")
    assert response.status_code == 200
    return yaml.safe_load(response.content)


def test_schema_is_valid_openapi_3(schema):
    assert schema["openapi"].startswith("3.")
    validate(schema)


def test_schema_documents_the_accounts_api(schema):
    paths = schema["paths"]
    for path in ("/api/v1/login/access-token", "/api/v1/users/me", "/api/v1/items/{item_id}"):
        assert any(p.rstrip("/") == path for p in paths), path
    assert schema["components"]["securitySchemes"]["OAuth2PasswordBearer"]["type"] == "oauth2"


def test_schema_builds_without_warnings():
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", "/dev/null")


def test_swagger_ui_is_served(client, db):
    response = client.get("/api/docs/")
    assert response.status_code == 200 and b"swagger" in response.content.lower()
