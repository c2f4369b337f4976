"""The checks of `manage.py check_catalogs` (`make catalogs-check` in CI). GNU gettext checks
what it can: `msgfmt --check` checks the format of every catalog, and Django's makemessages
(xgettext, msgmerge) re-extracts the strings of the code to compare with the committed
catalogs. The rest no tool checks: one Plural-Forms per language, .mo files that hold what
their .po files say, and complete interface catalogs."""

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import polib
from django.conf import settings
from django.utils.translation import to_locale

from directory.languages import codes
from directory.translators.interface_catalog import (
    DOMAINS,
    CatalogProblem,
    all_catalogs,
    catalog_path,
    interface_catalogs,
    locale_root,
    read,
    relative,
    require_gettext,
)
from directory.translators.status import interface_status, is_translated

# Header fields that change with every extraction or every save in a translation tool.
VOLATILE_HEADERS = {"POT-Creation-Date", "PO-Revision-Date", "X-Generator"}


def check_format():
    """`msgfmt --check` on every catalog, interface and content: the header, the plural
    forms (the expression, and as many translations as it has forms), the placeholders of
    python-format and python-brace-format entries, and newlines at either end."""
    require_gettext("msgfmt")
    problems = []
    for _language, path in all_catalogs():
        result = subprocess.run(
            ["msgfmt", "--check", f"--output-file={os.devnull}", str(relative(path))],
            cwd=settings.BASE_DIR,
            capture_output=True,
            text=True,
            timeout=60,
        )
        if result.returncode != 0:
            problems += result.stderr.strip().splitlines() or [f"{relative(path)}: refused"]
    return problems


def check_same_plural_forms():
    """All catalogs of one language (interface and content) agree on Plural-Forms."""
    seen = {}
    problems = []
    for language, path in all_catalogs():
        try:
            value = read(path).metadata.get("Plural-Forms")
        except CatalogProblem:
            continue
        if value is None:
            continue
        first = seen.setdefault(language, (path, value))
        if first[1] != value:
            problems.append(
                f"{relative(path)}: Plural-Forms {value!r} differs from "
                f"{relative(first[0])}: {first[1]!r}"
            )
    return problems


def check_complete():
    """No fuzzy or missing strings in the interface catalogs of the site's languages."""
    problems = []
    for code, result in interface_status().items():
        if not result.has_catalog:
            problems.append(f"{code}: no interface catalog; run `make messages`")
        elif result.fuzzy or result.missing:
            problems.append(
                f"{relative(catalog_path(code))} and siblings: {result.fuzzy} fuzzy and "
                f"{result.missing} untranslated strings"
            )
            for domain in DOMAINS:
                path = catalog_path(code, domain)
                if path.exists():
                    for entry in read(path):
                        if not entry.obsolete and not is_translated(entry, code):
                            state = "fuzzy" if entry.fuzzy else "untranslated"
                            problems.append(f"  {state}: {entry.msgid[:70]!r}")
    return problems


def _mo_messages(catalog):
    """What a compiled catalog holds: {(context, msgid, msgid_plural): translation}."""
    messages = {}
    for entry in catalog:
        if isinstance(catalog, polib.POFile) and not entry.translated():
            continue
        translation = (
            tuple(text for _index, text in sorted(entry.msgstr_plural.items()))
            if entry.msgid_plural
            else entry.msgstr
        )
        messages[(entry.msgctxt, entry.msgid, entry.msgid_plural)] = translation
    return messages


