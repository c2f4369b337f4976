"""Partner and focus area texts as gettext catalogs, and the translations that went stale.

Each translated field of each row is one catalog entry: the Polish text is the msgid and
msgctxt is a key that means the same in every database, `<model>/<slug>/<field>` (never a
database id). A translation is stale when the Polish text it was made from has changed
since; StaleTranslation keeps that Polish text until a translator updates or confirms it.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import polib
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.translation import to_language, to_locale
from modeltranslation.translator import translator

from directory.data.progress import NoProgress
from directory.languages import (
    codes,
    column,
    columns,
    language_name,
    source_language,
    translation_languages,
)
from directory.models import StaleTranslation
from directory.translators.interface_catalog import Coverage

CONTENT_DOMAIN = "content"
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


def _stale_sources(language):
    """(content type id, object id, field) -> the source a stale translation was made from."""
    return {
        (row.content_type_id, row.object_id, row.field): row.previous_source
        for row in StaleTranslation.objects.filter(language=language)
    }


def _content_rows(model):
    """Every row's id, slug and translated columns, sorted by slug in Python so that the
    order is the same in every database whatever its collation."""
    rows = model._base_manager.values("pk", "slug", *columns(*translated_fields(model)))
    return sorted(rows, key=lambda row: row["slug"])


# Translation status -----------------------------------------------------------------------


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
        for row in _content_rows(model):
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


# Export -----------------------------------------------------------------------------------


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
    import django

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


def build_catalog(language, progress=None):
    """The content catalog of one translation language, as a polib.POFile.

    Fields without Polish text have nothing to translate and are left out. A stale
    translation is fuzzy, with the Polish text it was made from as the previous msgid.
    """
    if language not in translation_languages():
        raise CatalogError(_language_problem(language))
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
    progress = NoProgress() if progress is None else progress
    stale = _stale_sources(language)
    for model in translated_models():
        content_type_id = ContentType.objects.get_for_model(model).pk
        for row in _content_rows(model):
            progress.update(1)
            for field_name in translated_fields(model):
                text = row[column(field_name, source)] or ""
                if not text:
                    continue
                entry = polib.POEntry(
                    msgctxt=content_key(model, row["slug"], field_name),
                    msgid=text,
                    msgstr=row[column(field_name, language)] or "",
                    comment=_describe(model, field_name, row, language),
                )
                previous = stale.get((content_type_id, row["pk"], field_name))
                if previous is not None and entry.msgstr:
                    entry.flags.append("fuzzy")
                    if previous:
                        entry.previous_msgid = previous
                catalog.append(entry)
    return catalog


def render_catalog(catalog):
    return str(catalog)


# Import -----------------------------------------------------------------------------------


@dataclass
class ImportReport:
    language: str
    # (key, old translation, new translation)
    applied: list = field(default_factory=list)
    # keys whose stale mark was cleared: the translation was confirmed as it is
    confirmed: list = field(default_factory=list)
    unchanged: list = field(default_factory=list)
    # (key, reason)
    skipped: list = field(default_factory=list)

    @property
    def changes(self):
        return len(self.applied) + len(self.confirmed)

    def skipped_by_reason(self):
        """{reason: [keys]} in the order the reasons first occur."""
        by_reason = {}
        for key, reason in self.skipped:
            by_reason.setdefault(reason, []).append(key)
        return by_reason

    def summary(self):
        return (
            f"{self.language}: {len(self.applied)} applied, {len(self.confirmed)} confirmed, "
            f"{len(self.unchanged)} unchanged, {len(self.skipped)} skipped."
        )


SKIP_UNTRANSLATED = "not translated"
SKIP_FUZZY = "fuzzy: marked for review in the file"
SKIP_SOURCE_CHANGED = "the Polish text has changed since the file was exported; export it again"


def _language_problem(language):
    choices = ", ".join(translation_languages()) or "none"
    if language == source_language():
        return (
            f"{language} is the source language: its texts are edited in the admin and are "
            f"the msgids of the other languages' catalogs. Translation languages: {choices}."
        )
    return f"{language!r} is not a translation language of this site (those are: {choices})."


def _read(path, name=None):
    path = Path(path)
    if not path.is_file():
        raise CatalogError(f"{name or path} does not exist or is not a file.")
    try:
        return polib.pofile(str(path), check_for_duplicates=True)
    except (OSError, ValueError, UnicodeError, LookupError) as error:
        raise CatalogError(f"{name or path} is not a readable .po file: {error}") from error


def _catalog_language(catalog, path, expected):
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
        raise CatalogError(f"{path}: {_language_problem(language)}")
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


def _parse_key(entry, models_by_name):
    """(model, slug, field) of an entry, or a CatalogError saying why its key is unknown."""
    if not entry.msgctxt:
        raise CatalogError(
            f"the entry {entry.msgid[:60]!r} has no msgctxt, so it belongs to no partner or "
            "focus area (is this an interface catalog?)"
        )
    parts = entry.msgctxt.split(KEY_SEPARATOR)
    if len(parts) != 3 or not all(parts):
        raise CatalogError(f"unknown key {entry.msgctxt!r}: keys look like partner/<slug>/<field>")
    model_name, slug, field_name = parts
    model = models_by_name.get(model_name)
    if model is None:
        raise CatalogError(
            f"unknown key {entry.msgctxt!r}: {model_name!r} is none of "
            f"{', '.join(sorted(models_by_name))}"
        )
    if field_name not in translated_fields(model):
        raise CatalogError(
            f"unknown key {entry.msgctxt!r}: a {model_name} has no translated field {field_name!r}"
        )
    if entry.msgid_plural:
        raise CatalogError(f"{entry.msgctxt}: content entries have no plural forms")
    return model, slug, field_name


def _problems_error(path, problems):
    shown = "\n".join(f"  - {problem}" for problem in problems[:20])
    more = f"\n  ... and {len(problems) - 20} more" if len(problems) > 20 else ""
    return CatalogError(f"{path} cannot be imported; nothing was changed:\n{shown}{more}")


def import_catalog(
    path, *, language=None, dry_run=False, name=None, change_reason=None, progress=None
):
    """Apply the translations of a content catalog, all or nothing.

    Only translated, non-fuzzy entries whose msgid is still the current Polish text are
    applied. A file with an unknown key, an over-long text, or no entry matching the
    current Polish texts raises CatalogError and changes nothing. Messages call the file
    `name` (an upload's name) or its path; `change_reason` goes into the history;
    `progress` hears of each entry checked.
    """
    progress = NoProgress() if progress is None else progress
    catalog = _read(path, name)
    path = name or path
    language = _catalog_language(catalog, path, language)
    entries = [entry for entry in catalog if not entry.obsolete]
    if not entries:
        raise CatalogError(f"{path} has no entries to import.")
    models_by_name = {model._meta.model_name: model for model in translated_models()}
    problems = []
    wanted = defaultdict(list)  # model -> [(slug, field, entry)]
    for entry in entries:
        try:
            model, slug, field_name = _parse_key(entry, models_by_name)
        except CatalogError as error:
            problems.append(str(error))
            continue
        wanted[model].append((slug, field_name, entry))
    if problems:
        raise _problems_error(path, problems)

    report = ImportReport(language=language)
    source = source_language()
    progress.show(0, len(entries))
    with transaction.atomic():
        plan = []  # (instance, {column: new text}, [confirmed fields])
        matching_sources = 0
        for model, items in wanted.items():
            rows = model._base_manager.filter(slug__in={slug for slug, _f, _e in items})
            if not dry_run:
                rows = rows.select_for_update()
            instances = {instance.slug: instance for instance in rows}
            stale_by_object = defaultdict(set)
            for row in StaleTranslation.objects.filter(
                content_type=ContentType.objects.get_for_model(model),
                object_id__in=[instance.pk for instance in instances.values()],
                language=language,
            ):
                stale_by_object[row.object_id].add(row.field)
            changes = defaultdict(dict)
            confirmations = defaultdict(list)
            for slug, field_name, entry in items:
                progress.update(1)
                key = entry.msgctxt
                instance = instances.get(slug)
                if instance is None:
                    problems.append(
                        f"unknown key {key!r}: there is no {model._meta.model_name} "
                        f"with the slug {slug!r}"
                    )
                    continue
                current_source = getattr(instance, column(field_name, source)) or ""
                current = getattr(instance, column(field_name, language)) or ""
                if entry.msgid != current_source:
                    report.skipped.append((key, SKIP_SOURCE_CHANGED))
                    continue
                matching_sources += 1
                if not entry.msgstr.strip():
                    report.skipped.append((key, SKIP_UNTRANSLATED))
                    continue
                if entry.fuzzy:
                    report.skipped.append((key, SKIP_FUZZY))
                    continue
                max_length = model._meta.get_field(field_name).max_length
                if max_length and len(entry.msgstr) > max_length:
                    problems.append(
                        f"{key}: the translation has {len(entry.msgstr)} characters; "
                        f"the field holds at most {max_length}"
                    )
                    continue
                if entry.msgstr != current:
                    report.applied.append((key, current, entry.msgstr))
                    changes[instance][column(field_name, language)] = entry.msgstr
                elif field_name in stale_by_object[instance.pk]:
                    report.confirmed.append(key)
                    confirmations[instance].append(field_name)
                else:
                    report.unchanged.append(key)
            for instance in {*changes, *confirmations}:
                plan.append((instance, changes[instance], confirmations[instance]))
        if not problems and not matching_sources:
            problems.append(
                f"none of its {len(entries)} entries has the current {language_name(source)} "
                "text as its msgid: the file was made from another source text. Export a "
                f"fresh one with `python manage.py export_content_po --language {language}`"
            )
        if problems:
            raise _problems_error(path, problems)
        if not dry_run:
            for instance, new_texts, confirmed in plan:
                if new_texts:
                    for column_name, text in new_texts.items():
                        setattr(instance, column_name, text)
                    if change_reason:
                        instance._change_reason = change_reason
                    # A full save, so that whatever derives from the texts follows them;
                    # the save itself clears the stale marks of what it changed.
                    instance.save()
                if confirmed:
                    confirm_translations(
                        instance, [(field_name, language) for field_name in confirmed]
                    )
    return report
