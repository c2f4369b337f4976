"""The translators' workflow for partner content: export a catalog, translate it in a .po
editor, import it, see it on the site; a Polish edit flags the translation as stale, the next
export shows the difference, the next import clears it."""

import shutil
from io import StringIO

import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import override

from directory.models import FocusArea, Partner, StaleTranslation
from directory.translators.content_catalog import catalog_path
from directory.translators.content_import import (
    SKIP_FUZZY,
    SKIP_UNTRANSLATED,
    apply_plan,
    plan_import,
    read_entries,
)
from tests.admin_forms import admin_form_data, admin_url

NEW_MISSION_EN = "GIFCT brings technology companies together to keep terrorists off their services."
NEW_MISSION_PL = (
    "Globalne Forum Internetowe na rzecz Przeciwdziałania Terroryzmowi (GIFCT) łączy firmy "
    "technologiczne, by wspólnie zapobiegać wykorzystywaniu ich usług przez terrorystów."
)


@pytest.fixture
def locale_dir(tmp_path, settings):
    """A copy of locale/ that the test may write to; the interface keeps its translations."""
    copy = tmp_path / "locale"
    shutil.copytree(settings.BASE_DIR / "locale", copy)
    settings.LOCALE_PATHS = [copy]
    return copy


def run(*args):
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def export(language="en"):
    run("export_content_po", "--language", language)
    return polib.pofile(str(catalog_path(language)))


def entry(catalog, key):
    [found] = [item for item in catalog if item.msgctxt == key]
    return found


def page_url(name, language, **kwargs):
    with override(language):
        return reverse(f"directory:{name}", kwargs=kwargs or None)


def test_translators_round_trip(shipped_directory, locale_dir, staff_client, client):
    old_mission_pl = Partner.objects.get(slug="gifct").mission_pl

    # 1. Export the English catalog; translate one text in a .po editor.
    catalog = export("en")
    mission = entry(catalog, "partner/gifct/mission")
    assert mission.msgid == old_mission_pl
    mission.msgstr = NEW_MISSION_EN
    catalog.save()

    # 2. Import it: only that text changes.
    report = run("import_content_po", str(catalog_path("en")))
    assert "en: 1 applied, 0 confirmed, 44 unchanged, 0 skipped." in report
    assert "Applied partner/gifct/mission" in report

    # 3. The site shows it.
    page = client.get(page_url("partner-detail", "en", slug="gifct"))
    assert escape(NEW_MISSION_EN) in page.content.decode()

    # 4. An editor changes the Polish mission in the admin; the English one is now stale.
    change_url = admin_url("partner_change", Partner.objects.get(slug="gifct").pk)
    form_page = staff_client.get(change_url)
    response = staff_client.post(change_url, admin_form_data(form_page, mission_pl=NEW_MISSION_PL))
    assert response.status_code == 302
    stale = StaleTranslation.objects.get()
    assert (stale.field, stale.language, stale.previous_source) == (
        "mission",
        "en",
        old_mission_pl,
    )
    changelist = staff_client.get(admin_url("partner_changelist"), {"translations": "stale"})
    assert [partner.slug for partner in changelist.context["cl"].result_list] == ["gifct"]
    assert '<td class="field-stale_translations">en: 1</td>' in changelist.content.decode()
    form_html = staff_client.get(change_url).content.decode()
    assert "Needs review:" in form_html
    assert escape(old_mission_pl) in form_html

    # 5. The next export shows the difference: fuzzy, with the old Polish text after #|.
    catalog = export("en")
    mission = entry(catalog, "partner/gifct/mission")
    assert mission.fuzzy
    assert mission.msgid == NEW_MISSION_PL
    assert mission.previous_msgid == old_mission_pl
    assert mission.msgstr == NEW_MISSION_EN
    assert f'#| msgid "{old_mission_pl[:40]}' in catalog_path("en").read_text(encoding="utf-8")

    # 6. Importing it as it is changes nothing: the entry still needs review.
    report = run("import_content_po", str(catalog_path("en")))
    assert "0 applied" in report and "Skipped 1 (fuzzy" in report
    assert StaleTranslation.objects.count() == 1

    # 7. The translator updates the text and clears the fuzzy mark; the import clears it.
    mission.msgstr = "GIFCT helps technology companies stop terrorists from using their services."
    mission.fuzzy = False
    mission.previous_msgid = None
    catalog.save()
    report = run("import_content_po", str(catalog_path("en")))
    assert "en: 1 applied" in report
    assert not StaleTranslation.objects.exists()
    assert not entry(export("en"), "partner/gifct/mission").fuzzy
    page = client.get(page_url("partner-detail", "en", slug="gifct"))
    assert "GIFCT helps technology companies" in page.content.decode()
    assert "100%" in run("translation_status", "--fail-under", "100")


