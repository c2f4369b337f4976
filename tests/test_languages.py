"""Every page in every language: switcher, alternates, canonical address, fallback."""

import re

import pytest
from django.urls import translate_url
from django.utils.translation import override

from directory.public.context_processors import translator
from tests.public_urls import url


def switcher_links(html):
    nav = re.search(r'<nav class="language-switcher".*?</nav>', html, re.S).group(0)
    return dict(re.findall(r'<a href="([^"]+)" hreflang="(\w+)"', nav)[i][::-1] for i in range(2))


def test_switching_language_keeps_filters_and_page(client, shipped_directory):
    address = url("partner-list", "pl") + "?focus=missing-children&sort=-founded&q=dziecko"
    links = switcher_links(client.get(address).content.decode())
    # In the canonical order of the list's parameters.
    canonical = "?q=dziecko&amp;focus=missing-children&amp;sort=-founded"
    assert links["en"] == url("partner-list", "en") + canonical
    assert links["pl"] == url("partner-list", "pl") + canonical


def test_switching_language_on_a_partner_page_keeps_the_partner(client, shipped_directory):
    links = switcher_links(client.get(url("partner-detail", "en", slug="gifct")).content.decode())
    assert links["pl"] == url("partner-detail", "pl", slug="gifct")


def test_every_page_has_hreflang_alternates_and_a_canonical_link(client, shipped_directory):
    # Redirected to the canonical query, which keeps what changes the page and drops the rest.
    query = "?type=charity&utm_source=mail&page=1"
    html = client.get(url("partner-list", "en") + query, follow=True).content.decode()
    polish = f"https://partners.example.org{url('partner-list', 'pl')}"
    english = f"https://partners.example.org{url('partner-list', 'en')}"
    assert f'<link rel="alternate" hreflang="pl" href="{polish}?type=charity">' in html
    assert f'<link rel="alternate" hreflang="en" href="{english}?type=charity">' in html
    assert f'<link rel="alternate" hreflang="x-default" href="{polish}?type=charity">' in html
    assert f'<link rel="canonical" href="{english}?type=charity">' in html


def test_content_shown_in_the_fallback_language_is_marked_as_polish(client, make_partner):
    partner = make_partner(
        name_pl="Fundacja Żółta",
        name_en="Yellow Foundation",
        mission_en="",
        city_pl="Łódź",
        city_en="",
    )
    html = client.get(url("partner-detail", "en", slug=partner.slug)).content.decode()
    assert f'<p class="mission-full" lang="pl">{partner.mission_pl}</p>' in html
    assert '<h1 lang="en">Yellow Foundation' in html
    assert '<span lang="pl">Łódź</span>' in html
    assert "not fully translated yet" in html


def test_fully_translated_partner_has_no_fallback_notice(client, make_partner):
    partner = make_partner()
    html = client.get(url("partner-detail", "en", slug=partner.slug)).content.decode()
    assert "not fully translated yet" not in html
    assert 'lang="pl"' not in html.split("<main", 1)[1].split("</main>")[0]


def test_polish_pages_are_in_polish(client, shipped_directory):
    html = client.get(url("partner-detail", "pl", slug="gifct")).content.decode()
    assert '<html lang="pl">' in html
    assert "Misja" in html
    assert "Formalnie utworzone w lipcu 2017" in html


@pytest.mark.parametrize(
    ("count", "heading"),
    [(1, "1 partner"), (3, "3 partnerzy"), (5, "5 partnerów"), (22, "22 partnerzy")],
)
def test_polish_counts_take_the_plural_form_of_their_number(client, make_partner, count, heading):
    for _ in range(count):
        make_partner()
    html = client.get(url("partner-list", "pl")).content.decode()
    assert re.search(rf'<h2 id="results-heading">{heading}\b', html)


@pytest.mark.parametrize(
    "address",
    [
        "/en/partners/?type=nonprofit&focus=a&focus=b",
        "/pl/partnerzy/gifct/",
        "/en/focus-areas/missing-children/?page=2",
        "/en/about/",
        "/pl/",
        "/en/no-such-page/",
        "/de/partners/",
        "/en/partners/%C5%82%C3%B3d%C5%BA/",
    ],
)
@pytest.mark.parametrize("active", ["pl", "en"])
def test_the_switcher_translates_an_address_as_django_does(address, active):
    with override(active):
        translate = translator(address)
        for language in ("pl", "en"):
            assert translate(language) == translate_url(address, language)
