"""Stories: a process published as a story."""

from __future__ import annotations

from django.utils import timezone

from coproduction.models import (
    CoproductionProcess,
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
