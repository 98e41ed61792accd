"""Translated HSTORE fields (``<field>_translations``) with upstream's read semantics.

One implementation for every model of both INTERLINK apps:

* ``TranslatedField()`` as a model attribute named ``<field>`` reads and writes the
  ``<field>_translations`` HSTORE column: read = the request language's value if that key
  is present (``""`` included), else ``en`` if present, else None; write = sets only the
  request language's key.
* ``translated("name")`` is the same fallback as a SQL expression, for ordering, filtering
  and annotations: ``COALESCE(name_translations -> '<lang>', name_translations -> 'en')``.
* The request language lives in a context variable: ``use_language("es")`` sets it for a
  block (tests, commands), ``LanguageMiddleware`` sets it per request from
  ``Accept-Language`` (``parse_accept_language``).
"""

from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar

from django.contrib.postgres.fields.hstore import KeyTransform
from django.db.models.functions import Coalesce

SUPPORTED_LANGUAGES = ("en", "es", "lv", "it")
DEFAULT_LANGUAGE = "en"

_language: ContextVar[str] = ContextVar("request_language", default=DEFAULT_LANGUAGE)


def get_language() -> str:
    return _language.get()


@contextmanager
def use_language(language: str):
    token = _language.set(language)
    try:
        yield
    finally:
        _language.reset(token)


def parse_accept_language(header: str | None, supported=SUPPORTED_LANGUAGES, default=DEFAULT_LANGUAGE) -> str:
    """The first supported language of an ``Accept-Language`` header.

    Ranges are sorted by q-value (ties keep header order) and matched on their primary
    sub-tag (``es-ES`` -> ``es``); none matching, or no header, gives ``default``.
    """
    if not header:
        return default
    ranges = []
    for position, part in enumerate(header.split(",")):
        pieces = [piece.strip() for piece in part.split(";")]
        tag = pieces[0].lower()
        if not tag:
            continue
        quality = 1.0
        for parameter in pieces[1:]:
            name, _, value = parameter.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if quality > 0:
            ranges.append((-quality, position, tag.split("-")[0]))
    for _, _, primary in sorted(ranges):
        if primary in supported:
            return primary
    return default


class LanguageMiddleware:
    """Sets the request language (context variable) from ``Accept-Language``."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = parse_accept_language(request.headers.get("Accept-Language"))
        request.language = language
        with use_language(language):
            return self.get_response(request)


def read_translation(values: dict | None, language: str | None = None):
    if not values:
        return None
    language = language or get_language()
    if language in values:
        return values[language]
    return values.get(DEFAULT_LANGUAGE)


class TranslatedField:
    """Descriptor giving ``<name>`` over the ``<name>_translations`` HSTORE column."""

    def __set_name__(self, owner, name):
        self.name = name
        self.column_attr = f"{name}_translations"

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        return read_translation(getattr(instance, self.column_attr))

    def __set__(self, instance, value):
        values = dict(getattr(instance, self.column_attr) or {})
        values[get_language()] = value
        setattr(instance, self.column_attr, values)


def translated(field: str, language: str | None = None):
    """SQL for the translated value of ``<field>_translations`` in ``language``."""
    column = f"{field}_translations"
    language = language or get_language()
    if language == DEFAULT_LANGUAGE:
        return KeyTransform(DEFAULT_LANGUAGE, column)
    return Coalesce(KeyTransform(language, column), KeyTransform(DEFAULT_LANGUAGE, column))
