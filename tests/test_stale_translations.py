"""A translation goes stale when its Polish source changes, by any path that saves texts."""

import json

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.translation import override

from directory.data.announcement import FIXTURE_PATH
from directory.models import FocusArea, Partner, StaleTranslation


def stale_marks():
    """{(field, language): previous Polish text} of every stale translation."""
    return {
        (row.field, row.language): row.previous_source for row in StaleTranslation.objects.all()
    }


def test_changing_polish_marks_every_existing_translation_of_that_field(make_partner):
    partner = make_partner(name_pl="Fundacja", name_en="Foundation", city_pl="Łódź", city_en="")
    partner.name_pl = "Fundacja Dzieci"
    partner.city_pl = "Kraków"
    partner.save()
    # The city had no English text: it is missing, not stale.
    assert stale_marks() == {("name", "en"): "Fundacja"}


def test_changing_polish_and_its_translation_together_marks_nothing(make_partner):
    partner = make_partner(name_pl="Fundacja", name_en="Foundation")
    partner.name_pl = "Fundacja Dzieci"
    partner.name_en = "Children's Foundation"
    partner.save()
    assert stale_marks() == {}


def test_saving_the_translation_clears_the_mark(make_partner):
    partner = make_partner(name_pl="Fundacja", name_en="Foundation")
    partner.name_pl = "Fundacja Dzieci"
    partner.save()
    partner.name_en = "Children's Foundation"
    partner.save()
    assert stale_marks() == {}


def test_a_second_change_keeps_the_text_the_translation_was_made_from(make_partner):
    partner = make_partner(name_pl="Fundacja", name_en="Foundation")
    for name in ("Fundacja Dzieci", "Fundacja Dzieci i Młodzieży"):
        partner.name_pl = name
        partner.save()
    assert stale_marks() == {("name", "en"): "Fundacja"}
    partner.name_pl = "Fundacja"
    partner.save()
    assert stale_marks() == {}


def test_saves_that_leave_the_polish_text_alone_mark_nothing(make_partner, make_focus_area):
    partner = make_partner(name_pl="Fundacja", name_en="Foundation")
    partner.founding_year = 2001
    partner.save()
    partner.name_pl = "Fundacja Dzieci"
    partner.save(update_fields=["founding_year"])
    area = make_focus_area(name_pl="Dzieci", name_en="Children")
    area.position = 9
    area.save()
    assert stale_marks() == {}


def test_focus_areas_are_tracked_too(make_focus_area):
    area = make_focus_area(description_pl="Opis.", description_en="Description.")
    area.description_pl = "Nowy opis."
    area.save()
    [mark] = StaleTranslation.objects.all()
    assert (mark.content_type.model_class(), mark.object_id) == (FocusArea, area.pk)


def test_deleting_a_row_deletes_its_marks(make_partner):
    partner = make_partner(name_pl="Fundacja", name_en="Foundation")
    partner.name_pl = "Fundacja Dzieci"
    partner.save()
    partner.delete()
    assert not StaleTranslation.objects.exists()


def test_loading_the_shipped_fixture_marks_nothing(db):
    call_command("loaddata", "partners", verbosity=0)
    call_command("loaddata", "partners", verbosity=0)
    assert Partner.objects.count() == 9
    assert not StaleTranslation.objects.exists()


def test_loaddata_over_changed_polish_text_marks_the_translation(shipped_directory, tmp_path):
    objects = json.loads(FIXTURE_PATH.read_text(encoding="utf-8"))
    [gifct] = [o for o in objects if o["fields"]["slug"] == "gifct"]
    old_mission = gifct["fields"]["mission_pl"]
    gifct["fields"]["mission_pl"] = "Nowy opis misji."
    edited = tmp_path / "edited.json"
    edited.write_text(json.dumps(objects, ensure_ascii=False), encoding="utf-8")

    call_command("loaddata", str(edited), verbosity=0)

    assert stale_marks() == {("mission", "en"): old_mission}
    assert StaleTranslation.objects.get().object_id == Partner.objects.get(slug="gifct").pk
    # Loading the shipped text again restores what the translation was made from.
    call_command("loaddata", "partners", verbosity=0)
    assert stale_marks() == {}


def test_public_pages_never_read_the_stale_marks(client, shipped_directory):
    partner = Partner.objects.get(slug="gifct")
    partner.name_pl = "GIFCT, nowa nazwa"
    partner.save()
    assert StaleTranslation.objects.exists()
    for language in ("pl", "en"):
        with override(language):
            pages = [
                reverse("directory:partner-list"),
                reverse("directory:partner-detail", kwargs={"slug": "gifct"}),
                reverse("directory:focus-area-detail", kwargs={"slug": "missing-children"}),
            ]
        for page in pages:
            with CaptureQueriesContext(connection) as queries:
                assert client.get(page).status_code == 200
            assert not [q for q in queries if StaleTranslation._meta.db_table in q["sql"]], page


@pytest.mark.parametrize("language", ["pl", "en"])
def test_a_stale_translation_is_still_shown_until_reviewed(client, make_partner, language):
    partner = make_partner(slug="fundacja", name_pl="Fundacja", name_en="Foundation")
    partner.name_pl = "Fundacja Dzieci"
    partner.save()
    with override(language):
        page = client.get(reverse("directory:partner-detail", kwargs={"slug": "fundacja"}))
    expected = {"pl": "Fundacja Dzieci", "en": "Foundation"}[language]
    assert expected in page.content.decode()
