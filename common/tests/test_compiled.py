"""``CompiledQuery``: one compilation, the request's values in place of the markers."""

import uuid

import pytest
from django.db import connections

from common.compiled import CompiledQuery, any_of
from matar.models import Post
from medsync.models import Specialty

pytestmark = pytest.mark.django_db(databases=["medsync", "matar", "coproduction"])


def test_rows_run_the_compiled_sql_with_each_calls_values(django_assert_num_queries):
    first = Specialty.objects.create(specialty_name="Cardiologist")
    second = Specialty.objects.create(specialty_name="Dermatologist")
    by_id = CompiledQuery(
        lambda specialty_id: Specialty.objects.filter(pk=specialty_id).values_list("specialty_name"), "specialty_id"
    )
    assert by_id.rows(specialty_id=first.pk) == [("Cardiologist",)]
    compiled = by_id.compiled
    with django_assert_num_queries(1, connection=connections["medsync"]):
        assert by_id.rows(specialty_id=second.pk) == [("Dermatologist",)]
    assert by_id.compiled is compiled
    assert by_id.rows(specialty_id=0) == []


def test_a_parameter_that_does_not_reach_the_sql_once_is_refused():
    ignored = CompiledQuery(lambda specialty_id: Specialty.objects.values_list("specialty_name"), "specialty_id")
    with pytest.raises(ValueError, match="reaches the SQL 0 times"):
        ignored.rows(specialty_id=1)
    twice = CompiledQuery(
        lambda specialty_id: Specialty.objects.filter(pk=specialty_id).exclude(pk=specialty_id).values_list("pk"),
        "specialty_id",
    )
    with pytest.raises(ValueError, match="reaches the SQL 2 times"):
        twice.rows(specialty_id=1)


def test_a_list_parameter_is_one_array_and_converted_rows_read_like_values_list():
    Post.objects.using("matar").create(id="P1", data={"like": 2}, category_ids=["C1"])
    Post.objects.using("matar").create(id="P2", data=None)
    by_ids = CompiledQuery(
        lambda ids: Post.objects.filter(any_of("id", ids)).order_by("id").values_list("id", "data", "category_ids"),
        "ids",
        converted=True,
    )
    expected = list(Post.objects.filter(id__in=["P1", "P2"]).order_by("id").values_list("id", "data", "category_ids"))
    assert by_ids.rows(ids=["P1", "P2", "NOPE"]) == expected == [("P1", {"like": 2}, ["C1"]), ("P2", None, [])]
    assert by_ids.rows(ids=[]) == []
    raw = CompiledQuery(lambda ids: Post.objects.filter(any_of("id", ids)).values_list("data"), "ids")
    assert raw.rows(ids=["P1"]) == [('{"like": 2}',)]  # without converters: the driver's text


def test_a_marker_of_the_columns_type_stands_for_a_parameter_that_takes_no_integer():
    from coproduction.models import Tag

    tag = Tag.objects.create(name="water")
    by_id = CompiledQuery(
        lambda tag_id: Tag.objects.filter(pk=tag_id).values_list("name"),
        "tag_id",
        markers={"tag_id": uuid.UUID(int=1)},
    )
    assert by_id.rows(tag_id=tag.pk) == [("water",)]
    assert by_id.rows(tag_id=uuid.UUID(int=2)) == []