def check_compiled():
    """Every .mo file holds exactly the translations of its .po file."""
    problems = []
    for _language, path in interface_catalogs():
        compiled = path.with_suffix(".mo")
        if not compiled.exists():
            problems.append(f"{relative(compiled)} is missing; run `make catalogs`")
            continue
        try:
            source, binary = read(path), polib.mofile(str(compiled))
        except (CatalogProblem, OSError, ValueError) as error:
            problems.append(f"{relative(compiled)}: cannot be compared: {error}")
            continue
        expected, actual = _mo_messages(source), _mo_messages(binary)
        differing = sorted(
            (
                key
                for key in expected.keys() | actual.keys()
                if expected.get(key) != actual.get(key)
            ),
            key=lambda key: (key[0] or "", key[1]),
        )
        plural_forms = (source.metadata.get("Plural-Forms"), binary.metadata.get("Plural-Forms"))
        if differing or plural_forms[0] != plural_forms[1]:
            example = f" (first: {differing[0][1][:50]!r})" if differing else ""
            problems.append(
                f"{relative(compiled)} does not match {path.name}: {len(differing)} "
                f"messages differ{example}; run `make catalogs` and commit the .mo file"
            )
    for compiled in sorted(locale_root().glob("*/LC_MESSAGES/*.mo")):
        if compiled.stem in DOMAINS and not compiled.with_suffix(".po").exists():
            problems.append(f"{relative(compiled)} has no .po file")
    return problems


def signature(catalog):
    """What a catalog says, without formatting, order or the dates that every run changes."""
    header = {key: value for key, value in catalog.metadata.items() if key not in VOLATILE_HEADERS}
    entries = sorted(
        (
            entry.msgctxt or "",
            entry.msgid,
            entry.msgid_plural,
            entry.msgstr,
            tuple(sorted(entry.msgstr_plural.items())),
            tuple(sorted(entry.flags)),
            entry.comment,
            entry.tcomment,
            tuple(entry.occurrences),
            entry.previous_msgid,
            entry.obsolete,
        )
        for entry in catalog
    )
    return header, bool(catalog.metadata_is_fuzzy), entries


def _copy_sources(destination):
    """The project without its virtualenv, VCS data, databases and compiled files."""
    shutil.copytree(
        settings.BASE_DIR,
        destination,
        ignore=shutil.ignore_patterns(
            ".*", "__pycache__", "staticfiles", "node_modules", "*.sqlite3", "*.mo", "*.egg-info"
        ),
    )


def check_current():
    """Re-extracting the strings changes nothing but dates. Runs the extraction on a copy
    of the project, so the working tree is never touched."""
    with tempfile.TemporaryDirectory(prefix="catalogs-") as scratch:
        copy = Path(scratch) / "project"
        _copy_sources(copy)
        result = subprocess.run(
            [sys.executable, "manage.py", "update_catalogs", "--no-compile"],
            cwd=copy,
            env={**os.environ, "DEBUG": "1"},
            capture_output=True,
            text=True,
            timeout=600,
        )
        if result.returncode != 0:
            raise CatalogProblem(f"Extracting strings failed:\n{result.stderr.strip()}")
        problems = []
        fresh_root = copy / relative(locale_root())
        for domain in DOMAINS:
            for code in codes():
                committed = catalog_path(code, domain)
                fresh = fresh_root / to_locale(code) / "LC_MESSAGES" / f"{domain}.po"
                if not fresh.exists() and not committed.exists():
                    continue
                if not committed.exists():
                    problems.append(f"{relative(committed)} is missing; run `make messages`")
                    continue
                if not fresh.exists():
                    problems.append(f"{relative(committed)} has no strings left in the code")
                    continue
                before, after = read(committed), read(fresh)
                if signature(before) != signature(after):
                    problems.append(
                        f"{relative(committed)} is not current: {_difference(before, after)}"
                    )
        return problems


def _difference(before, after):
    def keys(catalog):
        return {(entry.msgctxt, entry.msgid) for entry in catalog if not entry.obsolete}

    added = sorted(keys(after) - keys(before), key=lambda key: key[1])
    removed = sorted(keys(before) - keys(after), key=lambda key: key[1])
    parts = []
    if added:
        parts.append(f"{len(added)} new strings (first: {added[0][1][:50]!r})")
    if removed:
        parts.append(
            f"{len(removed)} strings no longer in the code (first: {removed[0][1][:50]!r})"
        )
    if not parts:
        parts.append("entries or header differ")
    return "; ".join(parts) + ". Run `make messages`, translate, and commit"
