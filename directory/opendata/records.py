"""The directory's public facts as plain data, in one shape for the exports and the API.

A record is either in one language, where a text with no translation falls back to the
source language (as on the site) and `fallback_fields` names the fields that did, or in
every language, where each language has its own value and an untranslated one is empty.
"""

import functools

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django_countries import countries

from directory.languages import codes, own_text, shown_text, sort_column
from directory.models import FocusArea, Partner
from directory.public.filters import PartnerFilter
from directory.translation import FocusAreaTranslationOptions, PartnerTranslationOptions

ALL_LANGUAGES = "all"
# Rows fetched per query when streaming: memory stays flat however many partners there are.
CHUNK_SIZE = 500


def _in_model_order(model, options):
    # Registration keeps the translated fields in a set; files want a stable order.
    return tuple(field.name for field in model._meta.fields if field.name in options.fields)


PARTNER_TEXTS = _in_model_order(Partner, PartnerTranslationOptions)
FOCUS_AREA_TEXTS = _in_model_order(FocusArea, FocusAreaTranslationOptions)


def language_choices():
    """What a `lang` parameter may be: a language code, or `all`."""
    return [*codes(), ALL_LANGUAGES]


def parameter_errors(filterset, language):
    """Every invalid parameter with its messages, keyed by the parameter's name."""
    errors = {}
    if not filterset.is_valid():
        for name, messages in filterset.form.errors.items():
            errors[name if name != "__all__" else "founded_to"] = list(messages)
    errors.update(language_errors(language))
    return errors


def language_errors(language):
    """What is wrong with a `lang` parameter, keyed by its name: nothing, or its message."""
    if language in language_choices():
        return {}
    return {
        "lang": [
            _("“%(value)s” is not a language; use one of: %(choices)s.")
            % {"value": language, "choices": ", ".join(language_choices())}
        ]
    }


def filtered_partners(params):
    """The filter over published partners for the query `params` (shared with the list)."""
    return PartnerFilter(params, queryset=Partner.objects.published())


def for_output(queryset):
    # The search document and sort keys are large and never part of a record.
    derived = ["search_document", *(sort_column(code) for code in codes())]
    return queryset.defer(*derived).prefetch_related("focus_areas")


def stream(queryset):
    """Partners one by one, fetched in chunks with their focus areas."""
    return for_output(queryset).iterator(chunk_size=CHUNK_SIZE)


def _in(code, function, *args):
    with translation.override(code):
        return str(function(*args))


# Labels and country names come from the catalogs, fixed while a process runs: looked up
# once per language and value, not once per partner (an export reads every partner).
@functools.cache
def _type_label(code, value):
    return _in(code, lambda: Partner.OrganizationType(value).label)


@functools.cache
def _country_name(code, country):
    return _in(code, countries.name, country)


def _partner_url(partner, base_url, code):
    with translation.override(code):
        return base_url + reverse("directory:partner-detail", kwargs={"slug": partner.slug})


def _per_language(function):
    return {code: function(code) for code in codes()}


def _texts(obj, fields, language):
    """The texts of `obj`'s `fields` in `language`, falling back to the source language;
    or, for `all`, each in every language, empty where untranslated."""
    if language == ALL_LANGUAGES:
        return {
            field: _per_language(lambda code, field=field: own_text(obj, field, code))
            for field in fields
        }
    return {field: shown_text(obj, field, language) for field in fields}


def focus_area_record(area, language):
    return {"slug": area.slug, **_texts(area, FOCUS_AREA_TEXTS, language)}


def partner_record(partner, language, base_url):
    """Every public fact of `partner`; `base_url` (scheme and host) makes addresses absolute."""
    every = language == ALL_LANGUAGES
    texts = _texts(partner, PARTNER_TEXTS, language)

    def type_in(code):
        return _type_label(code, partner.organization_type)

    def country_in(code):
        return _country_name(code, partner.country.code)

    record = {
        "slug": partner.slug,
        "url": _per_language(lambda code: _partner_url(partner, base_url, code))
        if every
        else _partner_url(partner, base_url, language),
        "name": texts["name"],
        "abbreviation": partner.abbreviation,
        "mission": texts["mission"],
        "founding_year": partner.founding_year,
        "founding_note": texts["founding_note"],
        "organization_type": {
            "code": partner.organization_type,
            "label": _per_language(type_in) if every else type_in(language),
        },
        "website": partner.website,
        "country": {
            "code": partner.country.code,
            "name": _per_language(country_in) if every else country_in(language),
        }
        if partner.country
        else None,
        "city": texts["city"],
        "focus_areas": [focus_area_record(area, language) for area in partner.focus_areas.all()],
        "sources": list(partner.sources),
        "facts_checked_on": (
            partner.facts_checked_on.isoformat() if partner.facts_checked_on else None
        ),
        "created_at": partner.created_at.isoformat(),
        "updated_at": partner.updated_at.isoformat(),
    }
    if not every:
        record["fallback_fields"] = [
            field
            for field in PARTNER_TEXTS
            if texts[field] and not own_text(partner, field, language)
        ]
    return record
