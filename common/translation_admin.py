"""Per-language editing of HSTORE ``*_translations`` columns in the admin (and any ModelForm).

``translations_form(Model)`` builds a ``ModelForm`` in which every ``HStoreField`` is replaced
by one text input per language (``name_translations`` → ``name [en]``, ``name [es]``, …).
On save the inputs are folded back into the dictionary: a blank input removes that language's
key (so reads fall back to ``en``), keys of other languages already stored are kept. A name
is required in at least one language.
"""

from __future__ import annotations

from django import forms
from django.contrib.postgres.fields import HStoreField

from common.translations import SUPPORTED_LANGUAGES

#: Translated columns a row typed in the admin must fill in at least one language (a row
#: without a name shows as a bare UUID everywhere).
REQUIRED_TRANSLATIONS = ("name_translations",)
LONG_TEXT_FIELDS = ("description", "instructions", "functionality", "constraints", "regulations")


def hstore_fields(model) -> list[str]:
    return [field.name for field in model._meta.get_fields() if isinstance(field, HStoreField)]


def translation_input_name(field: str, language: str) -> str:
    return f"{field}__{language}"


def translations_form(model, *, languages=SUPPORTED_LANGUAGES, base=forms.ModelForm) -> type[forms.ModelForm]:
    fields = hstore_fields(model)
    attrs: dict = {}
    for name in fields:
        label = name.removesuffix("_translations").replace("_", " ")
        long_text = any(name.startswith(prefix) for prefix in LONG_TEXT_FIELDS)
        for language in languages:
            attrs[translation_input_name(name, language)] = forms.CharField(
                label=f"{label} [{language}]",
                required=False,
                strip=False,
                widget=forms.Textarea(attrs={"rows": 3, "cols": 80})
                if long_text
                else forms.TextInput(attrs={"size": 60}),
            )

    def __init__(self, *args, **kwargs):
        base.__init__(self, *args, **kwargs)
        for name in fields:
            values = getattr(self.instance, name) or {}
            for language in languages:
                self.initial.setdefault(translation_input_name(name, language), values.get(language) or "")

    def _post_clean(self):
        base._post_clean(self)
        for name in fields:
            values = {key: value for key, value in (getattr(self.instance, name) or {}).items() if key not in languages}
            for language in languages:
                value = self.cleaned_data.get(translation_input_name(name, language))
                if value:
                    values[language] = value
            if name in REQUIRED_TRANSLATIONS and not any(value.strip() for value in values.values()):
                self.add_error(translation_input_name(name, languages[0]), "Give a name in at least one language.")
            setattr(self.instance, name, values or None)

    meta = type("Meta", (), {"model": model, "exclude": fields})
    attrs.update(Meta=meta, __init__=__init__, _post_clean=_post_clean, translated_fields=tuple(fields))
    return type(f"{model.__name__}TranslationsForm", (base,), attrs)


def translation_fieldset(field: str, languages=SUPPORTED_LANGUAGES) -> tuple:
    """The input names of one translated column, for ``fieldsets``."""
    return tuple(translation_input_name(field, language) for language in languages)