# Export ------------------------------------------------------------------------------------


def test_export_has_one_entry_per_translated_field_with_polish_text(shipped_directory, locale_dir):
    catalog = export("en")
    keys = [item.msgctxt for item in catalog]
    # 6 focus areas x 2 fields, 9 partners x 4 fields, less the 3 partners whose city the
    # sources could not verify (no Polish text, nothing to translate).
    assert len(keys) == 6 * 2 + 9 * 4 - 3 == len(set(keys))
    assert "partner/tech-coalition/city" not in keys
    partner = Partner.objects.get(slug="ncmec")
    city = entry(catalog, "partner/ncmec/city")
    assert (city.msgid, city.msgstr) == (partner.city_pl, partner.city_en)
    assert catalog.metadata["Language"] == "en"
    assert catalog.metadata["X-Source-Language"] == "pl"
    assert catalog.metadata["Plural-Forms"] == "nplurals=2; plural=(n != 1);"


def test_export_keys_name_model_slug_and_field_never_an_id(make_partner, locale_dir):
    partner = make_partner(slug="fundacja", name_pl="Fundacja", founding_note_pl="Rok pierwszy")
    catalog = export("en")
    assert sorted(item.msgctxt for item in catalog) == [
        "partner/fundacja/founding_note",
        "partner/fundacja/mission",
        "partner/fundacja/name",
    ]
    assert str(partner.pk) not in " ".join(item.msgctxt for item in catalog)


def test_export_tells_translators_what_each_field_is_and_where_to_edit_it(
    make_partner, locale_dir, staff_client
):
    make_partner(slug="fundacja", name_pl="Fundacja Łódź", founding_note_pl="Powstała w 1999 r.")
    note = entry(export("en"), "partner/fundacja/founding_note")
    assert 'partner "Fundacja Łódź" (fundacja): founding note' in note.comment
    assert "What happened that year" in note.comment
    assert "At most 300 characters." in note.comment
    [admin_line] = [line for line in note.comment.splitlines() if line.startswith("Admin: ")]
    response = staff_client.get(admin_line.removeprefix("Admin: "))
    assert response.status_code == 302
    assert response.url == admin_url("partner_change", Partner.objects.get().pk)


def test_export_without_a_language_writes_every_translation_language(make_partner, locale_dir):
    make_partner()
    (locale_dir / "en" / "LC_MESSAGES" / "content.po").unlink(missing_ok=True)
    output = run("export_content_po")
    assert "content.po" in output
    assert [path.parent.parent.name for path in locale_dir.glob("*/LC_MESSAGES/content.po")] == [
        "en"
    ]


@pytest.mark.parametrize(
    ("language", "message"), [("pl", "source language"), ("fr", "not a translation language")]
)
def test_export_refuses_the_source_language_and_unknown_ones(db, locale_dir, language, message):
    with pytest.raises(CommandError, match=message):
        run("export_content_po", "--language", language)
    assert not list(locale_dir.glob(f"{language}/*/content.po"))


def test_export_check_fails_when_the_committed_catalog_differs(make_partner, locale_dir):
    partner = make_partner()
    run("export_content_po")
    assert "current" in run("export_content_po", "--check")
    partner.name_en = "Another name"
    partner.save()
    with pytest.raises(CommandError, match="Not what the database exports"):
        run("export_content_po", "--check")


def test_committed_content_catalogs_equal_a_fresh_export_of_the_shipped_data(
    shipped_directory,
):
    # The committed locale/, not a copy: this is the CI gate, on both databases.
    assert "current" in run("export_content_po", "--check")


# Import ------------------------------------------------------------------------------------


