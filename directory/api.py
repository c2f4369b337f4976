"""The read-only JSON API, version 1, and the OpenAPI document that describes it.

Plain views over the same PartnerFilter as the list page, so the API, the exports and the
HTML list always agree; every answer, errors included, is JSON.
"""

import functools
import re

from django.core.paginator import Paginator
from django.http import JsonResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django_countries import countries

from . import opendata
from .filters import MAX_QUERY_LENGTH, SORTS
from .full_text import few_matches
from .models import MIN_FOUNDING_YEAR, FocusArea, Partner
from .site_address import absolute_url

app_name = "api"

SLUG = re.compile(r"[-a-zA-Z0-9_]+")
DEFAULT_PAGE_SIZE = 25
MAX_PAGE_SIZE = 100


def read_only(view):
    """GET and HEAD only; anything else is refused in JSON, like every other error. No CSRF
    check: nothing here changes state or reads a cookie, and the check would answer an
    unknown method with an HTML 403 instead of a 405."""

    @csrf_exempt
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            response = _error(405, {"method": [_("Only GET and HEAD are allowed here.")]})
            response["Allow"] = "GET, HEAD"
            return response
        return view(request, *args, **kwargs)

    return wrapper


def _error(status, errors):
    return JsonResponse({"errors": errors}, status=status)


def _base_url(request):
    return absolute_url()


def _language(request, errors):
    language = request.GET.get("lang") or opendata.ALL_LANGUAGES
    if language not in opendata.language_choices():
        errors["lang"] = [
            _("“%(value)s” is not a language; use one of: %(choices)s.")
            % {"value": language, "choices": ", ".join(opendata.language_choices())}
        ]
    return language


def _positive_number(request, name, default, errors, maximum=None):
    raw = request.GET.get(name)
    if raw in (None, ""):
        return default
    try:
        number = int(raw)
    except ValueError:
        number = 0
    if number < 1 or (maximum is not None and number > maximum):
        if maximum is None:
            message = _("“%(value)s” is not a whole number of 1 or more.")
        else:
            message = _("“%(value)s” is not a whole number from 1 to %(maximum)s.")
        errors[name] = [message % {"value": raw, "maximum": maximum}]
    return number


@read_only
def partner_list(request):
    filterset = opendata.filtered_partners(request.GET)
    errors = opendata.parameter_errors(filterset, "all")
    language = _language(request, errors)
    number = _positive_number(request, "page", 1, errors)
    size = _positive_number(request, "page_size", DEFAULT_PAGE_SIZE, errors, MAX_PAGE_SIZE)
    if errors:
        return _error(400, errors)
    paginator = Paginator(opendata.for_output(filterset.results), size)
    if number > paginator.num_pages:
        # Like a missing partner: the page is a resource that does not exist.
        return _error(
            404,
            {
                "page": [
                    _("There is no page %(page)s; the last page is %(last)s.")
                    % {"page": number, "last": paginator.num_pages}
                ]
            },
        )
    page = paginator.page(number)
    # Counted by now: a search takes the plan that suits that many matches.
    start = (number - 1) * size
    page.object_list = opendata.for_output(few_matches(filterset.results, paginator.count))[
        start : start + size
    ]

    def page_url(page_number):
        query = request.GET.copy()
        query["page"] = page_number
        return absolute_url(f"{request.path}?{query.urlencode()}")

    base_url = _base_url(request)
    return JsonResponse(
        {
            "count": paginator.count,
            "page": page.number,
            "pages": paginator.num_pages,
            "page_size": size,
            "next": page_url(page.next_page_number()) if page.has_next() else None,
            "previous": page_url(page.previous_page_number()) if page.has_previous() else None,
            "language": language,
            "results": [opendata.partner_record(partner, language, base_url) for partner in page],
        },
        json_dumps_params={"ensure_ascii": False},
    )


@read_only
def partner_detail(request, slug):
    errors = {}
    language = _language(request, errors)
    if errors:
        return _error(400, errors)
    partner = (
        opendata.for_output(Partner.objects.published().filter(slug=slug)).first()
        # Anything else cannot be a slug (and a NUL character would upset PostgreSQL).
        if SLUG.fullmatch(slug) and len(slug) <= Partner.SLUG_LENGTH
        else None
    )
    if partner is None:
        return _error(404, {"slug": [_("No published partner has this slug.")]})
    return JsonResponse(
        opendata.partner_record(partner, language, _base_url(request)),
        json_dumps_params={"ensure_ascii": False},
    )


