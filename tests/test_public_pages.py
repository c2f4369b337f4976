"""The public pages: every page type, in both languages, with the errors visitors can cause."""

import re

import pytest
from django.utils.html import escape

from directory.models import Partner
from tests.public_urls import url

LANGUAGES = ["pl", "en"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_type_exists_in_both_languages(client, shipped_directory, language):
    pages = [
        url("home", language),
        url("partner-list", language),
        url("partner-detail", language, slug="gifct"),
        url("focus-area-detail", language, slug="missing-children"),
        url("about", language),
    ]
    for address in pages:
        response = client.get(address)
        assert response.status_code == 200, address
        html = response.content.decode()
        assert f'<html lang="{language}">' in html
        assert html.count("<h1") == 1, address


def test_home_shows_focus_areas_with_counts_and_a_timeline(client, shipped_directory):
    html = client.get(url("home", "en")).content.decode()
    assert "Missing children" in html
    assert re.search(
        r"Child sexual exploitation and abuse</a>\s*<span class=\"count\">4 partners", html
    )
    years = re.findall(r'<time datetime="(\d{4})">', html)
    assert years == ["1984", "1996", "2006", "2008", "2016", "2017", "2019", "2021"]
    assert "National Center for Missing &amp; Exploited Children" in html


def test_partner_page_shows_every_fact(client, shipped_directory):
    html = client.get(url("partner-detail", "en", slug="ncmec")).content.decode()
    partner = Partner.objects.get(slug="ncmec")
    assert escape(partner.mission_en) in html
    assert "1984" in html and "Opened on 13 June 1984" in html
    assert "Non-profit organization" in html
    assert "Alexandria, Virginia" in html and "United States" in html
    assert 'href="https://www.missingkids.org"' in html
    assert f"{url('partner-list', 'en')}?focus=missing-children" in html
    for source in partner.sources:
        if source.startswith("https://"):
            assert f'href="{source}"' in html
    assert "Last updated" in html


def test_unverified_headquarters_are_shown_as_unknown(client, shipped_directory):
    html = client.get(url("partner-detail", "en", slug="tech-coalition")).content.decode()
    assert "Not verified in the sources yet." in html


def test_focus_area_page_lists_its_partners(client, shipped_directory):
    response = client.get(url("focus-area-detail", "pl", slug="missing-children"))
    assert [p.slug for p in response.context["partners"]] == ["ncmec"]
    assert "Pomoc w odnajdywaniu zaginionych dzieci" in response.content.decode()


def test_about_page_quotes_the_announcement_with_its_publisher(client):
    html = client.get(url("about", "en")).content.decode()
    assert (
        '<blockquote lang="pl" cite="https://www.zoom.com/pl/about/collaboration-with-global-organizations/">'
        in html
    )
    assert "Zoom Video Communications" in html
    assert "niestrudzenie pracujemy" in html
    assert "mailto:" in html


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(
    ("name", "slug"), [("partner-detail", "no-such-partner"), ("focus-area-detail", "no-such-area")]
)
def test_unknown_partner_or_focus_area_is_a_translated_404(client, db, language, name, slug):
    response = client.get(url(name, language, slug=slug))
    assert response.status_code == 404
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert ("Nie znaleziono strony" if language == "pl" else "Page not found") in html


def test_drafts_are_invisible_to_visitors(client, make_partner, make_focus_area):
    area = make_focus_area(slug="area")
    make_partner(name_pl="Widoczna", focus_areas=[area])
    draft = make_partner(
        name_pl="Szkic tajny", focus_areas=[area], is_published=False, founding_year=1901
    )
    assert client.get(url("partner-detail", "pl", slug=draft.slug)).status_code == 404
    for address in [
        url("home", "pl"),
        url("partner-list", "pl"),
        url("focus-area-detail", "pl", slug="area"),
        url("partner-list", "pl") + "?q=tajny",
    ]:
        html = client.get(address).content.decode()
        assert "Szkic" not in html and "1901" not in html, address
    listing = client.get(url("partner-list", "pl"))
    assert listing.context["page_obj"].paginator.count == 1
    assert {a.slug: n for a, n in listing.context["focus_options"]} == {"area": 1}


def test_root_sends_visitors_to_the_language_their_browser_prefers(client, db):
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9").url == "/en/"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="pl-PL,pl;q=0.9").url == "/pl/"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="de-DE").url == "/pl/"


def test_a_large_directory_shows_counts_per_year_on_the_timeline(client, make_partner):
    for number in range(61):
        make_partner(founding_year=2000 + number % 3)
    html = client.get(url("home", "en")).content.decode()
    assert re.findall(r'<time datetime="(\d{4})">', html) == ["2000", "2001", "2002"]
    assert (
        f'{url("partner-list", "en")}?founded_from=2000&amp;founded_to=2000">21 partners</a>'
        in html
    )