@pytest.fixture
def translated_catalog(make_partner, make_focus_area, locale_dir):
    """Two rows exported to the English catalog."""
    area = make_focus_area(slug="dzieci", name_pl="Dzieci", name_en="", description_pl="Opis.")
    make_partner(
        slug="fundacja",
        name_pl="Fundacja",
        name_en="Foundation",
        mission_pl="Pomagamy.",
        mission_en="",
        focus_areas=[area],
    )
    export("en")
    return catalog_path("en")


def edit(path, **translations):
    """Type translations into a catalog, as a .po editor does: key=(msgstr, fuzzy)."""
    catalog = polib.pofile(str(path))
    for key, (msgstr, fuzzy) in translations.items():
        item = entry(catalog, key.replace("__", "/"))
        item.msgstr = msgstr
        item.fuzzy = fuzzy
    catalog.save()


def test_import_applies_translated_entries_and_reports_the_rest(translated_catalog):
    edit(
        translated_catalog,
        partner__fundacja__mission=("We help.", False),
        focusarea__dzieci__name=("Children", True),
    )
    report = run("import_content_po", str(translated_catalog))
    partner = Partner.objects.get()
    assert partner.mission_en == "We help."
    assert FocusArea.objects.get().name_en in ("", None)
    assert "Applied partner/fundacja/mission: (empty) -> We help." in report
    assert "Skipped 1 (fuzzy: marked for review in the file):\n  focusarea/dzieci/name" in report
    assert "Skipped 1 (not translated):\n  focusarea/dzieci/description" in report
    assert "en: 1 applied, 0 confirmed, 1 unchanged, 2 skipped." in report


def test_a_plan_says_what_each_entry_does_and_changes_nothing_until_applied(translated_catalog):
    edit(
        translated_catalog,
        partner__fundacja__mission=("We help.", False),
        focusarea__dzieci__name=("Children", True),
    )
    entries = read_entries(polib.pofile(str(translated_catalog)), "content.po")
    plan = plan_import("en", entries)
    assert plan.applied == [("partner/fundacja/mission", "", "We help.")]
    assert plan.unchanged == ["partner/fundacja/name"]
    assert plan.skipped == [
        ("focusarea/dzieci/name", SKIP_FUZZY),
        ("focusarea/dzieci/description", SKIP_UNTRANSLATED),
    ]
    assert (plan.confirmed, plan.problems) == ([], [])
    assert Partner.objects.get().mission_en in ("", None)

    apply_plan(plan, change_reason="Imported in a test")
    partner = Partner.objects.get()
    assert partner.mission_en == "We help."
    assert partner.history.first().history_change_reason == "Imported in a test"
    assert FocusArea.objects.get().name_en in ("", None)


def test_import_skips_entries_whose_polish_text_changed_since_the_export(translated_catalog):
    edit(translated_catalog, partner__fundacja__mission=("We help.", False))
    partner = Partner.objects.get()
    partner.mission_pl = "Pomagamy dzieciom."
    partner.save()
    report = run("import_content_po", str(translated_catalog))
    assert "the Polish text has changed since the file was exported" in report
    partner.refresh_from_db()
    assert partner.mission_en in ("", None)


def test_dry_run_shows_the_changes_and_makes_none(translated_catalog):
    edit(translated_catalog, partner__fundacja__mission=("We help.", False))
    report = run("import_content_po", str(translated_catalog), "--dry-run")
    assert "Would apply partner/fundacja/mission: (empty) -> We help." in report
    assert "Dry run: nothing was changed." in report
    assert Partner.objects.get().mission_en in ("", None)


def test_import_confirms_a_stale_translation_left_as_it_was(translated_catalog):
    partner = Partner.objects.get()
    partner.name_pl = "Fundacja Dzieci"
    partner.save()
    assert StaleTranslation.objects.filter(field="name").exists()
    catalog = export("en")
    name = entry(catalog, "partner/fundacja/name")
    assert name.fuzzy and name.previous_msgid == "Fundacja"
    name.fuzzy = False
    catalog.save()
    report = run("import_content_po", str(translated_catalog))
    assert "Confirmed partner/fundacja/name" in report
    assert not StaleTranslation.objects.exists()
    assert Partner.objects.get().name_en == "Foundation"


