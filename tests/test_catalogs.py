"""The interface catalogs: their checks (as `msgfmt --check`), compiling them without GNU
gettext, re-extraction, and the counts of the translation status."""

import re
import shutil
import subprocess
from io import StringIO

import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils.translation import gettext, ngettext, override, trans_real

from directory.translators import interface_catalog
from directory.translators.interface_catalog import (
    check_compiled,
    check_current,
    check_format,
    compile_all,
    extract,
)
from directory.translators.status import interface_status

POLISH_PLURAL_FORMS = (
    "nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);"
)
HEADER = f"""msgid ""
msgstr ""
"Project-Id-Version: partners-directory\\n"
"PO-Revision-Date: 2026-01-01 00:00+0000\\n"
"Last-Translator: \\n"
"Language-Team: Polish\\n"
"Language: pl\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"Plural-Forms: {POLISH_PLURAL_FORMS}\\n"
"""
MSGFMT = shutil.which("msgfmt")


@pytest.fixture
def locale_dir(tmp_path, settings):
    copy = tmp_path / "locale"
    shutil.copytree(settings.BASE_DIR / "locale", copy)
    settings.LOCALE_PATHS = [copy]
    return copy


def write_catalog(directory, body, header=HEADER):
    path = directory / "pl" / "LC_MESSAGES" / "django.po"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(header + "\n" + body, encoding="utf-8")
    return path


def msgfmt_accepts(path):
    result = subprocess.run(
        [MSGFMT, "--check", "-o", "/dev/null", str(path)], capture_output=True, text=True
    )
    return result.returncode == 0


def test_committed_catalogs_are_well_formed_and_compiled():
    for language, path in interface_catalog.all_catalogs():
        assert check_format(language, path) == [], path
    assert check_compiled() == []
    assert interface_catalog.check_same_plural_forms() == []


def test_the_polish_catalog_says_each_thing_one_way():
    catalog = polib.pofile(str(interface_catalog.catalog_path("pl")))
    for entry in catalog:
        # Placeholders and URL converters are code, not words.
        translations = [
            re.sub(r"%\(\w+\)s|<\w+:\w+>", "", text)
            for text in (entry.msgstr, *entry.msgstr_plural.values())
        ]
        for text in translations:
            # One Polish term for a slug, no "ds." in the site's name, no "najpierw" calque.
            assert "slug" not in text and " ds. " not in text and "najpierw" not in text, text
            # Visitors are not addressed as men only.
            assert not any(word in text for word in ("Znalazłeś", "Zrobiłeś", "Chciałeś")), text
        if "slug" in re.sub(r"%\(\w+\)s|<\w+:\w+>", "", entry.msgid):
            assert all("identyfikator" in text for text in translations), entry.msgid
        if "Trust & Safety" in entry.msgid:
            assert "w dziedzinie zaufania i bezpieczeństwa" in entry.msgstr, entry.msgid


def test_every_language_of_the_site_has_an_interface_catalog():
    for code, _name in settings.LANGUAGES:
        assert interface_catalog.catalog_path(code).exists(), code


def test_polish_catalogs_share_the_agreed_plural_forms():
    polish = [path for language, path in interface_catalog.all_catalogs() if language == "pl"]
    assert polish
    for path in polish:
        catalog = polib.pofile(str(path))
        assert catalog.metadata["Plural-Forms"] == POLISH_PLURAL_FORMS
        for entry in catalog:
            if entry.msgid_plural:
                assert sorted(entry.msgstr_plural) == [0, 1, 2], entry.msgid


