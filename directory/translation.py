"""Which fields of the directory exist once per language (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register
from simple_history import register as register_history

from directory.languages import source_language
from directory.models import FocusArea, Partner, Suggestion


@register(FocusArea)
class FocusAreaTranslationOptions(TranslationOptions):
    fields = ("name", "description")
    # Polish is the source language; other languages fall back to it when empty.
    required_languages = {source_language(): ("name",)}


@register(Partner)
class PartnerTranslationOptions(TranslationOptions):
    fields = ("name", "mission", "founding_note", "city")
    required_languages = {source_language(): ("name", "mission")}


# The history is registered after the translations so that its tables copy every language's
# column, not only the untranslated field.
register_history(FocusArea)
register_history(Partner, m2m_fields=["focus_areas"])
# A suggestion's history shows who changed its status and when; the sender's e-mail address
# is left out, so that removing it (purge_suggestion_emails) leaves no copy behind.
register_history(Suggestion, excluded_fields=["email"])
