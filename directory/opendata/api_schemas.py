"""The API's typed schemas, from which its OpenAPI description is generated: the records it
answers with, and its query parameters, derived from the list's filter set.

Parameters are read as text and checked by the filter set's form (so the API refuses what
the list page refuses, with the same messages); their schema in the description comes from
the same form fields, so the two cannot drift apart.
"""

from contextvars import ContextVar
from datetime import date, datetime
from typing import Literal

import django_filters
from django import forms
from ninja import Field, Schema
from pydantic import ConfigDict, create_model

from directory import languages, models
from directory.models.validators import latest_founding_year
from directory.opendata import records as opendata
from directory.public.filters import DEFAULT_SORT, PartnerFilter, YearField

DEFAULT_PAGE_SIZE = 25
MAX_PAGE_SIZE = 100
# The focus areas a description lists as `focus` values: set while one is generated.
focus_slugs = ContextVar("focus_slugs", default=())

# What each filter does, for the description; its name, type and limits come from the filter.
DESCRIPTIONS = {
    "q": "Words of a name, abbreviation or mission, in any language.",
    "focus": "Focus area slugs; partners in any of them.",
    "type": "Type of organization.",
    "country": "ISO 3166-1 alpha-2 code.",
    "founded_from": "Founded in this year or later.",
    "founded_to": "Founded in this year or earlier.",
    "sort": "Order.",
}
DEFAULTS = {"sort": DEFAULT_SORT}


def or_empty(schema):
    # An empty value means "not given", as from the list page's form.
    return {"anyOf": [schema, {"type": "string", "enum": [""]}]}


def field_schema(name, field):
    """The JSON schema of one filter's form field, as the form checks it."""
    if isinstance(field, forms.ModelMultipleChoiceField):
        slugs = list(focus_slugs.get())
        item = {"type": "string", "enum": slugs} if slugs else {"type": "string", "minLength": 1}
        return {"type": "array", "items": item}
    if isinstance(field, forms.ChoiceField):
        schema = {"type": "string", "enum": [value for value, _label in field.choices if value]}
    elif isinstance(field, forms.IntegerField):
        schema = {"type": "integer", "minimum": field.min_value}
        maximum = latest_founding_year() if isinstance(field, YearField) else field.max_value
        if maximum is not None:
            schema["maximum"] = maximum
    else:
        # Form fields refuse the NUL character.
        return {"type": "string", "maxLength": field.max_length, "pattern": "^[^\\u0000]*$"}
    if name in DEFAULTS:
        schema["default"] = DEFAULTS[name]
    return or_empty(schema)


class Documented:
    """A parameter's description and schema, which replace what its Python type would
    give (every parameter is read as text and checked by a form); a schema given as a
    function is made anew for each description."""

    def __init__(self, description, schema):
        self.description = description
        self.schema = schema

    def __call__(self, json_schema):
        schema = self.schema() if callable(self.schema) else self.schema
        json_schema.clear()
        json_schema.update(description=self.description, **schema)


def _filter_parameter(name, filter_):
    many = isinstance(filter_, django_filters.MultipleChoiceFilter)
    documented = Documented(DESCRIPTIONS[name], lambda: field_schema(name, filter_.field))
    if many:
        return list[str], Field(default_factory=list, json_schema_extra=documented)
    return str | None, Field(None, json_schema_extra=documented)


# The list's filters, one parameter per filter of the filter set, in its order.
ListFilters = create_model(
    "ListFilters",
    **{
        name: _filter_parameter(name, filter_)
        for name, filter_ in PartnerFilter.base_filters.items()
    },
)


def _documented(description, schema):
    return Field(None, json_schema_extra=Documented(description, schema))


class Paging(Schema):
    page: str | None = _documented("Page number.", or_empty({"type": "integer", "minimum": 1}))
    page_size: str | None = _documented(
        "Partners per page.",
        or_empty(
            {
                "type": "integer",
                "minimum": 1,
                "maximum": MAX_PAGE_SIZE,
                "default": DEFAULT_PAGE_SIZE,
            }
        ),
    )


def language_schema():
    return or_empty(
        {"type": "string", "enum": opendata.language_choices(), "default": opendata.ALL_LANGUAGES}
    )


class Language(Schema):
    lang: str | None = _documented(
        "A language code: texts in that language, falling back to the source language "
        f"({languages.source_language()}) where untranslated. `all` (the default): every "
        "language's own text, empty where untranslated.",
        language_schema,
    )


# A text: in one language, or in every language (an object with one text per code).
Texts = create_model(
    "Texts",
    __config__=ConfigDict(extra="forbid"),
    **dict.fromkeys(languages.codes(), (str, ...)),
)
Text = str | Texts


def text(description):
    return Field(..., description=description)


class Errors(Schema):
    errors: dict[str, list[str]] = Field(
        ..., description="The messages, by parameter (or `method`)."
    )


class FocusArea(Schema):
    slug: str
    name: Text = text("Its name.")
    description: Text = text("What it covers.")


class OrganizationType(Schema):
    code: Literal[tuple(models.Partner.OrganizationType.values)]
    label: Text = text("The type's name.")


class Country(Schema):
    code: str = Field(..., description="ISO 3166-1 alpha-2.")
    name: Text = text("The country's name.")


class Partner(Schema):
    slug: str
    url: Text = text("Its page on this site.")
    name: Text = text("Its name.")
    abbreviation: str
    mission: Text = text("What it does.")
    founding_year: int
    founding_note: Text = text("What happened that year.")
    organization_type: OrganizationType
    website: str
    country: Country | None
    city: Text = text("Where its headquarters are.")
    focus_areas: list[FocusArea]
    sources: list[str] = Field(
        ..., description="Where the facts come from: web addresses or citations."
    )
    facts_checked_on: date | None = Field(
        ..., description="When staff last checked the facts against the sources; null if never."
    )
    created_at: datetime
    updated_at: datetime
    # Only one-language answers carry it, so it is not required.
    fallback_fields: list[str] = Field(
        default_factory=list,
        description="In one language only: the texts shown in the source language.",
    )


class PartnerPage(Schema):
    count: int = Field(..., ge=0)
    page: int = Field(..., ge=1)
    pages: int = Field(..., ge=1)
    page_size: int = Field(..., ge=1)
    next: str | None
    previous: str | None
    language: Literal[tuple(opendata.language_choices())]
    results: list[Partner]


class FocusAreaList(Schema):
    language: Literal[tuple(opendata.language_choices())]
    results: list[FocusArea]
