"""The site's languages, and the one place that knows how they map onto the data.

Texts are written in the source language (Polish) and translated into the others; each
translated field has a column per language (`name` -> `name_pl`, `name_en`, named by
django-modeltranslation), and a text with no translation is shown in the source language.
Partners also keep a name sort key per language. Everything else asks this module.
"""

from django.conf import settings
from django.utils import translation
from modeltranslation.utils import build_localized_fieldname, get_language

# The base name of the per-language sort-key columns (name_sort_pl, name_sort_en, ...).
SORT_KEY_FIELD = "name_sort"


def source_language():
    """The language every text is written in first, and the one untranslated texts fall
    back to (modeltranslation's default language)."""
    return settings.MODELTRANSLATION_DEFAULT_LANGUAGE


def default_language():
    """The language of the interface where no address says otherwise (`/`, staff notices)."""
    return settings.LANGUAGE_CODE


def codes():
    """Every language of the site, in the order of settings.LANGUAGES."""
    return [code for code, _name in settings.LANGUAGES]


def translation_languages():
    """Every language of the site except the source, in the order of settings.LANGUAGES."""
    return [code for code in codes() if code != source_language()]


def language_name(code):
    """The language's name as settings.LANGUAGES gives it, untranslated (English)."""
    with translation.override(None):
        return str(dict(settings.LANGUAGES).get(code, code))


def choices():
    """(code, name) of every language; a name is shown in the language of the page."""
    return list(settings.LANGUAGES)


def local_name(code):
    """The language's name, shown in the language of the page."""
    return dict(settings.LANGUAGES).get(code, code)


def active_language():
    """The language of the current request or `translation.override` block, as one of the
    site's languages (en-us -> en; the source language where none is active)."""
    return get_language()


def column(field, code):
    """The column that holds `field` in the language `code`: name, en -> name_en."""
    return build_localized_fieldname(field, code)


def source_column(field):
    """The column that holds `field` in the source language: name -> name_pl."""
    return column(field, source_language())


def columns(*fields, languages=None):
    """The columns of each of `fields` in each of `languages` (every language by default),
    field by field: name, mission -> name_pl, name_en, mission_pl, mission_en."""
    return [column(field, code) for field in fields for code in languages or codes()]


def sort_column(code=None):
    """The column that orders partners by name in `code` (the active language by default)."""
    return column(SORT_KEY_FIELD, code or active_language())


def own_text(obj, field, code):
    """`obj`'s text of `field` in the language `code`, empty where it has none."""
    return getattr(obj, column(field, code), None) or ""


def shown_language(obj, field, code=None):
    """The language `obj.field` is shown in on a page in `code` (the active language by
    default): that language where it has text of its own, otherwise the source language."""
    code = code or active_language()
    return code if own_text(obj, field, code) else source_language()


def shown_text(obj, field, code):
    """`obj`'s text of `field` as a page in `code` shows it, falling back to the source."""
    return own_text(obj, field, code) or own_text(obj, field, source_language())
