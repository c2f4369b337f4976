"""Stale translations and the translation status in the admin."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import override

from directory.models import FocusArea, Partner, StaleTranslation
from tests.admin_forms import admin_form_data, admin_url


@pytest.fixture
def stale_partner(make_partner):
    partner = make_partner(
        slug="fundacja", name_pl="Fundacja", name_en="Foundation", mission_en="Mission."
    )
    partner.name_pl = "Fundacja Dzieci"
    partner.save()
    return partner


def test_partner_list_has_a_column_and_a_filter_for_stale_translations(
    staff_client, stale_partner, make_partner
):
    make_partner(slug="inna")
    url = admin_url("partner_changelist")
    html = staff_client.get(url).content.decode()
    assert '<td class="field-stale_translations">en: 1</td>' in html
    assert html.count('<td class="field-stale_translations">-</td>') == 1
    stale = staff_client.get(url, {"translations": "stale"}).context["cl"].result_list
    current = staff_client.get(url, {"translations": "current"}).context["cl"].result_list
    assert [p.slug for p in stale] == ["fundacja"]
    assert [p.slug for p in current] == ["inna"]


def test_focus_area_list_shows_stale_translations(staff_client, make_focus_area):
    area = make_focus_area(description_pl="Opis.", description_en="Description.")
    area.description_pl = "Nowy opis."
    area.save()
    html = staff_client.get(admin_url("focusarea_changelist")).content.decode()
    assert '<td class="field-stale_translations">en: 1</td>' in html


def test_change_form_marks_the_stale_field_in_its_language_tab(staff_client, stale_partner):
    response = staff_client.get(admin_url("partner_change", stale_partner.pk))
    form = response.context["adminform"].form
    assert "needs review" in str(form.fields["name_en"].label)
    assert "Needs review:" in form.fields["name_en"].help_text
    assert '<q lang="pl">Fundacja</q>' in form.fields["name_en"].help_text
    assert "Needs review" not in (form.fields["mission_en"].help_text or "")
    html = response.content.decode()
    # The note sits in the English field's row, which the tabs show under "en".
    row = html.split('class="form-row field-name_en')[1].split('class="form-row')[0]
    assert "Needs review:" in row
    assert "Translations to review" in html


def test_a_translator_confirms_a_translation_that_still_fits(staff_client, stale_partner):
    url = admin_url("partner_change", stale_partner.pk)
    data = admin_form_data(staff_client.get(url), confirm_translations=["name:en"])
    assert staff_client.post(url, data).status_code == 302
    assert not StaleTranslation.objects.exists()
    assert Partner.objects.get().name_en == "Foundation"


def test_saving_the_form_without_confirming_keeps_the_mark(staff_client, stale_partner):
    url = admin_url("partner_change", stale_partner.pk)
    assert staff_client.post(url, admin_form_data(staff_client.get(url))).status_code == 302
    assert StaleTranslation.objects.count() == 1


def test_a_translator_updating_the_translation_clears_the_mark(staff_client, stale_partner):
    url = admin_url("partner_change", stale_partner.pk)
    data = admin_form_data(staff_client.get(url), name_en="Children's Foundation")
    assert staff_client.post(url, data).status_code == 302
    assert not StaleTranslation.objects.exists()
    html = staff_client.get(url).content.decode()
    assert "Translations to review" not in html


def test_focus_area_change_form_offers_the_confirmation_too(staff_client, make_focus_area):
    area = make_focus_area(name_pl="Dzieci", name_en="Children")
    area.name_pl = "Dzieci i młodzież"
    area.save()
    url = admin_url("focusarea_change", area.pk)
    response = staff_client.get(url)
    assert "confirm_translations" in response.context["adminform"].form.fields
    data = admin_form_data(response, confirm_translations=["name:en"])
    assert staff_client.post(url, data).status_code == 302
    assert not StaleTranslation.objects.exists()
    assert FocusArea.objects.get().name_en == "Children"


def test_an_address_by_slug_leads_to_the_change_page(staff_client, make_partner):
    partner = make_partner(slug="fundacja")
    url = admin_url("partner_by_slug", "fundacja")
    response = staff_client.get(url)
    assert response.url == admin_url("partner_change", partner.pk)
    assert staff_client.get(admin_url("partner_by_slug", "nie-ma")).status_code == 404
    assert "/login/" in Client().get(url).url


@pytest.mark.parametrize("language", ["pl", "en"])
def test_admin_index_links_to_the_translation_status(staff_client, language):
    with override(language):
        index = reverse("admin:index")
    html = staff_client.get(index).content.decode()
    assert f'<a href="{admin_url("translation_status", language=language)}">' in html


def test_translation_status_page_shows_the_commands_figures(staff_client, stale_partner):
    response = staff_client.get(admin_url("translation_status"))
    assert response.status_code == 200
    html = response.content.decode()
    content = html.split('id="content-status"')[1].split("</table>")[0]
    english = content.split('data-language="en"')[1].split("</tr>")[0]
    # translated (mission), stale (name), missing, coverage
    assert re.findall(r"<td>([^<]*)</td>", english) == ["1", "1", "0", "50%"]
    interface = html.split('id="interface-status"')[1].split("</table>")[0]
    assert 'data-language="pl"' in interface and 'data-language="en"' in interface
    assert escape("?translations=stale") in html


def test_translation_status_page_is_for_staff_only(client, django_user_model):
    url = admin_url("translation_status")
    assert "/login/" in client.get(url).url
    user = django_user_model.objects.create_user("visitor", password="pass", is_staff=True)
    client.force_login(user)
    assert client.get(url).status_code == 404
