"""Editors and Translators: what each may change in the admin, enforced on the server."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from directory.models import FocusArea, Partner

pytestmark = pytest.mark.django_db


def partner_form_data(partner, **changes):
    data = {
        "name_pl": partner.name_pl,
        "name_en": partner.name_en,
        "slug": partner.slug,
        "abbreviation": partner.abbreviation,
        "mission_pl": partner.mission_pl,
        "mission_en": partner.mission_en,
        "founding_year": partner.founding_year,
        "founding_note_pl": "",
        "founding_note_en": "",
        "organization_type": partner.organization_type,
        "website": "",
        "country": "",
        "city_pl": "",
        "city_en": "",
        "sources": "",
        "focus_areas": [],
        "_save": "Save",
    }
    if partner.is_published:
        data["is_published"] = "on"
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def change_url(obj):
    return reverse(f"admin:directory_{obj._meta.model_name}_change", args=[obj.pk])


def test_the_migration_creates_both_groups():
    assert set(Group.objects.values_list("name", flat=True)) >= {"Editors", "Translators"}


def test_editors_add_change_and_publish_partners(member_of, make_partner):
    editor = member_of("Editors")
    partner = make_partner(is_published=False, name_pl="Stara nazwa")
    response = editor.post(
        change_url(partner), partner_form_data(partner, name_pl="Nowa nazwa", is_published="on")
    )
    assert response.status_code == 302
    partner.refresh_from_db()
    assert partner.name_pl == "Nowa nazwa"
    assert partner.is_published
    assert editor.get(reverse("admin:directory_partner_add")).status_code == 200
    assert editor.get(reverse("admin:directory_focusarea_add")).status_code == 200


def test_editors_cannot_delete_or_manage_users(member_of, make_partner, make_focus_area):
    editor = member_of("Editors")
    partner = make_partner()
    area = make_focus_area()
    delete_partner = reverse("admin:directory_partner_delete", args=[partner.pk])
    assert editor.post(delete_partner, {"post": "yes"}).status_code == 403
    delete_area = reverse("admin:directory_focusarea_delete", args=[area.pk])
    assert editor.post(delete_area, {"post": "yes"}).status_code == 403
    assert Partner.objects.filter(pk=partner.pk).exists()
    assert FocusArea.objects.filter(pk=area.pk).exists()
    assert editor.get(reverse("admin:auth_user_changelist")).status_code == 403
    assert editor.get(reverse("admin:auth_group_changelist")).status_code == 403


def test_translators_change_only_the_other_languages(member_of, make_partner):
    translator = member_of("Translators")
    partner = make_partner(name_pl="Fundacja", name_en="Old", founding_year=2001)
    response = translator.post(
        change_url(partner),
        partner_form_data(
            partner,
            name_pl="Podmieniona",
            name_en="Foundation",
            mission_pl="Inna misja.",
            founding_year=1999,
            slug="hijacked",
        ),
    )
    assert response.status_code == 302
    partner.refresh_from_db()
    assert partner.name_en == "Foundation"
    assert (partner.name_pl, partner.founding_year) == ("Fundacja", 2001)
    assert partner.mission_pl.startswith("Misja organizacji")
    assert partner.slug != "hijacked"


def test_translators_cannot_publish_or_unpublish(member_of, make_partner):
    translator = member_of("Translators")
    draft = make_partner(is_published=False)
    translator.post(change_url(draft), partner_form_data(draft, is_published="on"))
    draft.refresh_from_db()
    assert not draft.is_published
    published = make_partner(is_published=True)
    data = partner_form_data(published)
    del data["is_published"]
    translator.post(change_url(published), data)
    published.refresh_from_db()
    assert published.is_published


def test_translators_form_offers_only_translation_fields(member_of, make_partner):
    translator = member_of("Translators")
    partner = make_partner()
    form = translator.get(change_url(partner)).context["adminform"].form
    assert set(form.fields) == {"name_en", "mission_en", "founding_note_en", "city_en"}


def test_translators_cannot_add_delete_or_reorder(member_of, make_partner, make_focus_area):
    translator = member_of("Translators")
    assert translator.get(reverse("admin:directory_partner_add")).status_code == 403
    partner = make_partner()
    delete = reverse("admin:directory_partner_delete", args=[partner.pk])
    assert translator.post(delete, {"post": "yes"}).status_code == 403
    area = make_focus_area(position=3)
    changelist = reverse("admin:directory_focusarea_changelist")
    assert translator.get(changelist).context["cl"].formset is None
    translator.post(
        changelist,
        {
            "form-TOTAL_FORMS": "1",
            "form-INITIAL_FORMS": "1",
            "form-0-id": area.pk,
            "form-0-position": "99",
            "_save": "Save",
        },
    )
    area.refresh_from_db()
    assert area.position == 3


def test_translators_edit_a_focus_areas_english_text_only(member_of, make_focus_area):
    translator = member_of("Translators")
    area = make_focus_area(name_pl="Obszar", name_en="Area")
    response = translator.post(
        change_url(area),
        {"name_pl": "Zmieniony", "name_en": "Field", "description_en": "", "position": 9},
    )
    assert response.status_code == 302
    area.refresh_from_db()
    assert (area.name_pl, area.name_en) == ("Obszar", "Field")
