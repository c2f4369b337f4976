"""The interface's gettext catalogs, locale/<language>/LC_MESSAGES/django.po (and djangojs.po
once scripts have strings): where they are, extraction with GNU gettext (Django's
makemessages), and compilation in pure Python, so that the site runs without gettext. Their
checks are in catalog_checks, their counts in status."""

import contextlib
import shutil
from pathlib import Path

import polib
from django.conf import settings
from django.core.management import call_command
from django.utils.translation import to_language, to_locale

from directory.languages import codes, language_name

DOMAINS = ("django", "djangojs")
# Interface msgids are written in English: in the English catalog an empty msgstr means
# "use the msgid as it is", so there it counts as translated.
MSGID_LANGUAGE = "en"
# Folders whose files are not part of the interface: tests, the data and its sources,
# collected static files, build output, third-party files (static/vendor).
EXTRACTION_IGNORE = [
    "tests",
    "fixtures",
    "staticfiles",
    "build",
    "*.egg-info",
    "node_modules",
    "vendor",
]


class CatalogProblem(Exception):
    pass


def locale_root():
    return Path(settings.LOCALE_PATHS[0])


def catalog_path(language, domain="django"):
    return locale_root() / to_locale(language) / "LC_MESSAGES" / f"{domain}.po"


def interface_catalogs():
    """Every interface catalog under locale/, whether or not its language is enabled yet:
    (language, path) pairs, sorted."""
    found = []
    for domain in DOMAINS:
        for path in sorted(locale_root().glob(f"*/LC_MESSAGES/{domain}.po")):
            found.append((to_language(path.parent.parent.name), path))
    return found


def all_catalogs():
    """Interface and content catalogs: every .po file under locale/."""
    return [
        (to_language(path.parent.parent.name), path)
        for path in sorted(locale_root().glob("*/LC_MESSAGES/*.po"))
    ]


def relative(path):
    with contextlib.suppress(ValueError):
        return Path(path).relative_to(settings.BASE_DIR)
    return Path(path)


def read(path):
    try:
        return polib.pofile(str(path), check_for_duplicates=True)
    except (OSError, ValueError, UnicodeError, LookupError) as error:
        raise CatalogProblem(f"{relative(path)}: cannot be read: {error}") from error


def require_gettext(*tools):
    """CatalogProblem unless the GNU gettext programs `tools` are installed."""
    missing = [tool for tool in tools if not shutil.which(tool)]
    if missing:
        raise CatalogProblem(
            f"This step needs GNU gettext ({', '.join(missing)} not found). Install it "
            "(Debian: apt-get install gettext; macOS: brew install gettext); running the "
            "site and compiling catalogs do not need it."
        )


# Extraction and compilation ---------------------------------------------------------------


def extract(stdout=None):
    """Re-extract the interface strings for every language of the site, without
    source locations. Needs GNU gettext (xgettext, msgmerge), like Django's makemessages."""
    require_gettext("xgettext", "msgmerge", "msguniq")
    locales = [to_locale(code) for code in codes()]
    new = {code for code in codes() if not catalog_path(code).exists()}
    with contextlib.chdir(settings.BASE_DIR):
        for domain in DOMAINS:
            call_command(
                "makemessages",
                locale=locales,
                domain=domain,
                no_location=True,
                no_obsolete=True,
                ignore_patterns=EXTRACTION_IGNORE,
                verbosity=0,
                stdout=stdout,
            )
    for code in new:
        for domain in DOMAINS:
            if catalog_path(code, domain).exists():
                _complete_new_header(catalog_path(code, domain), code)


def _complete_new_header(path, language):
    """makemessages leaves a new catalog's header fuzzy, with placeholder values that
    `msgfmt --check` rejects; fill them in."""
    catalog = polib.pofile(str(path), wrapwidth=79)
    name = language_name(language)
    catalog.header = f"Interface strings of the Trust & Safety Partners Directory in {name}."
    catalog.metadata_is_fuzzy = False
    catalog.metadata.pop("Report-Msgid-Bugs-To", None)
    catalog.metadata.update(
        {
            "Project-Id-Version": "partners-directory",
            "PO-Revision-Date": catalog.metadata.get("POT-Creation-Date", ""),
            "Last-Translator": "",
            "Language-Team": name,
            "Language": to_locale(language),
        }
    )
    catalog.save()


def compile_all():
    """Write the .mo file of every interface catalog, in pure Python (no msgfmt)."""
    written = []
    for _language, path in interface_catalogs():
        catalog = read(path)
        catalog.save_as_mofile(str(path.with_suffix(".mo")))
        written.append(path.with_suffix(".mo"))
    return written
