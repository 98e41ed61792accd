"""Stories: a process published as a story."""

from __future__ import annotations

from django.utils import timezone

from coproduction import announcements
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
    story = Story.objects.create(
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
    _story_created(story)
    return story


def story_create(*, user: User, data: dict) -> Story:
    story = Story.objects.create(**{"user_id": user.pk, **data})
    _story_created(story)
    return story


def story_create_for_process(*, process: CoproductionProcess, user: User, data_story) -> Story:
    """An unpublished story whose ``data_story`` is the free JSON body."""
    story = Story.objects.create(coproductionprocess=process, user=user, state=False, data_story=data_story)
    _story_created(story)
    return story


def _story_created(story: Story) -> None:
    """As upstream's story creation: the comma-separated ``data_story["keywords"]`` become the
    story's keywords (an existing keyword of that name, else a new one; blanks are skipped),
    then ``story_created`` is announced."""
    names = story.data_story.get("keywords") if isinstance(story.data_story, dict) else None
    if isinstance(names, str):
        for name in dict.fromkeys(part.strip() for part in names.split(",")):
            if name:
                keyword = Keyword.objects.filter(name=name).order_by("created_at").first()
                story.keywords.add(keyword or Keyword.objects.create(name=name))
    announcements.story_created(story)


def story_update(*, story: Story, data: dict) -> Story:
    for field, value in data.items():
        setattr(story, field, value)
    story.save()
    return story


def story_delete(*, story: Story) -> None:
    story.delete()


def story_add_keyword(*, story: Story, keyword: Keyword) -> None:
    story.keywords.add(keyword)
