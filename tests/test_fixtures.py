"""The shipped data: built from the announcement, loadable any number of times."""

import json
import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils.translation import override

from directory.data.announcement import (
    ANNOUNCEMENT_PATH,
    FIXTURE_PATH,
    SOURCE_DIR,
    Announcement,
    build_fixture,
    read_sources,
    render_fixture,
)
from directory.models import FocusArea, Partner

ANNOUNCEMENT = ANNOUNCEMENT_PATH.read_text(encoding="utf-8")


def fixture_partners():
    return [
        o["fields"]
        for o in json.loads(FIXTURE_PATH.read_text())
        if o["model"] == "directory.partner"
    ]


def verified_years():
    """Founding year per English name, from the verified facts table."""
    table = (SOURCE_DIR / "organizations.md").read_text(encoding="utf-8")
    years = {}
    for row in table.splitlines():
        cells = [cell.strip() for cell in row.strip("|").split("|")]
        if len(cells) > 2 and re.fullmatch(r"\d{4}", cells[1]):
            years[cells[0]] = int(cells[1])
    return years


def test_committed_fixture_equals_a_fresh_build():
    assert FIXTURE_PATH.read_text(encoding="utf-8") == render_fixture(
        build_fixture(*read_sources())
    )


def test_every_polish_mission_is_a_paragraph_of_the_announcement_verbatim():
    paragraphs = Announcement.parse(ANNOUNCEMENT).paragraphs
    for partner in fixture_partners():
        assert partner["mission_pl"] in paragraphs
        assert partner["mission_pl"] in ANNOUNCEMENT


def test_every_polish_name_is_the_one_its_paragraph_uses_or_the_official_spelling():
    _announcement, curated = read_sources()
    curated_by_slug = {entry["slug"]: entry for entry in curated["partner"]}
    respelled = {}
    for partner in fixture_partners():
        named = curated_by_slug[partner["slug"]]["announcement_name"]
        assert named in partner["mission_pl"]
        if partner["name_pl"] != named:
            respelled[named] = partner["name_pl"]
    # Only DTSP: the announcement writes "and" where its official name has "&".
    assert respelled == {
        "Digital Trust and Safety Partnership": "Digital Trust & Safety Partnership"
    }


def test_the_digital_trust_safety_partnership_has_its_official_name_in_both_languages():
    dtsp = next(p for p in fixture_partners() if p["abbreviation"] == "DTSP")
    assert dtsp["name_pl"] == dtsp["name_en"] == "Digital Trust & Safety Partnership"
    assert "Stowarzyszenie Digital Trust and Safety Partnership" in dtsp["mission_pl"]


def test_the_partners_are_exactly_the_organizations_the_announcement_describes():
    paragraphs = Announcement.parse(ANNOUNCEMENT).paragraphs
    missions = [partner["mission_pl"] for partner in fixture_partners()]
    assert len(paragraphs) == 9
    assert sorted(missions) == sorted(paragraphs)


def test_founding_years_match_the_verified_facts():
    years = verified_years()
    assert len(years) == 9
    for partner in fixture_partners():
        matches = [year for name, year in years.items() if name.startswith(partner["name_en"])]
        assert matches == [partner["founding_year"]], partner["name_en"]


def test_gifct_year_is_the_one_the_announcement_states():
    gifct = next(p for p in fixture_partners() if p["abbreviation"] == "GIFCT")
    # The announcement spaces some words with no-break spaces; \s matches them.
    assert re.search(r"założone\s+w\s+2017\s+roku", gifct["mission_pl"])
    assert gifct["founding_year"] == 2017


@pytest.mark.parametrize(
    "slug", ["tech-against-terrorism", "tech-coalition", "weprotect-global-alliance"]
)
def test_unverified_headquarters_stay_empty(slug):
    partner = next(p for p in fixture_partners() if p["slug"] == slug)
    assert partner["country"] == ""
    assert partner["city_pl"] == partner["city_en"] == ""


def test_every_partner_cites_the_announcement_first():
    for partner in fixture_partners():
        assert partner["sources"][0].startswith("https://www.zoom.com/pl/")
        assert len(partner["sources"]) >= 2


WEAK_SOURCES = ("wikimili.com", "mit.edu", "mirrors", "computertalkradio", "encyclopedia article")


def test_every_source_is_a_full_https_address_or_a_dated_citation():
    for partner in fixture_partners():
        for source in partner["sources"]:
            assert not any(weak in source for weak in WEAK_SOURCES), source
            if "://" in source or re.match(r"[\w.-]+\.(org|com|uk|nz)\b", source):
                assert re.fullmatch(r"https://[^\s/]+\.[a-z]+/\S*", source), source
                # The site's usual host: these sites serve their pages under www.
                host = source.split("/")[2]
                bare = host.removeprefix("www.")
                assert bare not in USUAL_WWW_HOSTS or host == f"www.{bare}", source
            else:
                # A citation: who published it, its title in quotes, and a year.
                assert re.search(r"“.+”", source) and re.search(r"\b(19|20)\d\d\b", source), source


