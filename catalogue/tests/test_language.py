"""Request language: Accept-Language parsed by q-value and primary sub-tag, unsupported → en."""

import pytest

from catalogue.tests import factories
from common.translations import parse_accept_language


@pytest.mark.parametrize(
    ("header", "language"),
    [
        (None, "en"),
        ("", "en"),
        ("es", "es"),
        ("es-ES,es;q=0.9", "es"),
        ("en-US,en;q=0.9", "en"),
        ("fr-FR,fr;q=0.9", "en"),
        ("fr;q=1, it;q=0.8, es;q=0.9", "es"),
        ("lv;q=0.5, it;q=0.5", "lv"),
        ("es;q=0, it", "it"),
        ("de, LV-lv", "lv"),
    ],
)
def test_parse_accept_language(header, language):
    assert parse_accept_language(header) == language


@pytest.mark.django_db(databases=["catalogue"])
def test_problem_profiles_follow_the_request_language_with_english_fallback(api):
    factories.ProblemProfileFactory(
        id="ORG_PROBLEM_1", name_translations={"en": "Aim", "it": "Obiettivo"}, description_translations={"en": "Text"}
    )
    italian = api.get("/catalogue/api/v1/problemprofiles", HTTP_ACCEPT_LANGUAGE="it-IT,it;q=0.9").json()[0]
    assert (italian["name"], italian["description"]) == ("Obiettivo", "Text")
    unsupported = api.get("/catalogue/api/v1/problemprofiles", HTTP_ACCEPT_LANGUAGE="fr").json()[0]
    assert unsupported["name"] == "Aim"
