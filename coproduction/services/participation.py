"""Participation requests: a user asks to take part in a process."""

from __future__ import annotations

from coproduction.models import ParticipationRequest, User


def participation_request_create(*, candidate: User, data: dict) -> ParticipationRequest:
    return ParticipationRequest.objects.create(**{**data, "candidate_id": candidate.pk})


def participation_request_set_archived(
    *, participation_request: ParticipationRequest, is_archived: bool
) -> ParticipationRequest:
    participation_request.is_archived = is_archived
    participation_request.save(update_fields=["is_archived"])
    return participation_request


def participation_request_delete(*, participation_request: ParticipationRequest) -> None:
    participation_request.delete()
