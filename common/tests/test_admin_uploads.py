"""File columns in the admin: an upload stored through Django's storage, its path in the column."""

import io

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db(databases=["default", "catalogue", "coproduction", "medsync", "matar"])


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "teal").save(buffer, "PNG")
    return buffer.getvalue()


PNG = _png()


@pytest.fixture
def browser(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client = Client()
    client.force_login(UserFactory(is_superuser=True))
    return client


def test_a_process_logotype_is_uploaded_and_its_path_stored(browser):
    from coproduction import models as coproduction_models
    from coproduction.tests import factories as coproduction_factories

    process = coproduction_factories.ProcessFactory()
    form = {
        "name": process.name,
        "language": "en",
        "status": "in_progress",
        "children-TOTAL_FORMS": 0,
        "children-INITIAL_FORMS": 0,
        "permissions-TOTAL_FORMS": 0,
        "permissions-INITIAL_FORMS": 0,
    }
    url = f"/admin/coproduction/coproductionprocess/{process.pk}/change/"
    bad = browser.post(url, {**form, "logotype_upload": SimpleUploadedFile("logo.exe", b"MZ")})
    assert bad.status_code == 200 and "File extension “exe” is not allowed." in bad.content.decode()
    html = browser.post(url, {**form, "logotype_upload": SimpleUploadedFile("logo.png", b"<html>")})
    assert "The file is not an image: PNG, JPEG, GIF or WebP are accepted." in html.content.decode()
    response = browser.post(url, {**form, "logotype_upload": SimpleUploadedFile("logo.png", PNG)})
    assert response.status_code == 302
    stored = coproduction_models.CoproductionProcess.objects.get(pk=process.pk).logotype
    assert stored == f"coproductionprocesses/{process.pk}/logo.png"
    assert default_storage.open(stored).read() == PNG


def test_a_diagnostic_result_must_be_a_pdf(browser):
    from medsync.models import DiagnosticResult
    from medsync.tests import factories as medsync_factories

    result = medsync_factories.DiagnosticResultFactory(
        booking=medsync_factories.BookingFactory(doctor=None, diagnostic=medsync_factories.DiagnosticFactory())
    )
    url = f"/admin/medsync/diagnosticresult/{result.pk}/change/"
    form = {"booking": result.booking_id, "file_path": result.file_path, "file_id": ""}
    fake = browser.post(url, {**form, "file_path_upload": SimpleUploadedFile("scan.pdf", b"<html>")})
    assert "The file is not a PDF (it does not start with %PDF-)." in fake.content.decode()
    pdf = b"%PDF-1.4\n%%EOF\n"
    assert browser.post(url, {**form, "file_path_upload": SimpleUploadedFile("scan.pdf", pdf)}).status_code == 302
    result = DiagnosticResult.objects.get(pk=result.pk)
    assert result.file_path == "results/scan.pdf" and default_storage.open("results/scan.pdf").read() == pdf


def test_a_post_audio_is_checked_like_the_api_and_stored_as_a_url(browser):
    from matar.audio import silent_flac
    from matar.models import Post
    from matar.tests.factories import QuestionFactory
    from matar.tests.factories import UserFactory as MatarUser

    question = QuestionFactory()
    question.user = MatarUser(roles={"default": [question.organization_id]})
    question.user.save()
    question.save()
    url = f"/admin/matar/post/{question.pk}/change/"
    form = {
        "id": question.pk,
        "organization": question.organization_id,
        "user": question.user_id,
        "category_ids": "",
        "is_active": "true",
        "answers-TOTAL_FORMS": "0",
        "answers-INITIAL_FORMS": "0",
    }
    stereo = browser.post(url, {**form, "audio_url_upload": SimpleUploadedFile("q.flac", silent_flac(1, channels=2))})
    assert "Unreadable audio: FLAC audio must be mono" in stereo.content.decode()
    response = browser.post(url, {**form, "audio_url_upload": SimpleUploadedFile("q.flac", silent_flac(2))})
    assert response.status_code == 302
    assert Post.objects.get(pk=question.pk).audio_url == f"http://testserver/media/matar/audio/{question.pk}.flac"


def test_interlinker_logotype_and_snapshots_are_uploaded(browser):
    from catalogue import models
    from catalogue.tests import factories

    knowledge = factories.KnowledgeInterlinkerFactory(name_translations={"en": "Guide"}, snapshots=["old.png"])
    page = browser.get(f"/admin/catalogue/knowledgeinterlinker/{knowledge.pk}/change/")
    form = {
        key: value
        for key, value in page.context["adminform"].form.initial.items()
        if value is not None and not isinstance(value, (list, dict))
    }
    form.update(
        {
            "name_translations__en": "Guide",
            "languages": "en",
            "snapshots": "old.png",
            "ratings-TOTAL_FORMS": "0",
            "ratings-INITIAL_FORMS": "0",
            "logotype_upload": SimpleUploadedFile("Logo.PNG", PNG),
            "snapshots_upload": [SimpleUploadedFile("a.png", PNG), SimpleUploadedFile("b.png", PNG)],
        }
    )
    response = browser.post(f"/admin/catalogue/knowledgeinterlinker/{knowledge.pk}/change/", form)
    assert response.status_code == 302, response.context["adminform"].form.errors
    knowledge = models.KnowledgeInterlinker.objects.get(pk=knowledge.pk)
    assert knowledge.logotype == f"/static/{knowledge.pk}/logotype.png"
    assert knowledge.snapshots == [
        "old.png",
        f"/static/{knowledge.pk}/snapshots/a.png",
        f"/static/{knowledge.pk}/snapshots/b.png",
    ]
    assert default_storage.open(f"catalogue/{knowledge.pk}/logotype.png").read() == PNG
