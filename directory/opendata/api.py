"""The read-only JSON API, version 1, and the OpenAPI document that describes it.

Operations of django-ninja over the same PartnerFilter as the list page, so the API, the
exports and the HTML list always agree; their description is generated from the typed
schemas in api_schemas. Every answer, errors included, is JSON.
"""

import copy
import functools
import re
from typing import Annotated

from django.core.paginator import Paginator
from django.http import JsonResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.generic import TemplateView
from ninja import NinjaAPI, Query
from pydantic import WithJsonSchema

from directory.full_text import few_matches
from directory.models import FocusArea, Partner
from directory.models.validators import latest_founding_year
from directory.opendata import api_schemas as schemas
from directory.opendata import records as opendata
from directory.pagination import error_response, missing_page_errors, number_parameter
from partners_site.site_address import absolute_url

app_name = "api"

SLUG = re.compile(r"[-a-zA-Z0-9_]+")
ERRORS = {400: schemas.Errors, 404: schemas.Errors}

api = NinjaAPI(
    title="Trust & Safety Partners Directory API",
    version="1",
    description="Read-only access to the published partners and focus areas.",
    urls_namespace="api",
    docs_url=None,
    openapi_url=None,
)


def read_only(view):
    """GET and HEAD only; anything else is refused in JSON, like every other error. No CSRF
    check: nothing here changes state or reads a cookie, and the check would answer an
    unknown method with an HTML 403 instead of a 405."""

    @csrf_exempt
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            response = error_response(405, {"method": [_("Only GET and HEAD are allowed here.")]})
            response["Allow"] = "GET, HEAD"
            return response
        return view(request, *args, **kwargs)

    return wrapper


def operation(route, **kwargs):
    """A described GET operation at `route`, which answers HEAD the same way."""

    def register(view):
        api.get(route, **kwargs)(view)
        api.api_operation(["HEAD"], route, include_in_schema=False)(view)
        return view

    return register


def _json(data, status=200):
    return JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})


def _language(request, errors):
    language = request.GET.get("lang") or opendata.ALL_LANGUAGES
    errors.update(opendata.language_errors(language))
    return language


def _page_url(request, number):
    query = request.GET.copy()
    query["page"] = number
    return absolute_url(f"{request.path}?{query.urlencode()}")


@operation(
    "/partners/",
    url_name="partner-list",
    operation_id="listPartners",
    summary="Published partners, filtered and sorted as on the list page.",
    response={200: schemas.PartnerPage, **ERRORS},
)
def partner_list(
    request,
    filters: Query[schemas.ListFilters],
    paging: Query[schemas.Paging],
    language: Query[schemas.Language],
):
    # Read from the query itself: the filter set's form checks every parameter.
    filterset = opendata.filtered_partners(request.GET)
    language = request.GET.get("lang") or opendata.ALL_LANGUAGES
    errors = opendata.parameter_errors(filterset, language)
    number = number_parameter(request.GET, "page", 1, errors)
    size = number_parameter(
        request.GET, "page_size", schemas.DEFAULT_PAGE_SIZE, errors, schemas.MAX_PAGE_SIZE
    )
    if errors:
        return error_response(400, errors)
    paginator = Paginator(opendata.for_output(filterset.results), size)
    if missing := missing_page_errors(paginator, number):
        return error_response(404, missing)
    page = paginator.page(number)
    # Counted by now: a search takes the plan that suits that many matches.
    start = (number - 1) * size
    matching = few_matches(filterset.results, paginator.count)
    page.object_list = opendata.for_output(matching)[start : start + size]
    base_url = absolute_url()
    return _json(
        {
            "count": paginator.count,
            "page": page.number,
            "pages": paginator.num_pages,
            "page_size": size,
            "next": _page_url(request, page.next_page_number()) if page.has_next() else None,
            "previous": _page_url(request, page.previous_page_number())
            if page.has_previous()
            else None,
            "language": language,
            "results": [opendata.partner_record(partner, language, base_url) for partner in page],
        }
    )


