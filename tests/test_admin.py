import re

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse
from django.utils.translation import override

from directory.models import Partner


def admin_url(name, *args, language="pl"):
    with override(language):
        return reverse(f"admin:directory_{name}", args=args)


@pytest.mark.parametrize("language", ["pl", "en"])
def test_partner_list_shows_languages_each_partner_is_translated_into(
    staff_client, make_partner, language
):
    make_partner(name_pl="Pełna fundacja", name_en="Full foundation")
    make_partner(name_pl="Tylko polska", name_en="", mission_en="")
    response = staff_client.get(admin_url("partner_changelist", language=language))
    assert response.status_code == 200
    rows = {
        row[0]: row[1]
        for row in re.findall(
            r'<a href="[^"]+/change/">([^<]+)</a>.*?<td class="field-languages">([^<]*)</td>',
            response.content.decode(),
            flags=re.S,
        )
    }
    assert rows["Tylko polska"] == "pl"
    full_name = "Pełna fundacja" if language == "pl" else "Full foundation"
    assert rows[full_name] == "pl, en"


def test_admin_speaks_polish_and_english(staff_client):
    polish = staff_client.get(admin_url("partner_changelist", language="pl"))
    english = staff_client.get(admin_url("partner_changelist", language="en"))
    assert "Wyloguj" in polish.content.decode()
    assert "Log out" not in polish.content.decode()
    assert "Log out" in english.content.decode()
    assert "Wyloguj" not in english.content.decode()


@pytest.mark.parametrize("term", ["Łódź", "lodz-mission", "Organizacja dla dzieci", "Kids org"])
def test_search_covers_every_languages_name_and_mission(staff_client, make_partner, term):
    make_partner(
        name_pl="Organizacja dla dzieci",
        name_en="Kids org",
        mission_pl="Działamy w mieście Łódź.",
        mission_en="We work in the lodz-mission city.",
    )
    make_partner(name_pl="Inna", name_en="Other")
    response = staff_client.get(admin_url("partner_changelist"), {"q": term})
    assert response.status_code == 200
    assert response.context["cl"].result_count == 1


def test_filters_by_focus_area_type_and_publication(staff_client, make_partner, make_focus_area):
    area = make_focus_area()
    make_partner(focus_areas=[area], organization_type="charity", is_published=False)
    make_partner(organization_type="charity")
    url = admin_url("partner_changelist")
    assert (
        staff_client.get(url, {"focus_areas__id__exact": area.pk}).context["cl"].result_count == 1
    )
    assert (
        staff_client.get(url, {"organization_type__exact": "charity"}).context["cl"].result_count
        == 2
    )
    assert staff_client.get(url, {"is_published__exact": "0"}).context["cl"].result_count == 1


def valid_partner_form(**overrides):
    data = {
        "name_pl": "Fundacja Łódź",
        "name_en": "",
        "slug": "",
        "abbreviation": "",
        "is_published": "on",
        "mission_pl": "Misja fundacji.",
        "mission_en": "",
        "organization_type": "charity",
        "founding_year": "1999",
        "founding_note_pl": "",
        "founding_note_en": "",
        "website": "https://example.org",
        "country": "PL",
        "city_pl": "Łódź",
        "city_en": "Lodz",
        "sources": "https://example.org/about\nRaport roczny 2010",
    }
    data.update(overrides)
    return data


def test_staff_add_a_partner_with_a_transliterated_slug(staff_client, make_focus_area):
    area = make_focus_area()
    response = staff_client.post(
        admin_url("partner_add"), valid_partner_form(focus_areas=[area.pk])
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    partner = Partner.objects.get()
    assert partner.slug == "fundacja-lodz"
    assert partner.sources == ["https://example.org/about", "Raport roczny 2010"]
    assert list(partner.focus_areas.all()) == [area]
    assert partner.name_en in ("", None)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("founding_year", "1700", "1800"),
        ("founding_year", "3000", "future"),
        ("founding_year", "dawno", "whole number"),
        ("name_pl", "", "required"),
        ("sources", "https://bad host/", "Line 1"),
        ("slug", "Łódź!", "slug"),
    ],
)
def test_bad_input_gets_a_clear_error_and_saves_nothing(staff_client, field, value, message):
    response = staff_client.post(
        admin_url("partner_add", language="en"), valid_partner_form(**{field: value})
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert field in errors
    assert message.lower() in " ".join(errors[field]).lower()
    assert not Partner.objects.exists()


def test_change_page_shows_one_field_per_language_and_saves(staff_client, make_partner):
    partner = make_partner(name_pl="Stara nazwa")
    url = admin_url("partner_change", partner.pk)
    page = staff_client.get(url).content.decode()
    for column in ("name_pl", "name_en", "mission_pl", "mission_en", "city_pl", "city_en"):
        assert f'name="{column}"' in page
    response = staff_client.post(url, valid_partner_form(name_pl="Nowa nazwa", slug=partner.slug))
    assert response.status_code == 302
    partner.refresh_from_db()
    assert partner.name_pl == "Nowa nazwa"
    assert partner.slug != ""


def test_change_page_loads_nothing_from_another_host(staff_client, make_partner):
    partner = make_partner()
    page = staff_client.get(admin_url("partner_change", partner.pk)).content.decode()
    addresses = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert addresses
    assert [a for a in addresses if a.startswith(("//", "http:", "https:"))] == []
    assert "/static/vendor/jquery-ui/jquery-ui.min.js" in addresses
    assert finders.find("vendor/jquery-ui/jquery-ui.min.js")


def test_focus_area_admin_pages(staff_client, make_focus_area):
    area = make_focus_area(name_pl="Wolność słowa", name_en="")
    changelist = staff_client.get(admin_url("focusarea_changelist"))
    assert changelist.status_code == 200
    assert "Wolność słowa" in changelist.content.decode()
    assert staff_client.get(admin_url("focusarea_change", area.pk)).status_code == 200
    assert staff_client.get(admin_url("focusarea_add")).status_code == 200
