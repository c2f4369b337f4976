"""The interface's gettext catalogs, locale/<language>/LC_MESSAGES/django.po (and djangojs.po
once scripts have strings): extraction, compilation without GNU gettext, the checks CI runs
(equivalent to `msgfmt --check`), and the counts of the translation status."""

import contextlib
import gettext
import os
import re
import shutil
import string
import subprocess
import sys
import tempfile
from dataclasses import dataclass
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
# collected static files, build output.
EXTRACTION_IGNORE = ["tests", "fixtures", "staticfiles", "build", "*.egg-info", "node_modules"]
# Header fields that change with every extraction or every save in a translation tool.
VOLATILE_HEADERS = {"POT-Creation-Date", "PO-Revision-Date", "X-Generator"}
# Numbers against which a Plural-Forms expression is tried.
PLURAL_PROBE = range(0, 1001)


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


# Extraction and compilation ---------------------------------------------------------------


def extract(stdout=None):
    """Re-extract the interface strings for every language of the site, without
    source locations. Needs GNU gettext (xgettext, msgmerge), like Django's makemessages."""
    missing = [tool for tool in ("xgettext", "msgmerge", "msguniq") if not shutil.which(tool)]
    if missing:
        raise CatalogProblem(
            f"Extracting strings needs GNU gettext ({', '.join(missing)} not found). Install "
            "it (Debian: apt-get install gettext); running the site and compiling catalogs "
            "do not need it."
        )
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


# Checks -----------------------------------------------------------------------------------


def parse_plural_forms(value):
    """(nplurals, plural function) from a Plural-Forms header, or CatalogProblem."""
    match = re.fullmatch(r"\s*nplurals\s*=\s*(\d+)\s*;\s*plural\s*=\s*(.+?)\s*;?\s*", value or "")
    if not match:
        raise CatalogProblem(f"Plural-Forms {value!r} is not `nplurals=N; plural=EXPRESSION;`")
    count = int(match[1])
    try:
        function = gettext.c2py(match[2])
        results = {function(n) for n in PLURAL_PROBE}
    except (ValueError, SyntaxError, RecursionError, ZeroDivisionError) as error:
        raise CatalogProblem(f"Plural-Forms expression {match[2]!r} is invalid: {error}") from error
    if count < 1 or not results <= set(range(count)):
        raise CatalogProblem(
            f"Plural-Forms expression {match[2]!r} gives forms {sorted(results)}, "
            f"outside 0..{count - 1}"
        )
    return count, function


_PYTHON_SPEC = re.compile(
    r"%(?:\((?P<name>[^)]*)\))?"  # %(name)
    r"[#0\- +]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[hlL]?"  # flags, width, precision
    r"(?P<type>[diouxXeEfFgGcrsa%])"
)
_TYPE_CLASSES = {
    **dict.fromkeys("diouxX", "integer"),
    **dict.fromkeys("eEfFgG", "float"),
    "c": "character",
    **dict.fromkeys("sra", "object"),
}


def python_format(text):
    """({name: type class}, [type class, ...]) of a python-format string, or ValueError."""
    named, positional = {}, []
    position = 0
    while (start := text.find("%", position)) != -1:
        match = _PYTHON_SPEC.match(text, start)
        if not match:
            raise ValueError(f"invalid placeholder at {text[start : start + 12]!r}")
        position = match.end()
        if match["type"] == "%":
            continue
        kind = _TYPE_CLASSES[match["type"]]
        if match["name"] is not None:
            named[match["name"]] = kind
        else:
            positional.append(kind)
    if named and positional:
        raise ValueError("named and unnamed placeholders mixed")
    return named, positional


def brace_format(text):
    names = {}
    for _literal, name, _spec, _conversion in string.Formatter().parse(text):
        if name is not None:
            names[name] = "object"
    return names, []


def _format_problems(entry, checker):
    """Placeholders of each translation against the msgid (and msgid_plural)."""
    try:
        named, positional = checker(entry.msgid)
        if entry.msgid_plural:
            plural_named, _plural_positional = checker(entry.msgid_plural)
            named = {**named, **plural_named}
    except ValueError as error:
        return [f"msgid is not a valid format string ({error})"]
    translations = (
        [(f"msgstr[{index}]", text) for index, text in sorted(entry.msgstr_plural.items())]
        if entry.msgid_plural
        else [("msgstr", entry.msgstr)]
    )
    problems = []
    for label, text in translations:
        if not text:
            continue
        try:
            got_named, got_positional = checker(text)
        except ValueError as error:
            problems.append(f"{label} is not a valid format string ({error})")
            continue
        unknown = sorted(set(got_named) - set(named))
        if unknown:
            problems.append(f"{label} uses {', '.join(unknown)}, which the msgid does not have")
        # A plural form may leave out a named value ("jeden partner"); a singular text,
        # and any unnamed placeholder, must keep every one.
        lost = sorted(set(named) - set(got_named))
        if lost and not entry.msgid_plural:
            problems.append(f"{label} leaves out {', '.join(lost)}")
        changed = sorted(
            name for name in set(named) & set(got_named) if named[name] != got_named[name]
        )
        if changed:
            problems.append(f"{label} changes the type of {', '.join(changed)}")
        if got_positional != positional:
            problems.append(f"{label} has placeholders {got_positional}, the msgid {positional}")
    return problems


