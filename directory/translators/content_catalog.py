"""Partner and focus area texts as gettext catalogs, and the translations that went stale.

Each translated field of each row is one catalog entry: the Polish text is the msgid and
msgctxt is a key that means the same in every database, `<model>/<slug>/<field>` (never a
database id). A translation is stale when the Polish text it was made from has changed
since; StaleTranslation keeps that Polish text until a translator updates or confirms it.
"""

from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import to_language, to_locale
from modeltranslation.translator import translator

from directory.languages import (
    codes,
    column,
    columns,
    language_name,
    source_language,
    translation_languages,
)
from directory.models import StaleTranslation

KEY_SEPARATOR = "/"
SOURCE_LANGUAGE_HEADER = "X-Source-Language"


class CatalogError(Exception):
    """A catalog that cannot be used as it is; the message says why and what to do."""


# Languages and fields -------------------------------------------------------------------


def translated_models():
    """The models with translated fields, by model name so that exports are stable."""
    return sorted(
        translator.get_registered_models(abstract=False), key=lambda model: model._meta.model_name
    )


def translated_fields(model):
    """The model's translated fields, in the order the model defines them (modeltranslation
    keeps them in a set, whose order changes from one process to the next)."""
    registered = translator.get_options_for_model(model).all_fields
    return [
        model_field.name
        for model_field in model._meta.get_fields()
        if model_field.name in registered
    ]


def content_key(model, slug, field_name):
    return KEY_SEPARATOR.join((model._meta.model_name, slug, field_name))


def catalog_path(language):
    """Where the content catalog of `language` lives: beside its interface catalog."""
    return Path(settings.LOCALE_PATHS[0]) / to_locale(language) / "LC_MESSAGES" / "content.po"


# Stale translations -----------------------------------------------------------------------


@dataclass(frozen=True)
class FieldChange:
    """What one save did to one translated field of one row."""

    field: str
    old_source: str
    new_source: str
    # Languages whose translation was part of the save (edited, cleared or replaced).
    retranslated: tuple[str, ...]
    # Languages whose existing translation was left as it was.
    kept: tuple[str, ...]


def changes_between(model, old, new):
    """The translated fields whose source or translations differ between two value dicts
    (column name -> text). Columns missing from `new` were not saved and count as unchanged."""
    source = source_language()
    changes = []
    for field_name in translated_fields(model):
        source_column = column(field_name, source)
        old_source = old.get(source_column) or ""
        new_source = new.get(source_column, old_source) or ""
        retranslated, kept = [], []
        for language in translation_languages():
            translation_column = column(field_name, language)
            old_text = old.get(translation_column) or ""
            new_text = new.get(translation_column, old_text) or ""
            if old_text != new_text:
                retranslated.append(language)
            elif new_text:
                kept.append(language)
        if old_source != new_source or retranslated:
            changes.append(
                FieldChange(field_name, old_source, new_source, tuple(retranslated), tuple(kept))
            )
    return changes


def record_changes(instance, changes, using=None):
    """Mark or clear stale translations after a save that made `changes`.

    A translation saved together with its source, or on its own, is current again. A kept
    translation whose source changed becomes stale, remembering the source it was made
    from (the oldest one, when the source changes again before anyone reviews it); it is
    current again when the source goes back to that text.
    """
    content_type = ContentType.objects.db_manager(using).get_for_model(type(instance))
    rows = StaleTranslation.objects.using(using).filter(
        content_type=content_type, object_id=instance.pk
    )
    to_clear = [(change.field, language) for change in changes for language in change.retranslated]
    to_mark = [
        (change, language)
        for change in changes
        if change.old_source != change.new_source
        for language in change.kept
    ]
    if not to_clear and not to_mark:
        return
    existing = {(row.field, row.language): row for row in rows}
    clear_ids = [existing[key].pk for key in to_clear if key in existing]
    new_rows = []
    for change, language in to_mark:
        row = existing.get((change.field, language))
        if row is None:
            new_rows.append(
                StaleTranslation(
                    content_type=content_type,
                    object_id=instance.pk,
                    field=change.field,
                    language=language,
                    previous_source=change.old_source,
                )
            )
        elif row.previous_source == change.new_source:
            clear_ids.append(row.pk)
    if clear_ids:
        StaleTranslation.objects.using(using).filter(pk__in=clear_ids).delete()
    if new_rows:
        StaleTranslation.objects.using(using).bulk_create(new_rows)


