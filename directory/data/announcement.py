"""The directory's source data: the announcement as published and the curated facts beside it.

`build_fixture()` joins the two into the `partners` fixture. It is a pure function of the
two files, so the committed fixture can be compared with a fresh build.
"""

import json
import tomllib
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from directory.languages import codes, column, source_column

SOURCE_DIR = Path(settings.BASE_DIR) / "fixtures" / "source"
ANNOUNCEMENT_PATH = SOURCE_DIR / "zoom-announcement-pl.txt"
CURATED_PATH = SOURCE_DIR / "partners.toml"
FIXTURE_PATH = Path(settings.BASE_DIR) / "fixtures" / "partners.json"

TRANSLATED_PARTNER_FIELDS = ("name", "mission", "founding_note", "city")
TRANSLATED_FOCUS_AREA_FIELDS = ("name", "description")


class SourceDataError(Exception):
    """The announcement and the curated file do not fit together."""


@dataclass(frozen=True)
class Announcement:
    title: str
    intro: tuple[str, ...]
    paragraphs: tuple[str, ...]
    outro: str

    @classmethod
    def parse(cls, text):
        """Title, introduction, one paragraph per organization, closing paragraph."""
        blocks = [block.strip() for block in text.replace("\r\n", "\n").split("\n\n")]
        blocks = [block for block in blocks if block]
        if len(blocks) < 4:
            raise SourceDataError(
                "The announcement needs a title, an introduction, at least one paragraph "
                f"about an organization and a closing paragraph; it has {len(blocks)} blocks."
            )
        return cls(
            title=blocks[0], intro=(blocks[1],), paragraphs=tuple(blocks[2:-1]), outro=blocks[-1]
        )

    def paragraph_naming(self, name):
        found = [paragraph for paragraph in self.paragraphs if name in paragraph]
        if len(found) != 1:
            raise SourceDataError(
                f"{name!r} must appear in exactly one paragraph of the announcement; "
                f"it appears in {len(found)}."
            )
        return found[0]


def read_sources():
    announcement = Announcement.parse(ANNOUNCEMENT_PATH.read_text(encoding="utf-8"))
    with CURATED_PATH.open("rb") as curated_file:
        curated = tomllib.load(curated_file)
    return announcement, curated


def read_announcement_meta():
    """Where the data comes from, for the about page: the announcement's title, address,
    publisher and language, and its introduction to quote."""
    announcement, curated = read_sources()
    return {**curated["announcement"], "intro": announcement.intro[0]}


def _translations(entry, field, languages):
    """The curated values of one translated field, for the languages the site has."""
    return {
        column(field, code): entry[column(field, code)]
        for code in languages
        if column(field, code) in entry
    }


def build_fixture(announcement, curated):
    """The fixture's objects: focus areas, then partners, keyed by slug, never by id."""
    objects = []
    for position, area in enumerate(curated["focus_area"], start=1):
        fields = {"slug": area["slug"], "position": position}
        for field in TRANSLATED_FOCUS_AREA_FIELDS:
            fields.update(_translations(area, field, codes()))
        objects.append({"model": "directory.focusarea", "fields": fields})
    focus_slugs = {area["slug"] for area in curated["focus_area"]}
    used_paragraphs = []
    for partner in curated["partner"]:
        fields = _partner_fields(announcement, curated, partner, focus_slugs, used_paragraphs)
        objects.append({"model": "directory.partner", "fields": fields})
    missing = [p for p in announcement.paragraphs if p not in used_paragraphs]
    if missing:
        raise SourceDataError(
            f"{len(missing)} paragraph(s) of the announcement describe no partner in the "
            f"curated file, starting with: {missing[0][:80]!r}"
        )
    return objects


def _partner_fields(announcement, curated, partner, focus_slugs, used_paragraphs):
    """One partner's fields: its Polish mission is the announcement's paragraph naming it
    (each paragraph used once, recorded in `used_paragraphs`)."""
    named = partner["announcement_name"]
    source_mission = announcement.paragraph_naming(named)
    if source_mission in used_paragraphs:
        raise SourceDataError(f"Two partners share the paragraph naming {named!r}.")
    used_paragraphs.append(source_mission)
    unknown = set(partner["focus_areas"]) - focus_slugs
    if unknown:
        raise SourceDataError(
            f"{partner['slug']}: unknown focus areas {sorted(unknown)}; "
            "list them under [[focus_area]] first."
        )
    source_values = {
        **partner,
        # The name the paragraph uses, unless the organization's official name is spelled
        # otherwise (the mission stays the paragraph as published either way).
        source_column("name"): partner.get(source_column("name"), named),
        source_column("mission"): source_mission,
    }
    fields = {"slug": partner["slug"]}
    for field in TRANSLATED_PARTNER_FIELDS:
        fields.update(_translations(source_values, field, codes()))
    stamp = curated["reviewed_at"].isoformat().replace("+00:00", "Z")
    return {
        **fields,
        "abbreviation": partner["abbreviation"],
        "founding_year": partner["founding_year"],
        "organization_type": partner["organization_type"],
        "website": partner["website"],
        "country": partner["country"],
        "is_published": True,
        "sources": [curated["announcement"]["url"], *partner["sources"]],
        "focus_areas": [[slug] for slug in partner["focus_areas"]],
        "facts_checked_on": curated["reviewed_at"].date().isoformat(),
        "created_at": stamp,
        "updated_at": stamp,
    }


def render_fixture(objects):
    return json.dumps(objects, ensure_ascii=False, indent=2) + "\n"
