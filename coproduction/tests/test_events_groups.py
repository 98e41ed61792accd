"""Socket groups: their names stay valid for any user id (ids are free text: accounts UUIDs, OIDC
subs), and what upstream broadcasts reaches the broadcast group."""

import pytest
from asgiref.sync import async_to_sync
from channels.layers import InMemoryChannelLayer

from coproduction import events


@pytest.mark.parametrize(
    "user_id", ["834b25ca-3ad8-4ef2-b564-ecd9ca6c66e6", "auth0|5f7c8ec7c33c6c004bbafe82", "é" * 200]
)
def test_any_user_id_gives_a_group_channels_accepts(user_id):
    layer = InMemoryChannelLayer()
    group = events.user_group(user_id)
    async_to_sync(layer.group_add)(group, "specific.channel!1")
    async_to_sync(layer.group_send)(group, {"type": "coproduction.event", "message": {"event": "x"}})
    assert events.user_group(user_id) == group
    assert events.user_group(user_id + "x") != group


@pytest.mark.django_db(databases=["default", "coproduction"])
def test_creating_a_story_attaches_its_keywords_and_broadcasts_story_created(
    make_caller, django_capture_on_commit_callbacks
):
    """Upstream's story creation (``POST stories``, ``createStory``, publishing): the comma-separated
    ``data_story.keywords`` become keywords and every socket hears ``story_created``."""
    from channels.layers import get_channel_layer

    from coproduction.models import Keyword
    from coproduction.tests import factories as f

    admin = make_caller(full_name="Ana")
    process = f.ProcessFactory(administrators=[admin.user])
    existing = Keyword.objects.create(name="parks")
    layer = get_channel_layer()
    channel = async_to_sync(layer.new_channel)()
    async_to_sync(layer.group_add)(events.BROADCAST_GROUP, channel)

    body = {"coproductionprocess_id": str(process.pk), "data_story": {"title": "T", "keywords": "parks, trees,,"}}
    with django_capture_on_commit_callbacks(using="coproduction", execute=True):
        created = admin.post("/stories", body)
    assert created.status_code == 200, created.content
    assert sorted(k["name"] for k in created.json()["keywords"]) == ["parks", "trees"]
    assert str(existing.pk) in [k["id"] for k in created.json()["keywords"]]  # reused, not duplicated
    assert async_to_sync(layer.receive)(channel) == {
        "type": "coproduction.event",
        "message": {"event": "story_created"},
    }

    with django_capture_on_commit_callbacks(using="coproduction", execute=True):
        second = admin.post(f"/stories/{process.pk}/createStory", {"title": "Again", "keywords": "trees"})
    assert second.status_code == 200, second.content
    assert [k["name"] for k in second.json()["keywords"]] == ["trees"]
    assert [k["id"] for k in second.json()["keywords"]] == [
        k["id"] for k in created.json()["keywords"] if k["name"] == "trees"
    ]
    assert async_to_sync(layer.receive)(channel)["message"] == {"event": "story_created"}
