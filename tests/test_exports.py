"""CSV and JSON exports of the partner list: its filters, search and order, parsed back and
compared with the database."""

import csv
import io
import json
from urllib.parse import urlencode

import pytest
from django.http import QueryDict
from django.urls import reverse
from django.utils.translation import override

from directory.models import Partner
from directory.opendata.exports import LIST_SEPARATOR
from directory.public.filters import PartnerFilter


def url(name, language="en"):
    with override(language):
        return reverse(name)


def content(response):
    return b"".join(response.streaming_content)


def csv_rows(response):
    data = content(response)
    assert data.startswith("\ufeff".encode())
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def expected_slugs(params, language="en"):
    query = QueryDict(urlencode(params, doseq=True))
    with override(language):
        return [p.slug for p in PartnerFilter(query, queryset=Partner.objects.published()).results]


@pytest.fixture
def partners(make_partner, make_focus_area):
    hotlines = make_focus_area(slug="hotlines", name_pl="Infolinie", name_en="Hotlines")
    rights = make_focus_area(slug="rights", name_pl="Prawa", name_en="Rights")
    łódź = make_partner(
        slug="lodzka-fundacja",
        name_pl="Łódzka Fundacja Ochrony Dzieci",
        name_en="",
        mission_pl="Chroni dzieci w Łodzi i całej Polsce.",
        mission_en="",
        city_pl="Łódź",
        country="PL",
        founding_year=1995,
        sources=["https://lodzka.example.org/o-nas", "Gazeta Wyborcza, 3 maja 1995"],
        focus_areas=[hotlines, rights],
    )
    zurich = make_partner(
        slug="zurich-alliance",
        name_pl="Sojusz z Zurychu",
        name_en="Zurich Alliance",
        founding_year=2010,
        country="CH",
        focus_areas=[rights],
    )
    make_partner(slug="hidden-draft", name_pl="Szkic", is_published=False)
    return łódź, zurich


def test_csv_opens_with_polish_letters_and_matches_the_database(client, partners):
    łódź, _zurich = partners

    response = client.get(url("directory:partner-csv", "pl"))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="partners-pl-')
    rows = {row["slug"]: row for row in csv_rows(response)}
    assert list(rows) == expected_slugs({}, "pl")
    row = rows["lodzka-fundacja"]
    assert row["name"] == "Łódzka Fundacja Ochrony Dzieci"
    assert row["city"] == "Łódź"
    assert row["country"] == "PL"
    assert row["country_name"] == "Polska"
    assert row["founding_year"] == "1995"
    assert row["organization_type"] == "nonprofit"
    assert row["organization_type_label"] == "Organizacja non-profit"
    assert row["focus_areas"].split(LIST_SEPARATOR) == ["hotlines", "rights"]
    assert row["focus_area_names"].split(LIST_SEPARATOR) == ["Infolinie", "Prawa"]
    assert row["sources"].split(LIST_SEPARATOR) == łódź.sources
    assert row["url"] == "https://partners.example.org/pl/partnerzy/lodzka-fundacja/"
    assert row["updated_at"] == łódź.updated_at.isoformat()


def test_an_untranslated_text_falls_back_to_polish_and_says_so(client, partners):
    rows = {row["slug"]: row for row in csv_rows(client.get(url("directory:partner-csv")))}

    assert rows["lodzka-fundacja"]["name"] == "Łódzka Fundacja Ochrony Dzieci"
    assert rows["lodzka-fundacja"]["fallback_fields"].split(LIST_SEPARATOR) == [
        "name",
        "mission",
        "city",
    ]
    assert rows["zurich-alliance"]["name"] == "Zurich Alliance"
    assert rows["zurich-alliance"]["fallback_fields"] == ""
    assert (
        rows["lodzka-fundacja"]["url"]
        == "https://partners.example.org/en/partners/lodzka-fundacja/"
    )


def test_csv_in_all_languages_gives_each_language_its_own_text(client, partners):
    response = client.get(url("directory:partner-csv"), {"lang": "all"})

    rows = {row["slug"]: row for row in csv_rows(response)}
    row = rows["lodzka-fundacja"]
    assert row["name_pl"] == "Łódzka Fundacja Ochrony Dzieci"
    assert row["name_en"] == ""
    assert row["city_pl"] == "Łódź"
    assert row["focus_area_names_en"].split(LIST_SEPARATOR) == ["Hotlines", "Rights"]
    assert row["country_name_en"] == "Poland"
    assert row["url_pl"] == "https://partners.example.org/pl/partnerzy/lodzka-fundacja/"
    assert rows["zurich-alliance"]["name_en"] == "Zurich Alliance"
    assert "name" not in row


@pytest.mark.parametrize(
    "params",
    [
        {"q": "lodz"},
        {"focus": "hotlines"},
        {"country": "CH"},
        {"founded_from": "2000"},
        {"sort": "-founded"},
        {"sort": "-name", "focus": ["hotlines", "rights"]},
    ],
)
def test_exports_select_and_order_as_the_list_page(client, partners, params):
    as_csv = [row["slug"] for row in csv_rows(client.get(url("directory:partner-csv"), params))]
    as_json = json.loads(content(client.get(url("directory:partner-json"), params)))

    assert as_csv == expected_slugs(params)
    assert [partner["slug"] for partner in as_json["partners"]] == expected_slugs(params)


def test_drafts_are_never_exported(client, partners):
    for name in ("directory:partner-csv", "directory:partner-json"):
        for lang in ("en", "all"):
            assert b"hidden-draft" not in content(client.get(url(name), {"lang": lang}))