@read_only
def focus_area_list(request):
    errors = {}
    language = _language(request, errors)
    if errors:
        return _error(400, errors)
    return JsonResponse(
        {
            "language": language,
            "results": [
                opendata.focus_area_record(area, language) for area in FocusArea.objects.all()
            ],
        },
        json_dumps_params={"ensure_ascii": False},
    )


@read_only
def schema(request):
    focus_slugs = list(FocusArea.objects.values_list("slug", flat=True))
    return JsonResponse(openapi_schema(focus_slugs), json_dumps_params={"ensure_ascii": False})


def openapi_schema(focus_slugs):
    """The OpenAPI 3.0 description of version 1, built from the same settings, choices and
    focus areas the views check against, so that the two cannot drift apart."""
    codes = opendata.language_codes()
    choices = opendata.language_choices()

    def text(description):
        return {
            "description": description,
            "oneOf": [
                {"type": "string"},
                {
                    "type": "object",
                    "properties": {code: {"type": "string"} for code in codes},
                    "required": codes,
                    "additionalProperties": False,
                },
            ],
        }

    def query(name, description, schema, **extra):
        return {
            "name": name,
            "in": "query",
            "required": False,
            "description": description,
            "schema": schema,
            **extra,
        }

    def or_empty(schema):
        # An empty value means "not given", as from the list page's form.
        return {"anyOf": [schema, {"type": "string", "enum": [""]}]}

    language_parameter = query(
        "lang",
        "A language code: texts in that language, falling back to the source language "
        f"({opendata.source_language()}) where untranslated. `all` (the default): every "
        "language's own text, empty where untranslated.",
        or_empty({"type": "string", "enum": choices, "default": opendata.ALL_LANGUAGES}),
    )
    errors = {
        "description": "A bad parameter, or nothing to show: the messages, by parameter.",
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Errors"}}},
    }
    this_year = timezone.now().year
    year = {"type": "integer", "minimum": MIN_FOUNDING_YEAR, "maximum": this_year}
    focus_area = {
        "type": "object",
        "properties": {
            "slug": {"type": "string"},
            "name": text("Its name."),
            "description": text("What it covers."),
        },
        "required": ["slug", "name", "description"],
    }
    partner_properties = {
        "slug": {"type": "string"},
        "url": text("Its page on this site."),
        "name": text("Its name."),
        "abbreviation": {"type": "string"},
        "mission": text("What it does."),
        "founding_year": {"type": "integer"},
        "founding_note": text("What happened that year."),
        "organization_type": {
            "type": "object",
            "properties": {
                "code": {"type": "string", "enum": list(Partner.OrganizationType.values)},
                "label": text("The type's name."),
            },
            "required": ["code", "label"],
        },
        "website": {"type": "string"},
        "country": {
            "nullable": True,
            "type": "object",
            "properties": {
                "code": {"type": "string", "description": "ISO 3166-1 alpha-2."},
                "name": text("The country's name."),
            },
            "required": ["code", "name"],
        },
        "city": text("Where its headquarters are."),
        "focus_areas": {"type": "array", "items": {"$ref": "#/components/schemas/FocusArea"}},
        "sources": {
            "type": "array",
            "items": {"type": "string"},
            "description": "Where the facts come from: web addresses or citations.",
        },
        "facts_checked_on": {
            "type": "string",
            "format": "date",
            "nullable": True,
            "description": "When staff last checked the facts against the sources; null if never.",
        },
        "created_at": {"type": "string", "format": "date-time"},
        "updated_at": {"type": "string", "format": "date-time"},
        "fallback_fields": {
            "type": "array",
            "items": {"type": "string"},
            "description": "In one language only: the texts shown in the source language.",
        },
    }
    partner = {
        "type": "object",
        "properties": partner_properties,
        # Every property but fallback_fields, which only one-language answers carry.
        "required": [name for name in partner_properties if name != "fallback_fields"],
    }
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "Trust & Safety Partners Directory API",
            "version": "1",
            "description": "Read-only access to the published partners and focus areas.",
        },
        "servers": [{"url": reverse("api:schema").rsplit("/", 1)[0]}],
        "paths": {
            "/partners/": {
                "get": {
                    "operationId": "listPartners",
                    "summary": "Published partners, filtered and sorted as on the list page.",
                    "parameters": [
                        query(
                            "q",
                            "Words of a name, abbreviation or mission, in any language.",
                            # Form fields refuse the NUL character.
                            {
                                "type": "string",
                                "maxLength": MAX_QUERY_LENGTH,
                                "pattern": "^[^\\u0000]*$",
                            },
                        ),
                        query(
                            "focus",
                            "Focus area slugs; partners in any of them.",
                            {
                                "type": "array",
                                "items": {"type": "string", "enum": focus_slugs}
                                if focus_slugs
                                else {"type": "string", "minLength": 1},
                            },
                            style="form",
                            explode=True,
                        ),
                        query(
                            "type",
                            "Type of organization.",
                            or_empty(
                                {"type": "string", "enum": list(Partner.OrganizationType.values)}
                            ),
                        ),
                        query(
                            "country",
                            "ISO 3166-1 alpha-2 code.",
                            or_empty(
                                {"type": "string", "enum": [code for code, _name in countries]}
                            ),
                        ),
                        query("founded_from", "Founded in this year or later.", or_empty(year)),
                        query("founded_to", "Founded in this year or earlier.", or_empty(year)),
                        query(
                            "sort",
                            "Order.",
                            or_empty({"type": "string", "enum": list(SORTS), "default": "name"}),
                        ),
                        query("page", "Page number.", or_empty({"type": "integer", "minimum": 1})),
                        query(
                            "page_size",
                            "Partners per page.",
                            or_empty(
                                {
                                    "type": "integer",
                                    "minimum": 1,
                                    "maximum": MAX_PAGE_SIZE,
                                    "default": DEFAULT_PAGE_SIZE,
                                }
                            ),
                        ),
                        language_parameter,
                    ],
                    "responses": {
                        "200": {
                            "description": "One page of partners.",
                            "content": {
                                "application/json": {
                                    "schema": {"$ref": "#/components/schemas/PartnerPage"}
                                }
                            },
                        },
                        "400": errors,
                        "404": errors,
                    },
                }
            },
            "/partners/{slug}/": {
                "get": {
                    "operationId": "getPartner",
                    "summary": "One published partner.",
                    "parameters": [
                        {
                            "name": "slug",
                            "in": "path",
                            "required": True,
                            "schema": {"type": "string", "pattern": f"^{SLUG.pattern}$"},
                        },
                        language_parameter,
                    ],
                    "responses": {
                        "200": {
                            "description": "The partner.",
                            "content": {
                                "application/json": {
                                    "schema": {"$ref": "#/components/schemas/Partner"}
                                }
                            },
                        },
                        "400": errors,
                        "404": errors,
                    },
                }
            },
            "/focus-areas/": {
                "get": {
                    "operationId": "listFocusAreas",
                    "summary": "Every focus area, in the site's order.",
                    "parameters": [language_parameter],
                    "responses": {
                        "200": {
                            "description": "The focus areas.",
                            "content": {
                                "application/json": {
                                    "schema": {
                                        "type": "object",
                                        "properties": {
                                            "language": {"type": "string", "enum": choices},
                                            "results": {
                                                "type": "array",
                                                "items": {"$ref": "#/components/schemas/FocusArea"},
                                            },
                                        },
                                        "required": ["language", "results"],
                                    }
                                }
                            },
                        },
                        "400": errors,
                    },
                }
            },
        },
        "components": {
            "schemas": {
                "Errors": {
                    "type": "object",
                    "properties": {
                        "errors": {
                            "type": "object",
                            "additionalProperties": {"type": "array", "items": {"type": "string"}},
                        }
                    },
                    "required": ["errors"],
                },
                "FocusArea": focus_area,
                "Partner": partner,
                "PartnerPage": {
                    "type": "object",
                    "properties": {
                        "count": {"type": "integer", "minimum": 0},
                        "page": {"type": "integer", "minimum": 1},
                        "pages": {"type": "integer", "minimum": 1},
                        "page_size": {"type": "integer", "minimum": 1},
                        "next": {"type": "string", "nullable": True},
                        "previous": {"type": "string", "nullable": True},
                        "language": {"type": "string", "enum": choices},
                        "results": {
                            "type": "array",
                            "items": {"$ref": "#/components/schemas/Partner"},
                        },
                    },
                    "required": [
                        "count",
                        "page",
                        "pages",
                        "page_size",
                        "next",
                        "previous",
                        "language",
                        "results",
                    ],
                },
            }
        },
    }


urlpatterns = [
    path("v1/partners/", partner_list, name="partner-list"),
    path("v1/partners/<str:slug>/", partner_detail, name="partner-detail"),
    path("v1/focus-areas/", focus_area_list, name="focus-area-list"),
    path("v1/openapi.json", schema, name="schema"),
]
