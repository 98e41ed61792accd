"""Logotype uploads are checked by content and served so they cannot run on the API's origin."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from common.tests.test_uploads import HTML, png_bytes
from coproduction import models

pytestmark = pytest.mark.django_db(databases=["default", "coproduction"])


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.SERVE_MEDIA = True
    return tmp_path


@pytest.mark.parametrize(
    "path", ["/coproductionprocesses/{process}/logotype", "/organizations/{organization}/logotype"]
)
def test_html_as_a_logotype_is_refused_and_nothing_is_stored(admin, media, path):
    process = admin.post("/coproductionprocesses", {"name": "P", "language": "en"}).json()
    organization = admin.post("/organizations", {"name_translations": {"en": "O"}, "default_team_type": "citizen"})
    url = path.format(process=process["id"], organization=organization.json()["id"])
    upload = SimpleUploadedFile("logo.html", HTML, content_type="image/png")
    response = admin.post(url, {"file": upload}, format="multipart")
    assert response.status_code == 400, response.content
    assert response.json() == {"detail": "The file is not an image: PNG, JPEG, GIF or WebP are accepted."}
    assert not [p for p in media.rglob("*") if p.is_file()]
    assert models.CoproductionProcess.objects.get(pk=process["id"]).logotype is None
    assert models.Organization.objects.get(pk=organization.json()["id"]).logotype is None


def test_a_png_logotype_is_stored_under_its_real_format_and_served_inline(admin, media):
    process = admin.post("/coproductionprocesses", {"name": "P", "language": "en"}).json()
    upload = SimpleUploadedFile("logo.html", png_bytes(), content_type="text/html")
    response = admin.post(f"/coproductionprocesses/{process['id']}/logotype", {"file": upload}, format="multipart")
    assert response.status_code == 200, response.content
    name = response.json()["logotype"]
    assert name == f"coproductionprocesses/{process['id']}/logo.png"
    served = Client().get(f"/media/{name}")
    assert served.status_code == 200 and served["Content-Type"] == "image/png"
    assert served["X-Content-Type-Options"] == "nosniff"
    assert not served.get("Content-Disposition", "").startswith("attachment")
    assert b"".join(served.streaming_content) == png_bytes()


def test_media_that_is_not_an_image_is_served_as_an_attachment(media):
    """Files stored before these checks (or by other means) still never render on this origin."""
    for name in ("old/page.html", "old/drawing.svg", "old/notes.pdf"):
        default_storage.save(name, ContentFile(HTML))
        served = Client().get(f"/media/{name}")
        assert served.status_code == 200
        assert served["Content-Disposition"].startswith("attachment")
        assert served["X-Content-Type-Options"] == "nosniff"
        assert "sandbox" in served["Content-Security-Policy"]


def test_media_is_served_by_django_only_when_configured_or_in_debug(media, settings):
    default_storage.save("a/logo.png", ContentFile(png_bytes()))
    settings.SERVE_MEDIA = False
    assert Client().get("/media/a/logo.png").status_code == 404
    settings.SERVE_MEDIA, settings.DEBUG = None, False  # production: the web server serves media
    assert Client().get("/media/a/logo.png").status_code == 404
    settings.DEBUG = True  # development (dev settings)
    assert Client().get("/media/a/logo.png").status_code == 200
