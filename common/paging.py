"""Paging parameters, bounded once for every app (issue #12).

Two styles, as the upstreams have them: ``skip``/``limit`` (the FastAPI template and
INTERLINK's plain lists) and ``page``/``size`` (fastapi-pagination's envelope
``{items, total, page, size}``). Out-of-range values answer the view's validation error
(422, or 400 where the upstream is Flask) naming the parameter, instead of reaching
PostgreSQL as an offset past ``bigint``.
"""

from rest_framework import serializers

SKIP_MAX = 2**31 - 1
LIMIT_MAX = 1000
PAGE_MAX = 2**31 - 1
SIZE_MAX = 100  # fastapi-pagination's Params: size <= 100


class SkipLimitSerializer(serializers.Serializer):
    skip = serializers.IntegerField(min_value=0, max_value=SKIP_MAX, default=0)
    limit = serializers.IntegerField(min_value=0, max_value=LIMIT_MAX, default=100)


class PageSizeSerializer(serializers.Serializer):
    page = serializers.IntegerField(min_value=1, max_value=PAGE_MAX, default=1)
    size = serializers.IntegerField(min_value=1, max_value=SIZE_MAX, default=50)


def skip_limit(query_params) -> dict:
    """Validated ``skip``/``limit`` from a request's query string."""
    serializer = SkipLimitSerializer(data=query_params)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


def page_size(query_params) -> dict:
    """Validated ``page``/``size`` from a request's query string."""
    serializer = PageSizeSerializer(data=query_params)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


def page_envelope(name: str, item: serializers.Serializer) -> type[serializers.Serializer]:
    """A named serializer of the page envelope ``{items, total, page, size}`` for the OpenAPI
    document (``item`` is the items' serializer, ``many=True``)."""
    return type(
        name,
        (serializers.Serializer,),
        {
            "items": item,
            "total": serializers.IntegerField(),
            "page": serializers.IntegerField(),
            "size": serializers.IntegerField(),
        },
    )
