"""Names sort in the order of the page's language, on SQLite and PostgreSQL alike."""

import pytest
from django.db import connection
from django.urls import reverse
from django.utils.translation import override

from directory.models import Partner
from directory.text import collation_key

POLISH_ORDER = [
    "Aaa",
    "Ac",
    "Ąb",
    "Cyfrowa Polska",
    "Ćma",
    "Lublin",
    "Łódź",
    "Mazury",
    "Szczecin",
    "Ślęża",
    "Tech",
    "Tech Coalition",
    "Zabrze",
    "Źródło",
    "Żywiec",
]


def test_collation_key_puts_polish_letters_after_their_base_letters():
    shuffled = sorted(POLISH_ORDER, key=lambda name: name[::-1])
    assert sorted(shuffled, key=lambda name: collation_key(name, "pl")) == POLISH_ORDER


def test_english_order_treats_accents_as_their_base_letters():
    names = ["Zebra", "Łódź", "Lublin", "Ćma", "Cyfrowa", "Mazury"]
    assert sorted(names, key=lambda name: collation_key(name, "en")) == [
        "Ćma",
        "Cyfrowa",
        "Łódź",
        "Lublin",
        "Mazury",
        "Zebra",
    ]


def test_collation_key_uses_only_characters_every_collation_orders_alike():
    assert set(collation_key("Żółć gęślą jaźń — 2024!", "pl")) <= set("0123456789abcdef")


@pytest.mark.parametrize("language", ["pl", "en"])
def test_list_sorts_names_in_the_pages_language(client, make_partner, language):
    for name in reversed(POLISH_ORDER):
        make_partner(name_pl=name, name_en="")
    with override(language):
        response = client.get(reverse("directory:partner-list"), {"sort": "name"})
    names = [partner.name_pl for partner in response.context["partners"]]
    assert names == sorted(POLISH_ORDER, key=lambda name: collation_key(name, language))
    descending = client.get(response.request["PATH_INFO"], {"sort": "-name"})
    assert [p.name_pl for p in descending.context["partners"]] == list(reversed(names))


def test_partner_without_english_name_keeps_its_place_in_english_order(client, make_partner):
    make_partner(name_pl="Bravo", name_en="Bravo")
    make_partner(name_pl="Alfa", name_en="")
    make_partner(name_pl="Zulu", name_en="Charlie")
    with override("en"):
        response = client.get(reverse("directory:partner-list"))
        names = [p.name for p in response.context["partners"]]
    assert names == ["Alfa", "Bravo", "Charlie"]


def test_renaming_a_partner_moves_it(make_partner):
    partner = make_partner(name_pl="Zeta")
    make_partner(name_pl="Mu")
    partner.name_pl = "Alfa"
    partner.save()
    with override("pl"):
        assert list(Partner.objects.order_by_name().values_list("name_pl", flat=True)) == [
            "Alfa",
            "Mu",
        ]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="compares with PostgreSQL's ICU")
def test_polish_order_agrees_with_icu(db):
    values = ", ".join("(%s)" for _ in POLISH_ORDER)
    with connection.cursor() as cursor:
        cursor.execute(
            f'SELECT name FROM (VALUES {values}) AS names(name) ORDER BY name COLLATE "pl-x-icu"',
            POLISH_ORDER,
        )
        icu_order = [row[0] for row in cursor.fetchall()]
    assert sorted(POLISH_ORDER, key=lambda name: collation_key(name, "pl")) == icu_order