@pytest.mark.parametrize(
    ("count", "form"),
    [(1, 0), (2, 1), (4, 1), (5, 2), (12, 2), (14, 2), (22, 1), (25, 2), (101, 2), (0, 2)],
)
def test_the_agreed_polish_plural_forms_pick_the_right_form(count, form):
    _count, choose = interface_catalog.parse_plural_forms(POLISH_PLURAL_FORMS)
    assert choose(count) == form


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        (
            '#, python-format\nmsgid "%(counter)s partner"\nmsgid_plural "%(counter)s partners"\n'
            'msgstr[0] "a"\nmsgstr[1] "b"\nmsgstr[2] "c"\nmsgstr[3] "d"\n',
            "has 4 plural forms; Plural-Forms says 3",
        ),
        (
            '#, python-format\nmsgid "%(counter)s partner"\nmsgid_plural "%(counter)s partners"\n'
            'msgstr[0] "a"\nmsgstr[1] "b"\n',
            "has 2 plural forms; Plural-Forms says 3",
        ),
        (
            '#, python-format\nmsgid "%(count)s partners"\nmsgstr "partnerzy"\n',
            "msgstr leaves out count",
        ),
        (
            '#, python-format\nmsgid "%(count)s partners"\nmsgstr "%(liczba)s partnerzy"\n',
            "msgstr uses liczba, which the msgid does not have",
        ),
        (
            '#, python-format\nmsgid "%(count)d partners"\nmsgstr "%(count)s partnerzy"\n',
            "changes the type of count",
        ),
        (
            '#, python-format\nmsgid "%s and %s"\nmsgstr "%s i"\n',
            "has placeholders ['object'], the msgid ['object', 'object']",
        ),
        (
            '#, python-format\nmsgid "%(count)s partners"\nmsgstr "%(count partnerzy"\n',
            "msgstr is not a valid format string",
        ),
        ('msgid "Line\\n"\nmsgstr "Linia"\n', "must begin and end like the msgid"),
    ],
)
def test_format_check_rejects_what_msgfmt_rejects(tmp_path, body, problem):
    path = write_catalog(tmp_path, body)
    problems = check_format("pl", path)
    assert any(problem in found for found in problems), problems
    if MSGFMT:
        assert not msgfmt_accepts(path)


@pytest.mark.parametrize(
    ("plural_forms", "problem"),
    [
        ("nplurals=3; plural=(n==1 ? 0 : ;", "is invalid"),
        ("nplurals=3; plural=n%4;", "gives forms [0, 1, 2, 3], outside 0..2"),
        ("plural=n!=1;", "is not `nplurals=N; plural=EXPRESSION;`"),
    ],
)
def test_format_check_rejects_bad_plural_forms(tmp_path, plural_forms, problem):
    header = HEADER.replace(POLISH_PLURAL_FORMS, plural_forms)
    body = (
        '#, python-format\nmsgid "%(counter)s partner"\nmsgid_plural "%(counter)s partners"\n'
        'msgstr[0] "a"\nmsgstr[1] "b"\nmsgstr[2] "c"\n'
    )
    path = write_catalog(tmp_path, body, header)
    assert any(problem in found for found in check_format("pl", path))
    if MSGFMT:
        assert not msgfmt_accepts(path)


def test_format_check_accepts_a_plural_form_that_spells_out_one(tmp_path):
    path = write_catalog(
        tmp_path,
        '#, python-format\nmsgid "%(counter)s partner"\nmsgid_plural "%(counter)s partners"\n'
        'msgstr[0] "jeden partner"\nmsgstr[1] "%(counter)s partnerzy"\n'
        'msgstr[2] "%(counter)s partnerów"\n',
    )
    assert check_format("pl", path) == []
    if MSGFMT:
        assert msgfmt_accepts(path)


def test_format_check_rejects_locations_a_fuzzy_header_and_a_wrong_language(tmp_path):
    header = "#, fuzzy\n" + HEADER.replace("Language: pl", "Language: en")
    path = write_catalog(
        tmp_path, '#: directory/admin.py:12\nmsgid "Search"\nmsgstr "Szukaj"\n', header
    )
    problems = " | ".join(check_format("pl", path))
    assert "the header is fuzzy" in problems
    assert "header says Language 'en', the folder 'pl'" in problems
    assert "has source locations" in problems


def test_check_command_fails_with_a_clear_message(locale_dir):
    polish = locale_dir / "pl" / "LC_MESSAGES" / "django.po"
    catalog = polib.pofile(str(polish))
    catalog[0].msgstr = ""
    catalog.save()
    errors = StringIO()
    with pytest.raises(CommandError, match="compiled catalogs, complete interface"):
        call_command("check_catalogs", "--no-extract", stdout=StringIO(), stderr=errors)
    assert f"untranslated: {catalog[0].msgid[:70]!r}" in errors.getvalue()
    assert "does not match django.po" in errors.getvalue()


