"""What several output serializers show alike: links to stored files, related ids, and the
administrators of a team, an organisation or a process."""

from __future__ import annotations

from django.conf import settings
from django.core.files.storage import default_storage
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers


def file_link(value: str | None, request=None) -> str:
    """Decision 20: storage URL of an uploaded file, or the public base URL + a legacy ``/static/`` value."""
    if not value:
        return ""
    if value.startswith("/static/") or value.startswith("http"):
        return value if value.startswith("http") else settings.COPRODUCTION_PUBLIC_BASE_URL + value
    url = default_storage.url(value)
    return request.build_absolute_uri(url) if request is not None else url


class LinkMixin:
    def _link(self, value):
        return file_link(value, self.context.get("request"))


def related_ids(manager) -> list[str]:
    return [str(obj.pk) for obj in manager.all()]


# ``logotype_link`` and ``administrators_ids`` of a row that has both (team, organisation,
# process), and whether the caller (the context's ``user``) is among given users. (Comments, not
# a docstring: drf-spectacular would show it as the description of every such shape.)
class AdministeredMixin(LinkMixin):
    def get_logotype_link(self, obj) -> str:
        return self._link(obj.logotype)

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_administrators_ids(self, obj):
        return related_ids(obj.administrators)

    def caller_in(self, users) -> bool:
        user = self.context.get("user")
        return user is not None and any(member.pk == user.pk for member in users)

    def participation(self, obj, members) -> list[str]:
        """The caller's roles: ``administrator`` of ``obj``, ``member`` among ``members``; none when anonymous."""
        if self.context.get("user") is None:
            return []
        roles = []
        if self.caller_in(obj.administrators.all()):
            roles.append("administrator")
        if self.caller_in(members):
            roles.append("member")
        return roles