def test_json_export_matches_the_database(client, partners):
    łódź, _zurich = partners

    response = client.get(url("directory:partner-json"), {"lang": "all"})

    assert response["Content-Type"] == "application/json"
    data = json.loads(content(response))
    assert data["language"] == "all"
    assert data["languages"] == ["pl", "en"]
    record = {partner["slug"]: partner for partner in data["partners"]}["lodzka-fundacja"]
    assert record["name"] == {"pl": łódź.name_pl, "en": ""}
    assert record["mission"] == {"pl": łódź.mission_pl, "en": ""}
    assert record["founding_year"] == 1995
    assert record["country"] == {"code": "PL", "name": {"pl": "Polska", "en": "Poland"}}
    assert record["sources"] == łódź.sources
    assert [area["slug"] for area in record["focus_areas"]] == ["hotlines", "rights"]
    assert record["focus_areas"][0]["name"] == {"pl": "Infolinie", "en": "Hotlines"}


def test_json_export_in_one_language(client, partners):
    data = json.loads(content(client.get(url("directory:partner-json"))))

    record = {partner["slug"]: partner for partner in data["partners"]}["zurich-alliance"]
    assert data["language"] == "en"
    assert record["name"] == "Zurich Alliance"
    assert record["organization_type"] == {"code": "nonprofit", "label": "Non-profit organization"}
    assert record["focus_areas"] == [{"slug": "rights", "name": "Rights", "description": ""}]
    assert record["fallback_fields"] == []


@pytest.mark.parametrize(
    ("params", "parameter"),
    [
        ({"founded_from": "soon"}, "founded_from"),
        ({"focus": "no-such-area"}, "focus"),
        ({"lang": "xx"}, "lang"),
        ({"founded_from": "2010", "founded_to": "1990"}, "founded_to"),
    ],
)
def test_a_bad_parameter_is_refused_with_its_reason(client, partners, params, parameter):
    as_csv = client.get(url("directory:partner-csv"), params)
    as_json = client.get(url("directory:partner-json"), params)

    assert as_csv.status_code == 400
    assert as_csv.content.decode().startswith(f"{parameter}: ")
    assert as_json.status_code == 400
    assert list(as_json.json()["errors"]) == [parameter]


def test_exports_stream_and_set_no_cookies(client, partners):
    response = client.get(url("directory:partner-csv"))

    assert response.streaming
    assert not response.cookies


def test_the_list_page_links_to_its_exports_with_its_filters(client, partners):
    response = client.get(
        url("directory:partner-list"), {"q": "łódź", "sort": "-name", "page": "1"}, follow=True
    )

    html = response.content.decode()
    csv_link = f'{url("directory:partner-csv")}?q=%C5%82%C3%B3d%C5%BA&amp;sort=-name"'
    assert csv_link in html
    assert (
        f'{url("directory:partner-json")}?q=%C5%82%C3%B3d%C5%BA&amp;sort=-name&amp;lang=all"'
        in html
    )
    assert "page=" not in html.split('class="exports"')[1]


def test_a_focus_area_page_links_to_the_export_of_its_partners(client, partners):
    response = client.get("/en/focus-areas/hotlines/", {"page": "1"}, follow=True)

    html = response.content.decode()
    assert f'href="{url("directory:partner-csv")}?focus=hotlines"' in html
    assert f'href="{url("directory:partner-json")}?focus=hotlines&amp;lang=all"' in html
    exported = csv_rows(client.get(url("directory:partner-csv"), {"focus": "hotlines"}))
    assert [row["slug"] for row in exported] == ["lodzka-fundacja"]


FORMULAS = {
    "name_en": '=HYPERLINK("http://evil.example","Click")',
    "mission_en": "+1+cmd|' /C calc'!A0",
    "city_en": "-2+3",
    "founding_note_en": "@SUM(1,1)",
    "abbreviation": "\t=1+1",
}


def test_csv_cells_that_would_run_as_formulas_are_neutralized(client, make_partner):
    # A translator sets the English texts; the CSV must not hand them to a spreadsheet
    # as formulas.
    make_partner(slug="formulas", name_pl="Formuły", **FORMULAS)
    make_partner(slug="carriage", name_pl="Powrót", name_en="\r=1+1")

    rows = {row["slug"]: row for row in csv_rows(client.get(url("directory:partner-csv")))}
    every_language = csv_rows(client.get(url("directory:partner-csv"), {"lang": "all"}))

    row = rows["formulas"]
    assert row["name"] == "'" + FORMULAS["name_en"]
    assert row["mission"] == "'" + FORMULAS["mission_en"]
    assert row["city"] == "'" + FORMULAS["city_en"]
    assert row["founding_note"] == "'" + FORMULAS["founding_note_en"]
    assert row["abbreviation"] == "'" + FORMULAS["abbreviation"]
    assert rows["carriage"]["name"] == "'\r=1+1"
    assert {row["slug"]: row for row in every_language}["formulas"]["name_en"] == (
        "'" + FORMULAS["name_en"]
    )
    # Cells that start otherwise are untouched: text, numbers, addresses.
    assert rows["carriage"]["founding_year"] == "2000"
    assert rows["carriage"]["url"].startswith("https://partners.example.org/")


def test_json_and_the_api_keep_texts_that_look_like_formulas(client, make_partner):
    make_partner(slug="formulas", name_pl="Formuły", **FORMULAS)

    exported = json.loads(content(client.get(url("directory:partner-json"))))["partners"][0]
    api = client.get("/api/v1/partners/formulas/", {"lang": "en"}).json()

    for record in (exported, api):
        assert record["name"] == FORMULAS["name_en"]
        assert record["mission"] == FORMULAS["mission_en"]
        assert record["abbreviation"] == FORMULAS["abbreviation"]
