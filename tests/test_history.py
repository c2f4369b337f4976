"""Every create, change and delete of a partner or focus area is recorded, and can be
reverted or restored from the admin."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone, translation

from directory.models import FocusArea, Partner
from tests.test_roles import partner_form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_superuser("boss", "boss@example.org", "pass")


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def edit(client, partner, **changes):
    response = client.post(
        reverse("admin:directory_partner_change", args=[partner.pk]),
        partner_form_data(partner, **changes),
    )
    assert response.status_code == 302, response.context["adminform"].form.errors


def test_an_admin_change_records_who_when_and_every_languages_old_and_new_value(
    editor_client, editor, make_partner
):
    partner = make_partner(name_pl="Fundacja", name_en="Foundation")
    before = timezone.now()
    edit(editor_client, partner, name_pl="Fundacja Nowa", name_en="New Foundation")
    after = timezone.now()
    latest, previous = partner.history.all()[:2]
    assert latest.history_type == "~"
    assert latest.history_user == editor
    assert before <= latest.history_date <= after
    changes = {
        change.field: (change.old, change.new) for change in latest.diff_against(previous).changes
    }
    assert changes["name_pl"] == ("Fundacja", "Fundacja Nowa")
    assert changes["name_en"] == ("Foundation", "New Foundation")


def test_create_and_delete_are_recorded(editor_client, editor, make_focus_area):
    add = editor_client.post(
        reverse("admin:directory_focusarea_add"),
        {"name_pl": "Dzieci", "name_en": "Children", "slug": "", "position": 1},
    )
    assert add.status_code == 302
    area = FocusArea.objects.get(slug="dzieci")
    editor_client.post(reverse("admin:directory_focusarea_delete", args=[area.pk]), {"post": "yes"})
    records = FocusArea.history.filter(id=area.pk).order_by("history_date")
    assert [(r.history_type, r.history_user) for r in records] == [("+", editor), ("-", editor)]
    assert records.last().name_en == "Children"


def test_history_page_lists_the_changes_by_language(editor_client, make_partner):
    partner = make_partner(name_pl="Fundacja", name_en="Foundation")
    edit(editor_client, partner, name_en="New Foundation")
    response = editor_client.get(reverse("admin:directory_partner_history", args=[partner.pk]))
    assert response.status_code == 200
    changes = response.context["page_obj"].object_list[0].history_delta_changes
    # Only the column that changed, named with its language; derived columns are left out.
    [change] = changes
    assert "[en]" in change["field"]
    assert (change["old"], change["new"]) == ("Foundation", "New Foundation")
    assert "New Foundation" in response.content.decode()


def test_reverting_to_a_version_brings_back_every_language_and_the_focus_areas(
    editor_client, make_partner, make_focus_area
):
    area = make_focus_area()
    partner = make_partner(name_pl="Fundacja", name_en="Foundation", focus_areas=[area])
    # make_partner sets the focus areas after the first save: this is the version to revert to.
    partner.save()
    first = partner.history.first()
    edit(editor_client, partner, name_pl="Zmiana", name_en="Change", focus_areas=[])
    form_url = reverse("admin:directory_partner_simple_history", args=[partner.pk, first.pk])
    page = editor_client.get(form_url)
    assert page.status_code == 200
    assert page.context["adminform"].form.initial["name_en"] == "Foundation"
    edit_data = partner_form_data(first.instance, focus_areas=[area.pk])
    response = editor_client.post(form_url, edit_data)
    assert response.status_code == 302
    partner.refresh_from_db()
    assert (partner.name_pl, partner.name_en) == ("Fundacja", "Foundation")
    assert list(partner.focus_areas.all()) == [area]


def test_a_deleted_partner_is_listed_and_restored_with_its_focus_areas(
    editor_client, editor, make_partner, make_focus_area
):
    area = make_focus_area()
    partner = make_partner(name_pl="Usunięta", name_en="Deleted", focus_areas=[area])
    partner.save()
    pk = partner.pk
    editor_client.post(reverse("admin:directory_partner_delete", args=[pk]), {"post": "yes"})
    assert not Partner.objects.filter(pk=pk).exists()
    with translation.override("pl"):
        listing = editor_client.get(reverse("admin:directory_partner_deleted"))
    [record] = listing.context["records"]
    assert "Usunięta" in listing.content.decode()
    response = editor_client.post(reverse("admin:directory_partner_restore", args=[record.pk]))
    assert response.status_code == 302
    restored = Partner.objects.get(pk=pk)
    assert (restored.name_pl, restored.name_en) == ("Usunięta", "Deleted")
    assert list(restored.focus_areas.all()) == [area]
    assert restored.history.first().history_user == editor
    listing = editor_client.get(reverse("admin:directory_partner_deleted"))
    assert list(listing.context["records"]) == []


def test_restoring_onto_a_taken_slug_explains_and_keeps_both(editor_client, make_partner):
    partner = make_partner(slug="fundacja")
    partner.delete()
    record = Partner.history.filter(history_type="-").get()
    newcomer = make_partner(slug="fundacja")
    with translation.override("en"):
        restore = reverse("admin:directory_partner_restore", args=[record.pk])
    response = editor_client.post(restore, follow=True)
    assert response.status_code == 200
    assert "another entry now has its slug “fundacja”" in response.content.decode()
    assert list(Partner.objects.all()) == [newcomer]


def test_translators_see_the_history_but_cannot_revert_or_restore(
    client, django_user_model, make_partner
):
    user = django_user_model.objects.create_user("tr", password="pass", is_staff=True)
    user.groups.add(Group.objects.get(name="Translators"))
    client.force_login(user)
    partner = make_partner(name_pl="Fundacja")
    first = partner.history.first()
    history = client.get(reverse("admin:directory_partner_history", args=[partner.pk]))
    assert history.status_code == 200
    form_url = reverse("admin:directory_partner_simple_history", args=[partner.pk, first.pk])
    assert form_url not in history.content.decode()
    assert client.post(form_url, partner_form_data(partner, name_pl="Hacked")).status_code == 403
    partner.refresh_from_db()
    assert partner.name_pl == "Fundacja"
    partner.delete()
    record = Partner.history.filter(history_type="-").get()
    restore = reverse("admin:directory_partner_restore", args=[record.pk])
    assert client.post(restore).status_code == 403
    assert not Partner.objects.exists()
