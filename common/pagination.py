"""The two page envelopes of the upstreams, one DRF pagination class each.

* ``PageEnvelopePagination``: ``?page=&size=`` answering ``{items, total, page, size}``
  (fastapi-pagination's ``Page``: catalogue and co-production).
* ``SkipLimitPagination``: ``?skip=&limit=`` answering ``{data, count}`` (the template's
  ``UsersPublic``/``ItemsPublic``: accounts); with ``envelope=False`` the bare list
  (co-production's skip/limit lists).

Views are ``APIView``s: they call ``paginate_queryset`` then ``get_paginated_response`` with the
serialized rows. The parameters and their bounds are ``common/paging.py``'s (one place for
every app); bad ones answer the view's validation error naming the field.
"""

from __future__ import annotations

from rest_framework.pagination import BasePagination
from rest_framework.response import Response

from common.paging import page_size, skip_limit


class PageEnvelopePagination(BasePagination):
    """``{items, total, page, size}``.

    ``keys_first``: the page's keys are found first (a sort of the bare table), then only those
    rows are read with their joins; for querysets whose joins make sorting the whole set costly
    (catalogue: 40 ms at 12,000 interlinkers, a few with the two steps; docs/benchmarks.md).
    """

    def __init__(self, *, keys_first: bool = False):
        self.keys_first = keys_first

    def paginate_queryset(self, queryset, request, view=None, params: dict | None = None) -> list:
        """``params``: ``page`` and ``size`` already validated (with a view's other filters);
        otherwise they are read from the request."""
        params = params if params is not None else page_size(request.query_params)
        self.page, self.size = params["page"], params["size"]
        self.total = queryset.count()
        start = (self.page - 1) * self.size
        if not self.keys_first:
            return list(queryset[start : start + self.size])
        keys = list(queryset.values_list("pk", flat=True)[start : start + self.size])
        return list(queryset.filter(pk__in=keys)) if keys else []

    def get_paginated_response(self, data) -> Response:
        return Response({"items": data, "total": self.total, "page": self.page, "size": self.size})

    def get_paginated_response_schema(self, schema: dict) -> dict:
        return {
            "type": "object",
            "required": ["items", "total", "page", "size"],
            "properties": {
                "items": schema,
                "total": {"type": "integer"},
                "page": {"type": "integer"},
                "size": {"type": "integer"},
            },
        }


class SkipLimitPagination(BasePagination):
    """``?skip=&limit=`` (``common.paging.SkipLimitSerializer``); ``{data, count}``, or the bare
    list with ``envelope=False``."""

    def __init__(self, *, envelope: bool = True):
        self.envelope = envelope

    def paginate_queryset(self, queryset, request, view=None, params: dict | None = None) -> list:
        """``params``: ``skip`` and ``limit`` already validated; otherwise read from the request."""
        params = params if params is not None else skip_limit(request.query_params)
        skip, limit = params["skip"], params["limit"]
        rows = list(queryset[skip : skip + limit])
        self.count = queryset.count() if self.envelope else len(rows)
        return rows

    def get_paginated_response(self, data) -> Response:
        if not self.envelope:
            return Response(data)
        return Response({"data": data, "count": self.count})

    def get_paginated_response_schema(self, schema: dict) -> dict:
        if not self.envelope:
            return schema
        return {
            "type": "object",
            "required": ["data", "count"],
            "properties": {"data": schema, "count": {"type": "integer"}},
        }
