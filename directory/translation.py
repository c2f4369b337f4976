"""Which fields of the directory exist once per language (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from .models import FocusArea, Partner


@register(FocusArea)
class FocusAreaTranslationOptions(TranslationOptions):
    fields = ("name", "description")
    # Polish is the source language; other languages fall back to it when empty.
    required_languages = {"pl": ("name",)}


@register(Partner)
class PartnerTranslationOptions(TranslationOptions):
    fields = ("name", "mission", "founding_note", "city")
    required_languages = {"pl": ("name", "mission")}
