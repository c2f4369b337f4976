"""The site's languages have one owner, directory/languages.py: the source language, the
codes, a field's column in a language, the fallback, the names."""

import re
from pathlib import Path

from django.conf import settings
from django.utils.translation import override

from directory import languages

ROOT = Path(__file__).resolve().parent.parent
# What only directory/languages.py may compute: the settings it reads, modeltranslation's
# column naming, and column names spelled out with a language code.
COMPUTED_ELSEWHERE = re.compile(
    r"settings\.LANGUAGES\b|settings\.LANGUAGE_CODE\b|MODELTRANSLATION_|"
    r"build_localized_fieldname|name_sort_|[\"']\w+_(pl|en)[\"']"
)


def test_the_source_language_is_polish_for_the_interface_and_the_content():
    assert languages.source_language() == "pl"
    assert settings.LANGUAGE_CODE == settings.MODELTRANSLATION_DEFAULT_LANGUAGE == "pl"
    assert settings.MODELTRANSLATION_FALLBACK_LANGUAGES == ("pl",)


def test_codes_and_translation_languages_follow_the_settings(settings):
    assert languages.codes() == ["pl", "en"]
    assert languages.translation_languages() == ["en"]
    settings.LANGUAGES = [*settings.LANGUAGES, ("de", "Deutsch")]
    assert languages.translation_languages() == ["en", "de"]


def test_columns_are_named_by_field_and_language():
    assert languages.column("name", "en") == "name_en"
    assert languages.source_column("mission") == "mission_pl"
    assert languages.columns("name", "city") == ["name_pl", "name_en", "city_pl", "city_en"]
    assert languages.columns("name", languages=["en"]) == ["name_en"]


def test_the_sort_key_column_is_the_active_languages_by_default():
    assert languages.sort_column("pl") == "name_sort_pl"
    with override("en"):
        assert languages.sort_column() == "name_sort_en"
    with override("en-gb"):
        assert languages.sort_column() == "name_sort_en"


def test_a_text_without_translation_is_shown_in_the_source_language(make_partner):
    partner = make_partner(name_pl="Fundacja", name_en="", city_pl="Łódź", city_en="Lodz")
    assert languages.shown_text(partner, "name", "en") == "Fundacja"
    assert languages.shown_language(partner, "name", "en") == "pl"
    assert languages.shown_text(partner, "city", "en") == "Lodz"
    assert languages.shown_language(partner, "city", "en") == "en"
    with override("en"):
        assert languages.shown_language(partner, "name") == "pl"
    assert languages.own_text(partner, "name", "en") == ""


def test_language_names_untranslated_and_in_the_pages_language():
    with override("pl"):
        assert languages.language_name("en") == "English"
        assert str(languages.local_name("en")) == "angielski"
    assert languages.language_name("xx") == "xx"


def test_nothing_else_computes_what_the_languages_module_owns():
    offenders = []
    for path in sorted((ROOT / "directory").rglob("*.py")) + sorted(
        (ROOT / "partners_site").rglob("*.py")
    ):
        relative = path.relative_to(ROOT).as_posix()
        # The settings configure the languages; migrations are frozen.
        if "/migrations/" in relative or relative.startswith("partners_site/settings/"):
            continue
        if relative == "directory/languages.py":
            continue
        for number, line in enumerate(path.read_text().splitlines(), start=1):
            if COMPUTED_ELSEWHERE.search(line):
                offenders.append(f"{relative}:{number}: {line.strip()}")
    assert offenders == []