def check_format(language, path):
    """What `msgfmt --check` would reject: header, plural forms, placeholders, newlines."""
    try:
        catalog = read(path)
    except CatalogProblem as problem:
        return [str(problem)]
    name = relative(path)
    problems = []
    if catalog.metadata_is_fuzzy:
        problems.append(f"{name}: the header is fuzzy; review it and clear the fuzzy mark")
    declared = catalog.metadata.get("Language", "")
    if to_language(declared) != language:
        problems.append(f"{name}: header says Language {declared!r}, the folder {language!r}")
    content_type = catalog.metadata.get("Content-Type", "")
    if "charset=utf-8" not in content_type.lower().replace(" ", ""):
        problems.append(f"{name}: Content-Type must declare charset=UTF-8, not {content_type!r}")
    count = None
    try:
        count, _function = parse_plural_forms(catalog.metadata.get("Plural-Forms"))
    except CatalogProblem as problem:
        if any(entry.msgid_plural for entry in catalog):
            problems.append(f"{name}: {problem}")
    for entry in catalog:
        if entry.obsolete:
            continue
        where = f"{name}: {entry.msgid[:50]!r}"
        if entry.occurrences and path.name != "content.po":
            problems.append(f"{where} has source locations; extract with --no-location")
        if entry.msgid_plural:
            if count is not None and sorted(entry.msgstr_plural) != list(range(count)):
                problems.append(
                    f"{where} has {len(entry.msgstr_plural)} plural forms; "
                    f"Plural-Forms says {count}"
                )
        elif entry.msgstr_plural:
            problems.append(f"{where} has plural translations but no msgid_plural")
        if entry.fuzzy:
            continue
        texts = list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
        for text in texts:
            if text and (
                text.startswith("\n") != entry.msgid.startswith("\n")
                or text.endswith("\n") != entry.msgid.endswith("\n")
            ):
                problems.append(f"{where}: the translation must begin and end like the msgid")
                break
        if "python-format" in entry.flags:
            problems += [
                f"{where}: {problem}" for problem in _format_problems(entry, python_format)
            ]
        if "python-brace-format" in entry.flags:
            problems += [f"{where}: {problem}" for problem in _format_problems(entry, brace_format)]
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


class Coverage:
    """The share of texts translated, for counts that have `translated` and `total`."""

    @property
    def coverage(self):
        """Current translations as a share of all texts to translate, in percent."""
        return 100.0 if not self.total else 100.0 * self.translated / self.total

    @property
    def percent(self):
        """Rounded down, so that 100 always means complete."""
        return int(self.coverage)


@dataclass
class InterfaceCounts(Coverage):
    translated: int = 0
    fuzzy: int = 0
    missing: int = 0
    has_catalog: bool = True

    @property
    def total(self):
        return self.translated + self.fuzzy + self.missing


def _is_translated(entry, language):
    if entry.fuzzy:
        return False
    texts = list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
    if language == MSGID_LANGUAGE:
        # An English msgstr left empty means the English msgid itself.
        return all(texts) or not any(texts)
    return all(texts)


def interface_status():
    """Per site language: translated, fuzzy and missing interface strings."""
    counts = {}
    known_msgids = set()
    for code in codes():
        result = InterfaceCounts()
        paths = [catalog_path(code, domain) for domain in DOMAINS]
        paths = [path for path in paths if path.exists()]
        if not paths:
            result.has_catalog = False
        for path in paths:
            for entry in read(path):
                if entry.obsolete:
                    continue
                known_msgids.add((path.stem, entry.msgctxt, entry.msgid))
                if entry.fuzzy:
                    result.fuzzy += 1
                elif _is_translated(entry, code):
                    result.translated += 1
                else:
                    result.missing += 1
        counts[code] = result
    for result in counts.values():
        if not result.has_catalog:
            result.missing = len(known_msgids)
    return counts


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
                        if not entry.obsolete and not _is_translated(entry, code):
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
