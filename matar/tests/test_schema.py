import io

from django.core.management import call_command


def test_the_matar_api_schema_builds_and_validates_without_warnings():
    out = io.StringIO()
    call_command("spectacular", "--validate", "--fail-on-warn", "--urlconf", "matar.tests.schema_urls", stdout=out)
    schema = out.getvalue()
    assert "/matar/api/v1/get_post" in schema and "matarBearer" in schema