def confirm_translations(instance, pairs):
    """A translator says these (field, language) translations still fit: no longer stale."""
    content_type = ContentType.objects.get_for_model(type(instance))
    matches = models.Q(pk__in=[])
    for field_name, language in pairs:
        matches |= models.Q(field=field_name, language=language)
    return StaleTranslation.objects.filter(
        matches, content_type=content_type, object_id=instance.pk
    ).delete()[0]


def stale_translations_of(instance):
    """The stale translations of one row, by field then language."""
    content_type = ContentType.objects.get_for_model(type(instance))
    languages = translation_languages()
    fields = translated_fields(type(instance))
    rows = StaleTranslation.objects.filter(content_type=content_type, object_id=instance.pk)
    return sorted(
        (row for row in rows if row.language in languages and row.field in fields),
        key=lambda row: (fields.index(row.field), languages.index(row.language)),
    )


def stale_count_name(language):
    return f"stale_{language.replace('-', '_')}"


def stale_count_annotations(model):
    """Annotations `stale_<language>`: how many of a row's translations are stale."""
    content_type = ContentType.objects.get_for_model(model)
    annotations = {}
    for language in translation_languages():
        count = (
            StaleTranslation.objects.filter(
                content_type=content_type, object_id=models.OuterRef("pk"), language=language
            )
            .order_by()
            .values("object_id")
            .annotate(count=models.Count("pk"))
            .values("count")
        )
        annotations[stale_count_name(language)] = models.functions.Coalesce(
            models.Subquery(count, output_field=models.IntegerField()), 0
        )
    return annotations


def has_stale_translations(model):
    content_type = ContentType.objects.get_for_model(model)
    return models.Exists(
        StaleTranslation.objects.filter(
            content_type=content_type,
            object_id=models.OuterRef("pk"),
            language__in=translation_languages(),
        )
    )


def content_rows(model):
    """Every row's id, slug and translated columns, sorted by slug in Python so that the
    order is the same in every database whatever its collation."""
    rows = model._base_manager.values("pk", "slug", *columns(*translated_fields(model)))
    return sorted(rows, key=lambda row: row["slug"])


def language_problem(language):
    choices = ", ".join(translation_languages()) or "none"
    if language == source_language():
        return (
            f"{language} is the source language: its texts are edited in the admin and are "
            f"the msgids of the other languages' catalogs. Translation languages: {choices}."
        )
    return f"{language!r} is not a translation language of this site (those are: {choices})."


def catalog_language(catalog, path, expected=None):
    """The site language a catalog holds, from its Language header; CatalogError unless it
    is a translation language (and `expected`, if given) whose source is the site's."""
    declared = (catalog.metadata.get("Language") or "").strip()
    if not declared:
        raise CatalogError(
            f"{path} does not say which language it holds: its header has no Language "
            "field (for example `Language: en`)."
        )
    language = to_language(declared)
    if language not in codes() and language.split("-")[0] in codes():
        language = language.split("-")[0]
    if language not in translation_languages():
        raise CatalogError(f"{path}: {language_problem(language)}")
    if expected and to_language(expected) != language:
        raise CatalogError(
            f"{path} holds {language} ({language_name(language)}), not {expected} as asked."
        )
    source = (catalog.metadata.get(SOURCE_LANGUAGE_HEADER) or "").strip()
    if source and to_language(source) != source_language():
        raise CatalogError(
            f"{path} translates {source} texts, but this site's source language is "
            f"{source_language()}."
        )
    return language
