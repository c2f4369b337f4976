"""The partner list as CSV and JSON files, with the list page's filters, search and order.

Both stream: rows are written as they are read, so the whole directory is never in memory.
"""

import csv
import json

from django.http import HttpResponse, JsonResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from . import opendata

# Excel reads a UTF-8 file as such (Polish letters intact) only when it starts with a BOM.
BOM = "\ufeff"
# Lists in one CSV cell, one item per line: spreadsheets show them as lines of the cell.
LIST_SEPARATOR = "\n"


def _request_parts(request):
    language = request.GET.get("lang") or get_language()
    filterset = opendata.filtered_partners(request.GET)
    errors = opendata.parameter_errors(filterset, language)
    return language, filterset, errors


def _filename(language, extension):
    return f"partners-{language}-{timezone.localdate().isoformat()}.{extension}"


def _attachment(response, filename):
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def csv_columns(language):
    """The CSV header: one column per fact; in every language, one per fact and language."""
    if language != opendata.ALL_LANGUAGES:
        return [
            "slug",
            "url",
            "name",
            "abbreviation",
            "mission",
            "founding_year",
            "founding_note",
            "organization_type",
            "organization_type_label",
            "website",
            "country",
            "country_name",
            "city",
            "focus_areas",
            "focus_area_names",
            "sources",
            "fallback_fields",
            "facts_checked_on",
            "created_at",
            "updated_at",
        ]
    codes = opendata.language_codes()

    def each(field):
        return [f"{field}_{code}" for code in codes]

    return [
        "slug",
        *each("url"),
        *each("name"),
        "abbreviation",
        *each("mission"),
        "founding_year",
        *each("founding_note"),
        "organization_type",
        *each("organization_type_label"),
        "website",
        "country",
        *each("country_name"),
        *each("city"),
        "focus_areas",
        *each("focus_area_names"),
        "sources",
        "facts_checked_on",
        "created_at",
        "updated_at",
    ]


def csv_row(record, language):
    """`record` (from opendata.partner_record) flattened into the CSV's columns."""
    country = record["country"] or {"code": "", "name": None}
    row = {
        "slug": record["slug"],
        "abbreviation": record["abbreviation"],
        "founding_year": record["founding_year"],
        "organization_type": record["organization_type"]["code"],
        "website": record["website"],
        "country": country["code"],
        "focus_areas": LIST_SEPARATOR.join(area["slug"] for area in record["focus_areas"]),
        "sources": LIST_SEPARATOR.join(record["sources"]),
        "facts_checked_on": record["facts_checked_on"] or "",
        "created_at": record["created_at"],
        "updated_at": record["updated_at"],
    }
    translated = {
        "url": record["url"],
        "name": record["name"],
        "mission": record["mission"],
        "founding_note": record["founding_note"],
        "city": record["city"],
        "organization_type_label": record["organization_type"]["label"],
    }
    if language != opendata.ALL_LANGUAGES:
        row.update(translated)
        row["country_name"] = country["name"] or ""
        row["focus_area_names"] = LIST_SEPARATOR.join(
            area["name"] for area in record["focus_areas"]
        )
        row["fallback_fields"] = LIST_SEPARATOR.join(record["fallback_fields"])
        return row
    for code in opendata.language_codes():
        for field, values in translated.items():
            row[f"{field}_{code}"] = values[code]
        row[f"country_name_{code}"] = country["name"][code] if country["name"] else ""
        row[f"focus_area_names_{code}"] = LIST_SEPARATOR.join(
            area["name"][code] for area in record["focus_areas"]
        )
    return row


class _Echo:
    """A file-like object whose write() returns the line, for csv.writer in a generator."""

    def write(self, value):
        return value


def _csv_lines(partners, language, base_url):
    writer = csv.DictWriter(_Echo(), fieldnames=csv_columns(language))
    yield BOM + writer.writeheader()
    for partner in partners:
        yield writer.writerow(
            csv_row(opendata.partner_record(partner, language, base_url), language)
        )


def _json_chunks(partners, language, base_url, source):
    header = {
        "language": language,
        "languages": opendata.language_codes(),
        "source_language": opendata.source_language(),
        "source": source,
        "generated_at": timezone.now().isoformat(),
    }
    # The header object without its closing brace, then the partners array.
    yield json.dumps(header, ensure_ascii=False)[:-1] + ', "partners": ['
    for number, partner in enumerate(partners):
        record = opendata.partner_record(partner, language, base_url)
        yield ("," if number else "") + json.dumps(record, ensure_ascii=False)
    yield "]}\n"


def _error_response(errors, as_json):
    if as_json:
        return JsonResponse({"errors": errors}, status=400)
    lines = [f"{name}: {message}" for name, messages in errors.items() for message in messages]
    return HttpResponse(
        "\n".join(lines) + "\n", status=400, content_type="text/plain; charset=utf-8"
    )


@require_GET
def partners_csv(request):
    language, filterset, errors = _request_parts(request)
    if errors:
        return _error_response(errors, as_json=False)
    partners = opendata.stream(filterset.results)
    response = StreamingHttpResponse(
        _csv_lines(partners, language, request.build_absolute_uri("/")[:-1]),
        content_type="text/csv; charset=utf-8",
    )
    return _attachment(response, _filename(language, "csv"))


@require_GET
def partners_json(request):
    language, filterset, errors = _request_parts(request)
    if errors:
        return _error_response(errors, as_json=True)
    partners = opendata.stream(filterset.results)
    response = StreamingHttpResponse(
        _json_chunks(
            partners,
            language,
            request.build_absolute_uri("/")[:-1],
            request.build_absolute_uri(),
        ),
        content_type="application/json",
    )
    return _attachment(response, _filename(language, "json"))
