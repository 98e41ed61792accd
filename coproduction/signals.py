"""Keep ``team.users_count`` in step with ``association_user_team`` however the rows change
(API services, admin multi-select fields, ``team.users.add()``), in the same transaction."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from coproduction.models import Team, TeamMember


def _refresh(team_ids) -> None:
    from coproduction.services import team_refresh_users_count

    for team_id in set(team_ids):
        team_refresh_users_count(team_id)


@receiver(post_save, sender=TeamMember)
@receiver(post_delete, sender=TeamMember)
def team_member_changed(sender, instance, **kwargs):
    _refresh([instance.team_id])


@receiver(m2m_changed, sender=Team.users.through)
def team_members_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in {"post_add", "post_remove", "post_clear", "pre_clear"}:
        return
    if not reverse:
        _refresh([instance.pk])
    elif action == "pre_clear":
        instance._cleared_team_ids = list(TeamMember.objects.filter(user=instance).values_list("team_id", flat=True))
    elif action == "post_clear":
        _refresh(getattr(instance, "_cleared_team_ids", []))
    else:
        _refresh(pk_set or [])