def test_an_empty_english_msgstr_means_the_english_msgid(locale_dir):
    status = interface_status()
    english = polib.pofile(str(locale_dir / "en" / "LC_MESSAGES" / "django.po"))
    assert status["en"].translated == len(english) and status["en"].missing == 0
    assert status["pl"].total == len(english)


def test_status_counts_fuzzy_and_missing_interface_strings(db, locale_dir):
    path = locale_dir / "pl" / "LC_MESSAGES" / "django.po"
    catalog = polib.pofile(str(path))
    catalog[0].flags.append("fuzzy")
    catalog[1].msgstr = ""
    catalog.save()
    status = interface_status()["pl"]
    assert (status.fuzzy, status.missing, status.translated) == (1, 1, len(catalog) - 2)
    with pytest.raises(CommandError, match="interface pl 9"):
        call_command("translation_status", "--fail-under", "100", stdout=StringIO())


def test_compiled_catalogs_are_read_by_the_site_without_gnu_gettext(locale_dir, monkeypatch):
    path = locale_dir / "pl" / "LC_MESSAGES" / "django.po"
    catalog = polib.pofile(str(path))
    [search] = [entry for entry in catalog if entry.msgid == "Search" and not entry.msgctxt]
    search.msgstr = "Wyszukaj"
    catalog.save()
    assert "does not match django.po" in " ".join(check_compiled())

    monkeypatch.setenv("PATH", "")
    monkeypatch.setattr(shutil, "which", lambda name: None)
    monkeypatch.setattr(subprocess, "run", None)
    call_command("compile_catalogs", stdout=StringIO())

    assert check_compiled() == []
    with override("pl"):
        assert gettext("Search") == "Wyszukaj"
        # The compiled header carries the agreed plural forms to the site.
        assert ngettext("%(counter)s partner", "%(counter)s partners", 1) == "%(counter)s partner"
        assert ngettext("%(counter)s partner", "%(counter)s partners", 5) == "%(counter)s partnerów"
    plural_form = trans_real.translation("pl").plural
    assert [plural_form(n) for n in (1, 2, 4, 5, 12, 22, 25, 112)] == [0, 1, 1, 2, 2, 1, 2, 2]


needs_gettext = pytest.mark.skipif(
    not shutil.which("xgettext"), reason="re-extracting strings needs GNU gettext"
)


@pytest.fixture
def project_copy(tmp_path, settings):
    """A copy of the project whose catalogs a test may re-extract."""
    copy = tmp_path / "project"
    interface_catalog._copy_sources(copy)
    settings.BASE_DIR = copy
    settings.LOCALE_PATHS = [copy / "locale"]
    return copy


@needs_gettext
def test_re_extraction_detects_a_new_string_and_nothing_else(project_copy):
    extract()
    assert check_current() == []
    (project_copy / "templates" / "new_page.html").write_text(
        '{% load i18n %}{% translate "A string nobody has extracted yet" %}', encoding="utf-8"
    )
    problems = check_current()
    assert len(problems) == len(settings.LANGUAGES)
    assert "1 new strings (first: 'A string nobody has extracted yet')" in problems[0]


@needs_gettext
def test_messages_for_a_new_language_start_a_valid_catalog(project_copy, settings):
    settings.LANGUAGES = [*settings.LANGUAGES, ("de", "Deutsch")]
    extract()
    path = project_copy / "locale" / "de" / "LC_MESSAGES" / "django.po"
    catalog = polib.pofile(str(path))
    assert catalog.metadata["Language"] == "de"
    assert catalog.metadata["Plural-Forms"] == "nplurals=2; plural=(n != 1);"
    assert not catalog.metadata_is_fuzzy
    assert not any(entry.occurrences for entry in catalog)
    assert check_format("de", path) == []
    if MSGFMT:
        assert msgfmt_accepts(path)
    assert compile_all()
    assert interface_status()["de"].missing == len(catalog)
