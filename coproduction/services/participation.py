"""Participation requests: a user asks to take part in a process."""

from __future__ import annotations

from coproduction.models import CoproductionProcess, ParticipationRequest, User
from coproduction.services.notifications import notify_user, short_user_name


def participation_request_create(*, candidate: User, data: dict) -> ParticipationRequest:
    return ParticipationRequest.objects.create(**{**data, "candidate_id": candidate.pk})


def participation_request_apply(*, candidate: User, process: CoproductionProcess, reason: str) -> ParticipationRequest:
    """``emailApplyToBeContributor``: a request, and an ``apply_submited`` notification to each of
    the process's administrators (no e-mail is sent)."""
    participation_request = ParticipationRequest.objects.create(
        candidate=candidate, coproductionprocess=process, razon=reason
    )
    for administrator_id in process.administrators.values_list("pk", flat=True):
        notify_user(
            event="apply_submited",
            user_id=administrator_id,
            language=process.language,
            process=process,
            parameters={
                "razon": reason,
                "userName": short_user_name(candidate.full_name),
                "userEmail": candidate.email,
                "processName": process.name,
                "copro_id": str(process.pk),
            },
        )
    return participation_request


def participation_request_set_archived(
    *, participation_request: ParticipationRequest, is_archived: bool
) -> ParticipationRequest:
    participation_request.is_archived = is_archived
    participation_request.save(update_fields=["is_archived"])
    return participation_request


def participation_request_delete(*, participation_request: ParticipationRequest) -> None:
    participation_request.delete()
