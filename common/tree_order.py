"""Siblings of a phase → objective → task tree in the order upstream presents them.

Upstream (the INTERLINK catalogue and co-production services) has no ordering column: a
node's children come out in insertion order, and insertion follows the prerequisite chain
(Engage → Design → Build → Sustain). Here the order is made explicit: every item comes after
the siblings it depends on (a topological order of the prerequisite chain), and otherwise in
insertion order (``created_at``, then ``id``). Equal ``created_at`` values (rows written in one
transaction, as by an import) therefore cannot put Design before Engage.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from functools import partial
from operator import attrgetter
from typing import TypeVar

from django.db.models import prefetch_related_objects
from django.forms.models import BaseInlineFormSet

T = TypeVar("T")


def insertion_key(item, pk_of: Callable = attrgetter("pk")) -> tuple:
    created_at = getattr(item, "created_at", None)
    return (created_at is None, created_at, str(pk_of(item)))


def prerequisite_order(
    items: Iterable[T],
    prerequisites_of: Callable[[T], Iterable],
    *,
    pk_of: Callable[[T], object] = attrgetter("pk"),
    sort_key: Callable[[T], object] | None = None,
) -> list[T]:
    """``items`` with each one after its sibling prerequisites, else in insertion order.

    ``prerequisites_of(item)`` gives the keys (``pk_of``) the item depends on; keys that are
    not among ``items`` (another level, another parent) are ignored, and a cycle is broken
    where it is met (each item appears exactly once). ``sort_key`` is the insertion order
    (``insertion_key`` by default).
    """
    if sort_key is None:
        sort_key = partial(insertion_key, pk_of=pk_of)
    ordered_input: Sequence[T] = sorted(items, key=sort_key)
    by_pk = {pk_of(item): item for item in ordered_input}
    ordered: list[T] = []
    placed: set = set()

    def place(item: T, trail: frozenset) -> None:
        pk = pk_of(item)
        if pk in placed or pk in trail:
            return
        befores = [by_pk[key] for key in prerequisites_of(item) if key in by_pk]
        for before in sorted(befores, key=sort_key):
            place(before, trail | {pk})
        placed.add(pk)
        ordered.append(item)

    for item in ordered_input:
        place(item, frozenset())
    return ordered


def prefetched_prerequisite_ids(item) -> list:
    """The ``prerequisites`` of an item whose relation was prefetched (no query)."""
    return [prerequisite.pk for prerequisite in item.prerequisites.all()]


class PrerequisiteOrderedInlineFormSet(BaseInlineFormSet):
    """Admin inline of tree children (``prerequisites`` relation) listed in upstream's order.

    One query more than a plain inline (the prerequisites of the listed items).
    """

    def get_queryset(self):
        if not hasattr(self, "_prerequisite_ordered"):
            items = list(super().get_queryset())
            prefetch_related_objects(items, "prerequisites")
            self._prerequisite_ordered = prerequisite_order(items, prefetched_prerequisite_ids)
        return self._prerequisite_ordered
