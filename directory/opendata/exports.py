"""The partner list as CSV and JSON files, with the list page's filters, search and order.

Rows are written to a file as they are read, so the whole directory is never in memory;
the file is built once per change of the data and then served (export_files).
"""

import csv
import json
from urllib.parse import urlencode

from django.http import HttpResponse, JsonResponse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from directory import languages
from directory.opendata import export_files
from directory.opendata import records as opendata
from partners_site.site_address import absolute_url

# Excel reads a UTF-8 file as such (Polish letters intact) only when it starts with a BOM.
BOM = "\ufeff"
# Lists in one CSV cell, one item per line: spreadsheets show them as lines of the cell.
LIST_SEPARATOR = "\n"
# A spreadsheet runs a cell that starts with one of these as a formula (OWASP, "CSV
# Injection"); staff and translators write the texts, visitors open the file.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _request_parts(request):
    language = request.GET.get("lang") or get_language()
    filterset = opendata.filtered_partners(request.GET)
    errors = opendata.parameter_errors(filterset, language)
    return language, filterset, errors


def _filename(language, extension):
    return f"partners-{language}-{timezone.localdate().isoformat()}.{extension}"


# The CSV's facts in column order, each with how it is laid out: one column in every
# export ("shared"), one per language in the all-languages export ("texts"), or only in
# a one-language export ("one language": which of its texts fell back to Polish).
CSV_FACTS = (
    ("slug", "shared"),
    ("url", "texts"),
    ("name", "texts"),
    ("abbreviation", "shared"),
    ("mission", "texts"),
    ("founding_year", "shared"),
    ("founding_note", "texts"),
    ("organization_type", "shared"),
    ("organization_type_label", "texts"),
    ("website", "shared"),
    ("country", "shared"),
    ("country_name", "texts"),
    ("city", "texts"),
    ("focus_areas", "shared"),
    ("focus_area_names", "texts"),
    ("sources", "shared"),
    ("fallback_fields", "one language"),
    ("facts_checked_on", "shared"),
    ("created_at", "shared"),
    ("updated_at", "shared"),
)


def csv_columns(language):
    """The CSV header: one column per fact; in every language, one per fact and language."""
    if language != opendata.ALL_LANGUAGES:
        return [fact for fact, _layout in CSV_FACTS]
    columns = []
    for fact, layout in CSV_FACTS:
        if layout == "texts":
            columns.extend(f"{fact}_{code}" for code in languages.codes())
        elif layout == "shared":
            columns.append(fact)
    return columns


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
    for code in languages.codes():
        for field, values in translated.items():
            row[f"{field}_{code}"] = values[code]
        row[f"country_name_{code}"] = country["name"][code] if country["name"] else ""
        row[f"focus_area_names_{code}"] = LIST_SEPARATOR.join(
            area["name"][code] for area in record["focus_areas"]
        )
    return row


def spreadsheet_safe(value):
    """`value` as a spreadsheet shows it without running it: a text that would start a
    formula gets a leading apostrophe, which spreadsheets read as "text follows" and hide.

    Our own five lines rather than defusedcsv: that library leaves cells starting with a
    tab or a carriage return as they are, and rewrites every "|" in the cells it changes.
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class _Echo:
    """A file-like object whose write() returns the line, for csv.writer in a generator."""

    def write(self, value):
        return value


def _csv_lines(partners, language, base_url):
    writer = csv.DictWriter(_Echo(), fieldnames=csv_columns(language))
    yield BOM + writer.writeheader()
    for partner in partners:
        row = csv_row(opendata.partner_record(partner, language, base_url), language)
        yield writer.writerow({name: spreadsheet_safe(value) for name, value in row.items()})


def _json_chunks(partners, language, base_url, source):
    header = {
        "language": language,
        "languages": languages.codes(),
        "source_language": languages.source_language(),
        "source": source,
        "generated_at": timezone.now().isoformat(),
    }
    # The header object without its closing brace, then the partners array.
    yield json.dumps(header, ensure_ascii=False)[:-1] + ', "partners": ['
    for number, partner in enumerate(partners):
        record = opendata.partner_record(partner, language, base_url)
        yield ("," if number else "") + json.dumps(record, ensure_ascii=False)
    yield "]}\n"


def _error_response(errors, as_json, status=400):
    if as_json:
        return JsonResponse({"errors": errors}, status=status)
    lines = [f"{name}: {message}" for name, messages in errors.items() for message in messages]
    return HttpResponse(
        "\n".join(lines) + "\n", status=status, content_type="text/plain; charset=utf-8"
    )


def _busy_response(as_json):
    message = _("Another export is being prepared; try again in a few seconds.")
    response = _error_response({"export": [message]}, as_json, status=503)
    response["Retry-After"] = str(export_files.RETRY_AFTER)
    return response


def variant_parameters(filterset, language):
    """The export's parameters as the filter read them (validated, each once, in a fixed
    order): what the file depends on, and the query of its canonical address."""
    cleaned = filterset.form.cleaned_data
    focus = sorted({slug for slug in filterset.form.data.getlist("focus") if slug})
    params = [("focus", slug) for slug in focus]
    for name in ("q", "type", "country", "founded_from", "founded_to"):
        if cleaned.get(name) not in (None, ""):
            params.append((name, str(cleaned[name])))
    params.append(("sort", filterset.chosen_sort))
    params.append(("lang", language))
    return params


def _export(request, extension, content_type, lines):
    """The export as a file built once per change (see export_files), or the reason why
    not: 400 for a bad parameter, 503 while another export is being built."""
    as_json = extension == "json"
    language, filterset, errors = _request_parts(request)
    if errors:
        return _error_response(errors, as_json)
    params = variant_parameters(filterset, language)
    base_url = absolute_url()
    source = absolute_url(f"{request.path}?{urlencode(params)}")

    def write(out):
        partners = opendata.stream(filterset.results)
        out.writelines(lines(partners, language, base_url, source))

    try:
        return export_files.response(
            (extension, *params),
            write,
            _filename(language, extension),
            content_type,
            # Only the order and language: the whole directory.
            whole={name for name, _value in params} <= {"sort", "lang"},
        )
    except export_files.Busy:
        return _busy_response(as_json)


@require_GET
def partners_csv(request):
    return _export(
        request,
        "csv",
        "text/csv; charset=utf-8",
        lambda partners, language, base_url, source: _csv_lines(partners, language, base_url),
    )


@require_GET
def partners_json(request):
    return _export(request, "json", "application/json", _json_chunks)