@operation(
    "/partners/{slug}/",
    url_name="partner-detail",
    operation_id="getPartner",
    summary="One published partner.",
    response={200: schemas.Partner, **ERRORS},
)
def partner_detail(
    request,
    # Described, not enforced: any other slug is answered with the JSON 404 below.
    slug: Annotated[str, WithJsonSchema({"type": "string", "pattern": f"^{SLUG.pattern}$"})],
    language: Query[schemas.Language],
):
    errors = {}
    language = _language(request, errors)
    if errors:
        return error_response(400, errors)
    partner = (
        opendata.for_output(Partner.objects.published().filter(slug=slug)).first()
        # Anything else cannot be a slug (and a NUL character would upset PostgreSQL).
        if SLUG.fullmatch(slug) and len(slug) <= Partner.SLUG_LENGTH
        else None
    )
    if partner is None:
        return error_response(404, {"slug": [_("No published partner has this slug.")]})
    return _json(opendata.partner_record(partner, language, absolute_url()))


@operation(
    "/focus-areas/",
    url_name="focus-area-list",
    operation_id="listFocusAreas",
    summary="Every focus area, in the site's order.",
    response={200: schemas.FocusAreaList, 400: schemas.Errors},
)
def focus_area_list(request, language: Query[schemas.Language]):
    errors = {}
    language = _language(request, errors)
    if errors:
        return error_response(400, errors)
    areas = FocusArea.objects.all()
    return _json(
        {
            "language": language,
            "results": [opendata.focus_area_record(area, language) for area in areas],
        }
    )


def as_openapi_30(node):
    """The document in OpenAPI 3.0, as it has always been served (django-ninja writes 3.1,
    where an integral number such as 2.0 is an integer, which `page` is not): the only
    construct of 3.1 in it, a null type beside another, becomes `nullable`."""
    if isinstance(node, list):
        return [as_openapi_30(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: as_openapi_30(value) for key, value in node.items()}
    options = node.get("anyOf", [])
    if {"type": "null"} in options:
        rest = [option for option in options if option != {"type": "null"}]
        del node["anyOf"]
        # A reference takes no siblings in 3.0: it is wrapped.
        if len(rest) > 1 or "$ref" in rest[0]:
            rest = [{"allOf" if len(rest) == 1 else "anyOf": rest}]
        node.update(rest[0], nullable=True)
    return node


@functools.lru_cache(maxsize=16)
def _generated(focus_slugs, year, languages):
    # Generating takes some 20 ms; the document changes only with its arguments.
    token = schemas.focus_slugs.set(focus_slugs)
    try:
        document = as_openapi_30(dict(api.get_openapi_schema(path_prefix="")))
    finally:
        schemas.focus_slugs.reset(token)
    document["openapi"] = "3.0.3"
    document["servers"] = [{"url": reverse("api:schema").rsplit("/", 1)[0]}]
    return document


def _document(focus_slugs):
    # The founding years' maximum is this year; the languages are fixed once the schemas
    # are built, and part of the key only so that no other languages' document is served.
    year = latest_founding_year()
    return _generated(tuple(focus_slugs), year, tuple(opendata.language_choices()))


def openapi_schema(focus_slugs):
    """The OpenAPI 3.0 description of version 1, generated from the operations and their
    schemas, with `focus_slugs` as the focus areas `focus` may name (a copy to keep)."""
    return copy.deepcopy(_document(focus_slugs))


@read_only
def schema(request):
    return _json(_document(FocusArea.objects.values_list("slug", flat=True)))


def _operations():
    """The operations' addresses, each refusing methods other than GET and HEAD first."""
    seen = set()
    for pattern in api.urls[0]:
        route = str(pattern.pattern)
        if pattern.name != "api-root" and route not in seen:
            seen.add(route)
            yield path(f"v1/{route}", read_only(pattern.callback), name=pattern.name)


# The interactive reference: Swagger UI from this site's static files.
reference = read_only(TemplateView.as_view(template_name="opendata/api_reference.html"))

urlpatterns = [
    *_operations(),
    path("v1/openapi.json", schema, name="schema"),
    path("v1/reference/", reference, name="reference"),
]
