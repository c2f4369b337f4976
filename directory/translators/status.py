"""The translation status: per language, how much of the interface and of the content is
translated (`manage.py translation_status`, the admin's Translations page, and the
completeness check of the catalogs)."""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType

from directory.languages import codes, column, source_language, translation_languages
from directory.models import StaleTranslation
from directory.translators.content_catalog import (
    content_rows,
    translated_fields,
    translated_models,
)
from directory.translators.interface_catalog import (
    DOMAINS,
    MSGID_LANGUAGE,
    catalog_path,
    read,
)


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


def is_translated(entry, language):
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
                elif is_translated(entry, code):
                    result.translated += 1
                else:
                    result.missing += 1
        counts[code] = result
    for result in counts.values():
        if not result.has_catalog:
            result.missing = len(known_msgids)
    return counts


@dataclass
class ContentCounts(Coverage):
    translated: int = 0
    stale: int = 0
    missing: int = 0

    @property
    def total(self):
        return self.translated + self.stale + self.missing


def content_status():
    """Per translation language: how many texts with a Polish source are translated and
    current, translated but stale, or not translated (shown in Polish)."""
    source = source_language()
    languages = translation_languages()
    stale = {
        (row["content_type_id"], row["object_id"], row["field"], row["language"])
        for row in StaleTranslation.objects.values(
            "content_type_id", "object_id", "field", "language"
        )
    }
    counts = {language: ContentCounts() for language in languages}
    for model in translated_models():
        content_type_id = ContentType.objects.get_for_model(model).pk
        fields = translated_fields(model)
        for row in content_rows(model):
            for field_name in fields:
                if not row[column(field_name, source)]:
                    continue
                for language in languages:
                    if not row[column(field_name, language)]:
                        counts[language].missing += 1
                    elif (content_type_id, row["pk"], field_name, language) in stale:
                        counts[language].stale += 1
                    else:
                        counts[language].translated += 1
    return counts


def content_totals():
    """How many rows each translated model has, for the status report."""
    return [(model, model._base_manager.count()) for model in translated_models()]
