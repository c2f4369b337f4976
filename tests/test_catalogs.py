"""The interface catalogs: their checks (GNU gettext's `msgfmt --check` and re-extraction,
one Plural-Forms per language, .mo files that match), compiling them without GNU gettext,
and the counts of the translation status."""

import gettext as gnu_gettext
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

from directory.translators import catalog_checks, interface_catalog
from directory.translators.catalog_checks import (
    check_compiled,
    check_current,
    check_format,
    check_same_plural_forms,
)
from directory.translators.interface_catalog import compile_all, extract
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
needs_gettext = pytest.mark.skipif(
    not shutil.which("xgettext") or not MSGFMT, reason="the check needs GNU gettext"
)


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


def test_committed_catalogs_are_compiled_and_agree_on_plural_forms():
    assert check_compiled() == []
    assert check_same_plural_forms() == []


@needs_gettext
def test_committed_catalogs_pass_msgfmt_check():
    assert check_format() == []


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
    expression = re.fullmatch(r"nplurals=3; plural=(.+);", POLISH_PLURAL_FORMS)[1]
    assert gnu_gettext.c2py(expression)(count) == form


BROKEN_CATALOGS = {
    "four plural forms of three": (
        '#, python-format\nmsgid "%(counter)s partner"\nmsgid_plural "%(counter)s partners"\n'
        'msgstr[0] "a"\nmsgstr[1] "b"\nmsgstr[2] "c"\nmsgstr[3] "d"\n'
    ),
    "two plural forms of three": (
        '#, python-format\nmsgid "%(counter)s partner"\nmsgid_plural "%(counter)s partners"\n'
        'msgstr[0] "a"\nmsgstr[1] "b"\n'
    ),
    "a placeholder left out": '#, python-format\nmsgid "%(count)s partners"\nmsgstr "partnerzy"\n',
    "a misspelt placeholder": (
        '#, python-format\nmsgid "%(count)s partners"\nmsgstr "%(liczba)s partnerzy"\n'
    ),
    "a placeholder of another type": (
        '#, python-format\nmsgid "%(count)d partners"\nmsgstr "%(count)s partnerzy"\n'
    ),
    "a positional placeholder lost": '#, python-format\nmsgid "%s and %s"\nmsgstr "%s i"\n',
    "a broken placeholder": (
        '#, python-format\nmsgid "%(count)s partners"\nmsgstr "%(count partnerzy"\n'
    ),
    "a misspelt brace placeholder": (
        '#, python-brace-format\nmsgid "{count} partners"\nmsgstr "{liczba} partnerzy"\n'
    ),
    "a lost final newline": 'msgid "Line\\n"\nmsgstr "Linia"\n',
}
PLURAL_ENTRY = (
    '#, python-format\nmsgid "%(counter)s partner"\nmsgid_plural "%(counter)s partners"\n'
    'msgstr[0] "a"\nmsgstr[1] "b"\nmsgstr[2] "c"\n'
)
BROKEN_PLURAL_FORMS = {
    "an invalid expression": "nplurals=3; plural=(n==1 ? 0 : ;",
    "a form beyond nplurals": "nplurals=3; plural=n%4;",
    "no nplurals": "plural=n!=1;",
}


@pytest.fixture
def lone_catalog(tmp_path, settings):
    """A locale folder of one Polish catalog, written by the test."""
    settings.LOCALE_PATHS = [tmp_path]
    return lambda body, header=HEADER: write_catalog(tmp_path, body, header)


@needs_gettext
@pytest.mark.parametrize("kind", BROKEN_CATALOGS)
def test_the_format_check_is_msgfmts_and_refuses_a_broken_catalog(lone_catalog, kind):
    path = lone_catalog(BROKEN_CATALOGS[kind])
    problems = check_format()
    assert any(problem.startswith(f"{path}:") for problem in problems), problems
    assert not msgfmt_accepts(path)


@needs_gettext
@pytest.mark.parametrize("kind", BROKEN_PLURAL_FORMS)
def test_the_format_check_refuses_bad_plural_forms(lone_catalog, kind):
    header = HEADER.replace(POLISH_PLURAL_FORMS, BROKEN_PLURAL_FORMS[kind])
    path = lone_catalog(PLURAL_ENTRY, header)
    assert any(problem.startswith(f"{path}:") for problem in check_format())


@needs_gettext
def test_the_format_check_accepts_a_plural_form_that_spells_out_one(lone_catalog):
    lone_catalog(
        '#, python-format\nmsgid "%(counter)s partner"\nmsgid_plural "%(counter)s partners"\n'
        'msgstr[0] "jeden partner"\nmsgstr[1] "%(counter)s partnerzy"\n'
        'msgstr[2] "%(counter)s partnerów"\n'
    )
    assert check_format() == []


@needs_gettext
def test_check_catalogs_fails_on_a_catalog_msgfmt_refuses(lone_catalog):
    path = lone_catalog(BROKEN_CATALOGS["a misspelt placeholder"])
    errors = StringIO()
    with pytest.raises(CommandError, match="fail these checks: format"):
        call_command("check_catalogs", "--no-extract", stdout=StringIO(), stderr=errors)
    assert f"{path}:" in errors.getvalue()


def test_check_catalogs_without_gnu_gettext_fails_and_says_why(monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    errors = StringIO()
    with pytest.raises(CommandError, match="format"):
        call_command("check_catalogs", "--no-extract", stdout=StringIO(), stderr=errors)
    assert "needs GNU gettext (msgfmt not found)" in errors.getvalue()


def test_catalogs_of_one_language_must_agree_on_plural_forms(locale_dir):
    content = locale_dir / "en" / "LC_MESSAGES" / "content.po"
    catalog = polib.pofile(str(content))
    catalog.metadata["Plural-Forms"] = "nplurals=1; plural=0;"
    catalog.save()
    [problem] = check_same_plural_forms()
    assert "en/LC_MESSAGES/django.po: Plural-Forms " in problem
    assert "differs from " in problem
    assert problem.endswith("en/LC_MESSAGES/content.po: 'nplurals=1; plural=0;'")


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


@pytest.fixture
def project_copy(tmp_path, settings):
    """A copy of the project whose catalogs a test may re-extract."""
    copy = tmp_path / "project"
    catalog_checks._copy_sources(copy)
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
def test_re_extraction_detects_a_string_no_longer_in_the_code(project_copy):
    extract()
    polish = project_copy / "locale" / "pl" / "LC_MESSAGES" / "django.po"
    catalog = polib.pofile(str(polish))
    catalog.append(polib.POEntry(msgid="A string the code no longer has", msgstr="Usunięty"))
    catalog.save()
    [problem] = check_current()
    assert problem.startswith("locale/pl/LC_MESSAGES/django.po is not current")
    assert "1 strings no longer in the code (first: 'A string the code no longer has')" in problem


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
    assert check_format() == []
    assert msgfmt_accepts(path)
    assert compile_all()
    assert interface_status()["de"].missing == len(catalog)
