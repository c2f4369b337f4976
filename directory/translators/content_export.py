"""Exporting the content catalog of a translation language: every Polish text of the
partners and focus areas with its translation, for a translator's .po editor. What
`manage.py export_content_po` writes and the admin's Translations page downloads."""

from pathlib import Path

import django
import polib
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.translation import to_locale

from directory.data.progress import NoProgress
from directory.languages import column, language_name, source_language, translation_languages
from directory.models import StaleTranslation
from directory.translators.content_catalog import (
    SOURCE_LANGUAGE_HEADER,
    CatalogError,
    content_key,
    content_rows,
    language_problem,
    translated_fields,
    translated_models,
)


def _admin_path(model, slug, language):
    opts = model._meta
    try:
        with translation.override(language):
            return reverse(f"admin:{opts.app_label}_{opts.model_name}_by_slug", args=[slug])
    except NoReverseMatch:
        return None


def _describe(model, field_name, row, language):
    """Notes for the translator: which row and field, what the field holds, where to edit."""
    source = source_language()
    field_object = model._meta.get_field(field_name)
    with translation.override(None):
        model_name = str(model._meta.verbose_name)
        field_label = str(field_object.verbose_name)
        help_text = str(field_object.help_text)
    name_column = column("name", source)
    name = row.get(name_column) or row["slug"]
    lines = [f'{model_name} "{name}" ({row["slug"]}): {field_label}']
    if help_text:
        lines.append(help_text)
    if isinstance(field_object, models.CharField) and field_object.max_length:
        lines.append(f"At most {field_object.max_length} characters.")
    admin_path = _admin_path(model, row["slug"], language)
    if admin_path:
        lines.append(f"Admin: {admin_path}")
    return "\n".join(lines)


def _plural_forms(language):
    """The Plural-Forms header of the language's interface catalog, if it has one, so that
    every catalog of a language agrees; else the one Django's own catalog uses."""
    locale = to_locale(language)
    for path in (
        Path(settings.LOCALE_PATHS[0]) / locale / "LC_MESSAGES" / "django.po",
        Path(django.__file__).parent / "conf" / "locale" / locale / "LC_MESSAGES" / "django.po",
    ):
        if path.exists():
            plural_forms = polib.pofile(str(path)).metadata.get("Plural-Forms")
            if plural_forms:
                return plural_forms
    return None


def _stale_sources(language):
    """(content type id, object id, field) -> the source a stale translation was made from."""
    return {
        (row.content_type_id, row.object_id, row.field): row.previous_source
        for row in StaleTranslation.objects.filter(language=language)
    }


def _empty_catalog(language):
    """A catalog with the header and metadata of `language`'s content catalog."""
    source = source_language()
    # No wrapping: one line per text, and no comment is broken inside a slug.
    catalog = polib.POFile(wrapwidth=0)
    catalog.header = (
        f"Texts of the Trust & Safety Partners Directory in {language_name(language)} "
        f"({language}).\n"
        f"msgid is the {language_name(source)} source text; msgctxt says where it belongs "
        "(model/slug/field).\n"
        "A fuzzy entry translates an earlier source text (shown after #|): update or confirm "
        "it, then\nclear the fuzzy mark. Apply with `python manage.py import_content_po FILE`."
    )
    metadata = {
        "Project-Id-Version": "partners-directory content",
        # Translation tools fill these in when they save.
        "PO-Revision-Date": "",
        "Last-Translator": "",
        "Language-Team": language_name(language),
        "Language": to_locale(language),
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        SOURCE_LANGUAGE_HEADER: source,
    }
    plural_forms = _plural_forms(language)
    if plural_forms:
        metadata["Plural-Forms"] = plural_forms
    catalog.metadata = metadata
    return catalog


def _entry(model, field_name, row, language, previous):
    """The entry of one field of one row: None when it has no Polish text; fuzzy, with the
    `previous` Polish text, when its translation is stale."""
    text = row[column(field_name, source_language())] or ""
    if not text:
        return None
    entry = polib.POEntry(
        msgctxt=content_key(model, row["slug"], field_name),
        msgid=text,
        msgstr=row[column(field_name, language)] or "",
        comment=_describe(model, field_name, row, language),
    )
    if previous is not None and entry.msgstr:
        entry.flags.append("fuzzy")
        if previous:
            entry.previous_msgid = previous
    return entry


def build_catalog(language, progress=None):
    """The content catalog of one translation language, as a polib.POFile (its text is
    str(catalog)).

    Fields without Polish text have nothing to translate and are left out. A stale
    translation is fuzzy, with the Polish text it was made from as the previous msgid.
    """
    if language not in translation_languages():
        raise CatalogError(language_problem(language))
    catalog = _empty_catalog(language)
    progress = NoProgress() if progress is None else progress
    stale = _stale_sources(language)
    for model in translated_models():
        content_type_id = ContentType.objects.get_for_model(model).pk
        for row in content_rows(model):
            progress.update(1)
            for field_name in translated_fields(model):
                previous = stale.get((content_type_id, row["pk"], field_name))
                entry = _entry(model, field_name, row, language, previous)
                if entry is not None:
                    catalog.append(entry)
    return catalog
