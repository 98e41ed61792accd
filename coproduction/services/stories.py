"""Stories: a process published as a story."""

from __future__ import annotations

from django.utils import timezone

from coproduction.models import (
    CoproductionProcess,
    Keyword,
    Story,
    User,
)
from coproduction.services.processes import process_copy


def publish_story(
    *, process: CoproductionProcess, user: User, data_story, label_name: str = "", from_view: str = ""
) -> Story:
    clone = process_copy(process=process, user=user, label_name=label_name, from_view=from_view)
    clone.is_part_of_publication = True
    clone.save(update_fields=["is_part_of_publication"])
    return Story.objects.create(
        coproductionprocess=process,
        coproductionprocess_cloneforpub=clone,
        user=user,
        state=True,
        logotype=process.logotype,
        data_story=data_story,
        rating=0,
        ratings_count=0,
        published_date=timezone.now().date(),
    )


def story_create(*, user: User, data: dict) -> Story:
    return Story.objects.create(**{"user_id": user.pk, **data})


def story_create_for_process(*, process: CoproductionProcess, user: User, data_story) -> Story:
    """An unpublished story whose ``data_story`` is the free JSON body."""
    return Story.objects.create(coproductionprocess=process, user=user, state=False, data_story=data_story)


def story_update(*, story: Story, data: dict) -> Story:
    for field, value in data.items():
        setattr(story, field, value)
    story.save()
    return story


def story_delete(*, story: Story) -> None:
    story.delete()


def story_add_keyword(*, story: Story, keyword: Keyword) -> None:
    story.keywords.add(keyword)