def replace_in(path, old, new):
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (("msgstr", "msgstr msgstr"), "not a readable .po file"),
        (('"Language: en\\n"\n', ""), "no Language field"),
        (('"Language: en\\n"', '"Language: pl\\n"'), "source language"),
        (('"Language: en\\n"', '"Language: fr\\n"'), "not a translation language"),
        (('"X-Source-Language: pl\\n"', '"X-Source-Language: en\\n"'), "translates en texts"),
        (('msgctxt "partner/fundacja/name"', 'msgctxt "partner/nie-ma/name"'), "unknown key"),
        (('msgctxt "partner/fundacja/name"', 'msgctxt "partner/fundacja/website"'), "unknown key"),
        (('msgctxt "partner/fundacja/name"', 'msgctxt "sponsor/fundacja/name"'), "unknown key"),
        (('msgctxt "partner/fundacja/name"\n', ""), "has no msgctxt"),
    ],
)
def test_a_bad_file_gets_a_clear_error_and_changes_nothing(translated_catalog, damage, message):
    edit(translated_catalog, partner__fundacja__mission=("We help.", False))
    replace_in(translated_catalog, *damage)
    with pytest.raises(CommandError, match=message) as raised:
        run("import_content_po", str(translated_catalog))
    assert "Traceback" not in str(raised.value)
    assert Partner.objects.get().mission_en in ("", None)


def test_a_file_made_from_another_source_text_is_refused(translated_catalog):
    catalog = polib.pofile(str(translated_catalog))
    for item in catalog:
        item.msgid = f"Other text: {item.msgid}"
        item.msgstr = "Translated"
    catalog.save()
    with pytest.raises(CommandError, match="made from another source text"):
        run("import_content_po", str(translated_catalog))
    assert Partner.objects.get().mission_en in ("", None)


def test_a_translation_too_long_for_its_field_is_refused(translated_catalog):
    edit(
        translated_catalog,
        partner__fundacja__mission=("We help.", False),
        partner__fundacja__name=("N" * 201, False),
    )
    with pytest.raises(CommandError, match="the field holds at most 200"):
        run("import_content_po", str(translated_catalog))
    assert Partner.objects.get().mission_en in ("", None)


def test_a_missing_file_or_the_wrong_language_gets_a_clear_error(translated_catalog):
    with pytest.raises(CommandError, match="does not exist"):
        run("import_content_po", str(translated_catalog.with_name("missing.po")))
    with pytest.raises(CommandError, match="not de as asked"):
        run("import_content_po", str(translated_catalog), "--language", "de")


def test_import_is_all_or_nothing(translated_catalog, monkeypatch):
    edit(
        translated_catalog,
        partner__fundacja__mission=("We help.", False),
        focusarea__dzieci__name=("Children", False),
    )

    def fail(*args, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(Partner, "save", fail)
    with pytest.raises(RuntimeError):
        run("import_content_po", str(translated_catalog))
    assert FocusArea.objects.get().name_en in ("", None)


# Translation status ------------------------------------------------------------------------


def test_status_counts_translated_stale_and_missing_content(make_partner, make_focus_area):
    make_focus_area(name_pl="Dzieci", name_en="Children", description_pl="Opis.")
    partner = make_partner(name_pl="Fundacja", name_en="Foundation", mission_en="")
    partner.name_pl = "Fundacja Nowa"
    partner.save()
    output = run("translation_status")
    content = output.split("Content (")[1]
    # Focus area: name translated, description missing. Partner: name stale, mission missing.
    assert "1 focus areas, 1 partners" in content
    assert "en English" in content
    assert content.split("en English")[1].split() == ["1", "1", "2", "25%"]


def test_status_fails_under_the_required_coverage(make_partner):
    make_partner(mission_en="")
    assert "at least 50%" in run("translation_status", "--fail-under", "50")
    with pytest.raises(CommandError, match="Coverage under 90%: content en 50%"):
        run("translation_status", "--fail-under", "90")


def test_status_of_the_shipped_data_is_complete(shipped_directory):
    output = run("translation_status", "--fail-under", "100")
    assert "Every language is at least 100% translated." in output
    languages = [code for code, _name in settings.LANGUAGES]
    for code in languages:
        assert f"  {code} " in output
