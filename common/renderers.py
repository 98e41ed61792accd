"""The API's JSON renderer: DRF's ``JSONRenderer`` output, written by orjson.

orjson serializes a response several times faster than ``json.dumps`` with DRF's encoder
class (the stdlib encoder calls back into Python for every ``Decimal``, lazy string and
datetime). The bytes are DRF's, checked in ``common/tests/test_renderers.py``:

- compact separators, UTF-8 text (``UNICODE_JSON``), U+2028 and U+2029 escaped as DRF does;
- datetimes, dates, times and everything else orjson does not know go through DRF's own
  ``JSONEncoder.default`` (``Z`` for UTC, ``isoformat()`` otherwise, lazy strings, sets,
  querysets, ``bytes``), so they read exactly as before;
- a ``Decimal`` is written as ``float.__repr__(float(value))``, what the stdlib encoder writes
  after DRF's ``default`` turned it into a float; NaN and infinities still raise ``ValueError``
  (``STRICT_JSON``);
- anything orjson refuses (integers beyond 64 bits, non-string dict keys, strings with lone
  surrogates, nesting deeper than 254 levels, an object ``default`` cannot encode) is handed
  to DRF's renderer, which writes it the old way or raises the old error;
- indented output (``Accept: application/json; indent=4``, the browsable API), and any
  ``UNICODE_JSON``/``COMPACT_JSON`` setting other than DRF's default, is DRF's own.

Two differences remain, neither reachable from this project's data: a native ``float``
strictly between -1e-4 and 1e-4 (other than 0) is written in orjson's notation (``1e-7``
where Python writes ``1e-07``, ``0.00001`` for ``1e-05``; every JSON parser reads the same
double from both; the API's floats are one-decimal ratings and averages of 1-5 ratings), and a
NaN float becomes ``null`` where DRF answered 500 (the API's floats come from numeric columns
and averages, which Django never hands back as NaN).
"""

import decimal
import math

import orjson
from rest_framework.renderers import JSONRenderer
from rest_framework.utils.encoders import JSONEncoder

ORJSON_OPTIONS = orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_PASSTHROUGH_DATACLASS

LINE_SEPARATOR = "\u2028".encode()
PARAGRAPH_SEPARATOR = "\u2029".encode()

drf_default = JSONEncoder().default


def encode_unknown(value):
    """What orjson cannot write itself, written as DRF's encoder writes it."""
    if isinstance(value, decimal.Decimal):
        number = float(value)
        if not math.isfinite(number):
            raise ValueError("Out of range float values are not JSON compliant")
        return orjson.Fragment(float.__repr__(number))
    return drf_default(value)


class FastJSONRenderer(JSONRenderer):
    """``JSONRenderer`` with the same bytes, written by orjson (see the module docstring)."""

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if data is None:
            return b""
        indent = self.get_indent(accepted_media_type, renderer_context or {})
        if indent is not None or self.ensure_ascii or not self.compact:
            return super().render(data, accepted_media_type, renderer_context)
        try:
            content = orjson.dumps(data, default=encode_unknown, option=ORJSON_OPTIONS)
        except orjson.JSONEncodeError:
            return super().render(data, accepted_media_type, renderer_context)
        if LINE_SEPARATOR in content or PARAGRAPH_SEPARATOR in content:
            content = content.replace(LINE_SEPARATOR, b"\\u2028").replace(PARAGRAPH_SEPARATOR, b"\\u2029")
        return content
