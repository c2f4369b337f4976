"""The read-only JSON API: the list page's filters and order, pagination, languages, and
JSON errors for every bad parameter."""

from urllib.parse import urlencode

import pytest
from django.http import QueryDict
from django.utils.translation import override

from directory.models import Partner
from directory.public.filters import PartnerFilter


def expected_slugs(params, language="pl"):
    query = QueryDict(urlencode(params, doseq=True))
    with override(language):
        return [p.slug for p in PartnerFilter(query, queryset=Partner.objects.published()).results]


@pytest.fixture
def partners(make_partner, make_focus_area):
    area = make_focus_area(slug="hotlines", name_pl="Infolinie", name_en="")
    made = [
        make_partner(
            slug="lodzka-fundacja",
            name_pl="Łódzka Fundacja",
            name_en="",
            founding_year=1995,
            country="PL",
            focus_areas=[area],
        ),
        make_partner(slug="alpha", name_pl="Alfa", name_en="Alpha", founding_year=2015),
        make_partner(slug="zeta", name_pl="Żeta", name_en="Zeta", founding_year=2005),
    ]
    make_partner(slug="hidden-draft", name_pl="Szkic", is_published=False)
    return made


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"q": "lodz"},
        {"focus": "hotlines"},
        {"country": "PL"},
        {"founded_from": "2000", "founded_to": "2010"},
        {"sort": "-founded"},
        {"sort": "-name"},
    ],
)
def test_partners_are_selected_and_ordered_as_on_the_list_page(client, partners, params):
    response = client.get("/api/v1/partners/", params)

    assert response.status_code == 200
    assert [partner["slug"] for partner in response.json()["results"]] == expected_slugs(params)


def test_partners_come_in_pages_that_link_to_each_other(client, partners):
    first = client.get("/api/v1/partners/", {"page_size": 2, "sort": "founded"}).json()

    assert (first["count"], first["pages"], first["page"]) == (3, 2, 1)
    assert [partner["slug"] for partner in first["results"]] == ["lodzka-fundacja", "zeta"]
    assert first["previous"] is None
    second = client.get(first["next"]).json()
    assert [partner["slug"] for partner in second["results"]] == ["alpha"]
    assert second["next"] is None
    assert client.get(second["previous"]).json() == first


def test_one_language_falls_back_to_polish_and_all_languages_keep_their_own(client, partners):
    one = client.get("/api/v1/partners/lodzka-fundacja/", {"lang": "en"}).json()
    every = client.get("/api/v1/partners/lodzka-fundacja/").json()

    assert one["name"] == "Łódzka Fundacja"
    assert "name" in one["fallback_fields"]
    assert one["url"] == "https://partners.example.org/en/partners/lodzka-fundacja/"
    assert one["focus_areas"] == [{"slug": "hotlines", "name": "Infolinie", "description": ""}]
    assert every["name"] == {"pl": "Łódzka Fundacja", "en": ""}
    assert every["country"] == {"code": "PL", "name": {"pl": "Polska", "en": "Poland"}}
    assert "fallback_fields" not in every


def test_drafts_never_appear(client, partners):
    listed = client.get("/api/v1/partners/", {"page_size": 100})
    detail = client.get("/api/v1/partners/hidden-draft/", HTTP_ACCEPT_LANGUAGE="en")

    assert "hidden-draft" not in listed.content.decode()
    assert detail.status_code == 404
    assert detail.json() == {"errors": {"slug": ["No published partner has this slug."]}}


def test_focus_areas_are_listed(client, partners):
    response = client.get("/api/v1/focus-areas/", {"lang": "en"})

    assert response.json() == {
        "language": "en",
        "results": [{"slug": "hotlines", "name": "Infolinie", "description": ""}],
    }