USUAL_WWW_HOSTS = {
    "iwf.org.uk",
    "rnz.co.nz",
    "nzherald.co.nz",
    "spokesman.com",
    "technologycoalition.org",
    "weprotect.org",
    "missingkids.org",
    "zoom.com",
}


def test_build_fixtures_check_fails_when_the_fixture_is_stale(tmp_path, monkeypatch):
    from django.core.management.base import CommandError

    from directory.management.commands import build_fixtures

    stale = tmp_path / "partners.json"
    stale.write_text("[]\n")
    monkeypatch.setattr(build_fixtures, "FIXTURE_PATH", stale)
    with pytest.raises(CommandError, match="not what its sources build"):
        call_command("build_fixtures", "--check")
    assert stale.read_text() == "[]\n"


def test_announcement_without_organization_paragraphs_is_refused():
    from directory.data.announcement import SourceDataError

    with pytest.raises(SourceDataError, match="title, an introduction"):
        Announcement.parse("Tytuł\n\nWstęp\n\nKoniec")


def test_loaddata_loads_the_nine_published_partners(shipped_directory):
    assert Partner.objects.published().count() == 9
    assert FocusArea.objects.count() == 6
    assert all(p.focus_areas.exists() for p in Partner.objects.all())


def test_loading_twice_or_over_edited_data_updates_in_place(shipped_directory):
    ids = dict(Partner.objects.values_list("slug", "pk"))
    gifct = Partner.objects.get(slug="gifct")
    gifct.name_en = "Edited"
    gifct.save()
    gifct.focus_areas.clear()

    call_command("loaddata", "partners", verbosity=0)

    assert dict(Partner.objects.values_list("slug", "pk")) == ids
    assert FocusArea.objects.count() == 6
    gifct.refresh_from_db()
    assert gifct.name_en == "Global Internet Forum to Counter Terrorism"
    assert gifct.focus_areas.count() == 2


@pytest.mark.parametrize("language", ["pl", "en"])
def test_dumpdata_loaddata_round_trip_keeps_every_language(make_partner, make_focus_area, language):
    area = make_focus_area(name_pl="Bezpieczeństwo dzieci", name_en="")
    both = make_partner(name_pl="Fundacja Łódź", name_en="Lodz Foundation", focus_areas=[area])
    polish_only = make_partner(name_pl="Żółta fundacja", name_en="", mission_en="")
    columns = ["slug", "name_pl", "name_en", "mission_pl", "mission_en", "city_pl", "city_en"]
    before = list(Partner.objects.order_by("slug").values(*columns))

    out = StringIO()
    with override(language):
        call_command(
            "dumpdata", "directory", natural_primary=True, natural_foreign=True, stdout=out
        )
    Partner.objects.all().delete()
    FocusArea.objects.all().delete()
    dump = FIXTURE_PATH.parent / f"roundtrip-{language}.json"
    try:
        dump.write_text(out.getvalue(), encoding="utf-8")
        with override(language):
            call_command("loaddata", str(dump), verbosity=0)
    finally:
        dump.unlink()

    assert list(Partner.objects.order_by("slug").values(*columns)) == before
    assert Partner.objects.get(slug=polish_only.slug).name_en in ("", None)
    reloaded = Partner.objects.get(slug=both.slug)
    assert list(reloaded.focus_areas.values_list("name_pl", "name_en")) == [
        ("Bezpieczeństwo dzieci", "")
    ]


def test_the_directorys_own_texts_spell_internet_one_way_and_name_extremism_one_way():
    """Our texts (everything but the announcement's missions, quoted as published): a
    lowercase "internet" in both languages, and one Polish word for "violent" extremism."""
    objects = json.loads(FIXTURE_PATH.read_text(encoding="utf-8"))
    own_texts = [
        value
        for entry in objects
        for field, value in entry["fields"].items()
        if isinstance(value, str) and field not in ("mission_pl", "slug", "website")
    ]
    for text in own_texts:
        assert not re.search(r"\bInternet(?!\s+(Watch|Forum))", text), text
        assert not re.search(r"\bInternec", text), text
    extremism = next(
        o["fields"]
        for o in objects
        if o["fields"].get("slug") == "terrorist-violent-extremist-content"
    )
    assert "brutalny ekstremizm" in extremism["name_pl"]
    assert "brutalnych ekstremistów" in extremism["description_pl"]
