"""Ratings through the API and the aggregates ``artefact.rating`` / ``ratings_count``."""

import threading
import uuid
from decimal import Decimal

import pytest
from django.db import connections, transaction

from catalogue import models, services
from catalogue.tests import factories

RATINGS = "/catalogue/api/v1/ratings"


def aggregates(artefact) -> tuple:
    artefact.refresh_from_db()
    return artefact.rating, artefact.ratings_count


@pytest.mark.django_db(databases=["catalogue"])
def test_aggregates_follow_create_update_move_and_delete():
    first = factories.SoftwareInterlinkerFactory()
    second = factories.CoproductionSchemaFactory()
    a = factories.RatingFactory(artefact=first, value=4)
    b = factories.RatingFactory(artefact=first, value=5)
    factories.RatingFactory(artefact=first, value=5)
    assert aggregates(first) == (Decimal("4.7"), 3)
    b.value = 1
    b.save()
    assert aggregates(first) == (Decimal("3.3"), 3)
    a.artefact = second
    a.save()
    assert aggregates(first) == (Decimal("3.0"), 2)
    assert aggregates(second) == (Decimal("4.0"), 1)
    models.Rating.objects.filter(artefact=first).delete()
    assert aggregates(first) == (Decimal("0.0"), 0)
    a.delete()
    assert aggregates(second) == (0, 0)


@pytest.mark.django_db(databases=["catalogue"])
def test_aggregates_roll_back_with_the_rating_write():
    artefact = factories.SoftwareInterlinkerFactory()
    with pytest.raises(RuntimeError), transaction.atomic(using="catalogue"):
        factories.RatingFactory(artefact=artefact, value=5)
        raise RuntimeError
    assert aggregates(artefact) == (0, 0)


@pytest.mark.django_db(databases=["catalogue", "default"])
def test_rating_api(api, auth_api, user, django_assert_num_queries):
    artefact = factories.SoftwareInterlinkerFactory()
    created = auth_api.post(RATINGS, {"artefact_id": str(artefact.pk), "value": 4, "text": "Good"}, format="json")
    assert created.status_code == 200
    body = created.json()
    assert body["user_id"] == str(user.pk)
    assert body["user"] == {"id": str(user.pk), "email": user.email, "full_name": "Rita Rater"}
    assert aggregates(artefact) == (Decimal("4.0"), 1)
    assert api.get(f"/catalogue/api/v1/interlinkers/{artefact.pk}").json()["rating"] == 4.0

    changed = auth_api.put(f"{RATINGS}/{body['id']}", {"value": 2}, format="json").json()
    assert changed["value"] == 2 and changed["text"] == "Good"
    assert aggregates(artefact) == (Decimal("2.0"), 1)

    for value in (5, 3):
        factories.RatingFactory(artefact=artefact, value=value)
    factories.RatingFactory(artefact=factories.CoproductionSchemaFactory(), value=1)
    with django_assert_num_queries(2, using="catalogue"), django_assert_num_queries(1, using="default"):
        page = api.get(RATINGS, {"artefact_id": str(artefact.pk), "size": 10}).json()
    assert page["total"] == 3
    assert api.get(RATINGS).json()["total"] == 4  # no artefact_id: every rating (decision 20)

    assert auth_api.delete(f"{RATINGS}/{body['id']}").content == b"null"
    assert aggregates(artefact) == (Decimal("4.0"), 2)
    assert api.get(f"{RATINGS}/{body['id']}").json() == {"detail": "Rating not found"}


@pytest.mark.django_db(databases=["catalogue", "default"])
@pytest.mark.parametrize(
    "payload",
    [
        {"value": 6, "text": "x"},
        {"value": -1, "text": "x"},
        {"value": 3},
        {"value": 3, "text": "x", "artefact_id": "nope"},
        {"value": 3, "text": "x", "artefact_id": str(uuid.uuid4())},
    ],
)
def test_rating_validation_answers_422(auth_api, payload):
    payload = {"artefact_id": str(factories.SoftwareInterlinkerFactory().pk), **payload}
    response = auth_api.post(RATINGS, payload, format="json")
    assert response.status_code == 422


@pytest.mark.django_db(databases=["catalogue"], transaction=True)
def test_concurrent_ratings_leave_the_aggregate_equal_to_the_ratings():
    artefact = factories.SoftwareInterlinkerFactory()
    barrier = threading.Barrier(6)
    errors = []

    def rate(value):
        try:
            barrier.wait()
            services.rating_create(
                user_id=str(uuid.uuid4()), data={"artefact_id": artefact.pk, "value": value, "text": "t"}
            )
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=rate, args=(value,)) for value in (1, 2, 3, 4, 5, 5)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert aggregates(artefact) == (Decimal("3.3"), 6)
