"""Tags and keywords: named labels, unique by name (``/tags``, ``/keywords``)."""

from __future__ import annotations

from django.db.models import QuerySet

from coproduction.models import Keyword, Tag

Label = Tag | Keyword


def label_list(*, model: type[Label]) -> QuerySet:
    return model.objects.order_by("name")


def label_by_name(*, model: type[Label], name: str) -> Label | None:
    return model.objects.filter(name=name).first()