@pytest.mark.parametrize(
    ("params", "parameter"),
    [
        ({"page": "0"}, "page"),
        ({"page": "two"}, "page"),
        ({"page_size": "1000"}, "page_size"),
        ({"lang": "xx"}, "lang"),
        ({"founded_from": "soon"}, "founded_from"),
        ({"focus": "no-such-area"}, "focus"),
        ({"country": "XX"}, "country"),
        ({"type": "club"}, "type"),
        ({"sort": "random"}, "sort"),
        ({"q": "x" * 201}, "q"),
        ({"q": "a\x00b"}, "q"),
    ],
)
def test_a_bad_parameter_gives_400_with_a_json_error(client, partners, params, parameter):
    response = client.get("/api/v1/partners/", params, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    errors = response.json()["errors"]
    assert list(errors) == [parameter]
    assert errors[parameter]
    assert all(isinstance(message, str) and message for message in errors[parameter])


def test_a_page_past_the_last_is_not_found(client, partners):
    response = client.get("/api/v1/partners/", {"page": "9"}, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 404
    assert response.json() == {"errors": {"page": ["There is no page 9; the last page is 1."]}}


def test_a_slug_that_cannot_exist_is_not_found_in_json(client, partners):
    response = client.get("/api/v1/partners/a%00b/")

    assert response.status_code == 404
    assert "slug" in response.json()["errors"]


def test_writing_is_refused_in_json(client, partners):
    response = client.post("/api/v1/partners/")

    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"
    assert "method" in response.json()["errors"]


def test_the_api_sets_no_cookies(client, partners):
    assert not client.get("/api/v1/partners/").cookies


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete", "options"])
@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/partners/",
        "/api/v1/partners/alpha/",
        "/api/v1/focus-areas/",
        "/api/v1/openapi.json",
    ],
)
def test_every_address_refuses_other_methods_with_the_same_json(client, partners, method, path):
    response = getattr(client, method)(path, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"errors": {"method": ["Only GET and HEAD are allowed here."]}}


@pytest.mark.parametrize("path", ["/api/v1/partners/", "/api/v1/partners/alpha/"])
def test_head_answers_as_get_does(client, partners, path):
    response = client.head(path)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"


def test_a_repeated_parameter_counts_its_last_value(client, partners):
    page = client.get("/api/v1/partners/", {"page_size": ["1", "2"], "page": ["2", "1"]}).json()
    one_language = client.get("/api/v1/partners/", {"lang": ["xx", "en"]}).json()
    refused = client.get("/api/v1/partners/", {"lang": ["en", "xx"]}, HTTP_ACCEPT_LANGUAGE="en")

    assert (page["page"], page["page_size"]) == (1, 2)
    assert one_language["language"] == "en"
    assert refused.status_code == 400
    assert refused.json() == {
        "errors": {"lang": ["“xx” is not a language; use one of: pl, en, all."]}
    }


def test_repeated_focus_areas_select_partners_in_any_of_them(client, partners, make_focus_area):
    make_focus_area(slug="research")
    response = client.get("/api/v1/partners/", {"focus": ["hotlines", "research"]})

    assert [partner["slug"] for partner in response.json()["results"]] == ["lodzka-fundacja"]


@pytest.mark.parametrize(
    ("params", "errors"),
    [
        ({"page": "two"}, {"page": ["“two” is not a whole number of 1 or more."]}),
        ({"page": "-1"}, {"page": ["“-1” is not a whole number of 1 or more."]}),
        ({"page_size": "0"}, {"page_size": ["“0” is not a whole number from 1 to 100."]}),
        (
            {"page": "x", "page_size": "y", "lang": "z", "sort": "w"},
            {
                "sort": ["Select a valid choice. w is not one of the available choices."],
                "lang": ["“z” is not a language; use one of: pl, en, all."],
                "page": ["“x” is not a whole number of 1 or more."],
                "page_size": ["“y” is not a whole number from 1 to 100."],
            },
        ),
    ],
)
def test_bad_paging_is_refused_with_every_message_in_order(client, partners, params, errors):
    response = client.get("/api/v1/partners/", params, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 400
    assert list(response.json()["errors"].items()) == list(errors.items())


def test_paging_messages_are_translated(client, partners):
    bad = client.get("/api/v1/partners/", {"page": "0"}, HTTP_ACCEPT_LANGUAGE="pl")
    past = client.get("/api/v1/partners/", {"page": "9"}, HTTP_ACCEPT_LANGUAGE="pl")

    assert bad.json()["errors"]["page"][0].startswith("„0”")
    assert past.json() == {"errors": {"page": ["Nie ma strony 9; ostatnia strona to 1."]}}


def test_a_page_past_the_last_is_only_reported_when_every_parameter_is_valid(client, partners):
    response = client.get("/api/v1/partners/", {"page": "9", "lang": "xx"})

    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["lang"]


def test_an_unknown_api_address_is_not_found(client, partners):
    assert client.get("/api/v1/nothing/").status_code == 404
