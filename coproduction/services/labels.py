"""Tags (of processes) and keywords (of stories): named labels, unique by name."""

from __future__ import annotations

from common.exceptions import APIError
from coproduction.models import Keyword, Tag

Label = Tag | Keyword


def label_create(*, model: type[Label], data: dict) -> Label:
    """400 ``<Tag|Keyword> already exists`` when the name is taken."""
    if model.objects.filter(name=data["name"]).exists():
        raise APIError(400, f"{model.__name__} already exists")
    return model.objects.create(**data)


def label_get_or_create_by_name(*, model: type[Label], name: str, description: str | None) -> Label:
    label, _ = model.objects.get_or_create(name=name, defaults={"description": description})
    return label


def label_delete(*, label: Label) -> None:
    label.delete()
