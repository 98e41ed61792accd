"""The lean list path (common/lean.py shapes, common/read_cache.py) answers byte for byte what the
DRF serializers answer, on the demo seed and on the real seed, in every catalogue language.

The expected bodies are computed here with the serializers (``OUT_BY_NATURE``,
``CoproductionSchemaOutFullSerializer``, ``ProblemProfileOutSerializer``: the code path the
lists used before issue 16) from the same selectors, and rendered by the response's renderer.
Each path is asked twice: the first answer is built, the second comes from the read cache.
"""

from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command

from catalogue import models, selectors
from catalogue.api import serializers as api_serializers
from catalogue.management.commands.catalogue_demo import DEMO_SEED
from common.testing import require_shared
from common.translations import use_language

pytestmark = pytest.mark.django_db(databases=["catalogue", "default"])
REAL_SEED = settings.BASE_DIR.parent / "shared" / "data" / "catalogue-seed"
API = "/catalogue/api/v1"
LANGUAGES = ("en", "es", "lv", "it")


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def interlinker_page(queryset, *, page=1, size=50):
    def expected(request):
        rows = list(queryset[(page - 1) * size : page * size])
        items = [
            api_serializers.OUT_BY_NATURE.get(row.nature, api_serializers.InterlinkerOutSerializer)(
                row, context={"request": request}
            ).data
            for row in selectors.interlinkers_for_output(rows)
        ]
        return {"items": items, "total": queryset.count(), "page": page, "size": size}

    return expected


def schema_page(request):
    rows = list(selectors.coproductionschema_list()[:50])
    items = api_serializers.CoproductionSchemaOutFullSerializer(
        selectors.coproductionschemas_for_output(rows), many=True, context={"request": request}
    ).data
    return {"items": items, "total": selectors.coproductionschema_list().count(), "page": 1, "size": 50}


def public_schemas(request):
    rows = models.CoproductionSchema.objects.filter(is_public=True).order_by("created_at", "id")[:100]
    return api_serializers.CoproductionSchemaOutFullSerializer(
        selectors.coproductionschemas_for_output(rows), many=True, context={"request": request}
    ).data


def problem_profiles(request):
    return api_serializers.ProblemProfileOutSerializer(selectors.problemprofile_list(), many=True).data


def cases(search: str) -> list:
    """(path, expected body) of every list the lean path serves; querysets are built lazily."""
    knowledge = models.KnowledgeInterlinker.objects.filter(problemprofiles__isnull=False).order_by("created_at").first()
    return [
        (f"{API}/interlinkers?size=50", interlinker_page(selectors.interlinker_list())),
        (f"{API}/interlinkers?size=20&page=2", interlinker_page(selectors.interlinker_list(), page=2, size=20)),
        (
            f"{API}/interlinkers?size=100&nature=knowledgeinterlinker",
            interlinker_page(selectors.interlinker_list(natures=["knowledgeinterlinker"]), size=100),
        ),
        (f"{API}/interlinkers?size=50&search={search}", interlinker_page(selectors.interlinker_list(search=search))),
        (f"{API}/knowledgeinterlinkers?size=50", interlinker_page(selectors.knowledgeinterlinker_list())),
        (f"{API}/softwareinterlinkers", interlinker_page(selectors.softwareinterlinker_list())),
        (f"{API}/interlinkers/{knowledge.pk}/related", interlinker_page(selectors.interlinker_related(knowledge))),
        (f"{API}/coproductionschemas", schema_page),
        (f"{API}/coproductionschemas/public", public_schemas),
        (f"{API}/problemprofiles", problem_profiles),
    ]


def assert_lists_answer_as_the_serializers(api, search: str) -> int:
    checked = 0
    for language in LANGUAGES:
        with use_language(language):
            for path, expected in cases(search):
                built = api.get(path, HTTP_ACCEPT_LANGUAGE=language)
                assert built.status_code == 200, path
                body = expected(built.wsgi_request)
                rendered = built.accepted_renderer.render(body, built.accepted_media_type, built.renderer_context)
                assert built.content == rendered, f"{path} ({language})"
                cached = api.get(path, HTTP_ACCEPT_LANGUAGE=language)
                assert (cached.status_code, cached.content) == (200, rendered), f"{path} ({language}, cached)"
                assert cached.headers == built.headers, f"{path} ({language}, cached)"
                checked += 1
    return checked


def import_seed(path) -> None:
    call_command("import_catalogue", str(path), "--no-progress", stdout=StringIO())


def test_demo_seed_lists_are_byte_identical_to_the_serializers(api):
    import_seed(DEMO_SEED)
    assert assert_lists_answer_as_the_serializers(api, search="a") == 40


def test_real_seed_lists_are_byte_identical_to_the_serializers(api):
    import_seed(require_shared(REAL_SEED))
    assert models.Interlinker.objects.count() == 77
    assert assert_lists_answer_as_the_serializers(api, search="data") == 40
