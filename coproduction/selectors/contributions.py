"""Claims and assignments of contributions to assets (``/claims``, ``/assignments``)."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from coproduction import models


def claims_qs() -> QuerySet:
    return (
        models.Claim.objects.select_related("user", "asset__as_internalasset", "asset__as_externalasset")
        .prefetch_related("user__teams")
        .order_by("-created_at", "id")
    )


def assignments_qs() -> QuerySet:
    return (
        models.Assignment.objects.select_related("user", "asset__as_internalasset", "asset__as_externalasset")
        .prefetch_related("user__teams", Prefetch("claims", queryset=claims_qs()))
        .order_by("-created_at", "id")
    )


def contributors_of_assets(assets) -> QuerySet:
    """The claims on the assets with their users: an asset's ``contributors``."""
    return models.Claim.objects.filter(asset__in=assets).select_related("user").prefetch_related("user__teams")
