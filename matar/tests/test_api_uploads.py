"""``new_post`` audio is checked by size before it is read, and by what it really holds."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from matar.audio import silent_flac
from matar.models import Post
from matar.tests.factories import CategoryFactory

pytestmark = [pytest.mark.django_db(databases=["matar", "default"]), pytest.mark.usefixtures("member_everywhere")]


@pytest.mark.parametrize(
    "mib, message",
    [
        (60, "The audio file is too large: 60.0 MiB, at most 20.0 MiB is accepted."),
        (5, "The audio file holds more than its declared duration of 1.0 seconds (5.0 MiB of data)."),
    ],
)
def test_audio_whose_header_claims_one_second_is_refused(api, settings, tmp_path, mib, message):
    content = silent_flac(1) + bytes(mib * 1024 * 1024)
    settings.MEDIA_ROOT = tmp_path
    category = CategoryFactory()
    response = api.post(
        f"/matar/api/v1/new_post?organization_id={category.organization_id}",
        {"file": SimpleUploadedFile("x.flac", content), "category_id": category.pk},
    )
    assert response.status_code == 400 and response.json() == {"message": message}
    assert not Post.objects.exists() and not [p for p in tmp_path.rglob("*") if p.is_file()]
