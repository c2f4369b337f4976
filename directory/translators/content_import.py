"""Importing a translated content catalog, all or nothing: read the file and check its
language and keys, plan what it does against the texts in the database (applied, confirmed,
unchanged, skipped with a reason, or a problem that stops the import), then apply the plan
in the same transaction. What `manage.py import_content_po` and the admin's upload do."""

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import polib
from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from directory.data.progress import NoProgress
from directory.languages import column, language_name, source_language
from directory.models import StaleTranslation
from directory.translators.content_catalog import (
    KEY_SEPARATOR,
    CatalogError,
    catalog_language,
    confirm_translations,
    translated_fields,
    translated_models,
)

SKIP_UNTRANSLATED = "not translated"
SKIP_FUZZY = "fuzzy: marked for review in the file"
SKIP_SOURCE_CHANGED = "the Polish text has changed since the file was exported; export it again"


@dataclass(frozen=True)
class Entry:
    """An entry of the file, with the row (model and slug) and the field its key names."""

    model: type
    slug: str
    field: str
    po: polib.POEntry

    @property
    def key(self):
        return self.po.msgctxt


@dataclass
class ImportPlan:
    """What importing a catalog does: the report (applied, confirmed, unchanged, skipped
    with reasons), the problems that stop it, and the changes to make, by row."""

    language: str
    # (key, old translation, new translation)
    applied: list = field(default_factory=list)
    # keys whose stale mark is cleared: the translation is confirmed as it is
    confirmed: list = field(default_factory=list)
    unchanged: list = field(default_factory=list)
    # (key, reason)
    skipped: list = field(default_factory=list)
    # what cannot be imported; any one of them stops the whole import
    problems: list = field(default_factory=list)
    # row -> {translation column: new text}
    updates: dict = field(default_factory=lambda: defaultdict(dict))
    # row -> [fields whose translation is confirmed]
    confirmations: dict = field(default_factory=lambda: defaultdict(list))
    # how many entries have the current source text as their msgid
    matching_sources: int = 0

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


# Reading the file ---------------------------------------------------------------------------


def _read(path, name=None):
    path = Path(path)
    if not path.is_file():
        raise CatalogError(f"{name or path} does not exist or is not a file.")
    try:
        return polib.pofile(str(path), check_for_duplicates=True)
    except (OSError, ValueError, UnicodeError, LookupError) as error:
        raise CatalogError(f"{name or path} is not a readable .po file: {error}") from error


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


def read_entries(catalog, path):
    """The entries of the file with what their keys name, or CatalogError listing every
    unknown key."""
    po_entries = [entry for entry in catalog if not entry.obsolete]
    if not po_entries:
        raise CatalogError(f"{path} has no entries to import.")
    models_by_name = {model._meta.model_name: model for model in translated_models()}
    entries, problems = [], []
    for po_entry in po_entries:
        try:
            entries.append(Entry(*_parse_key(po_entry, models_by_name), po_entry))
        except CatalogError as error:
            problems.append(str(error))
    if problems:
        raise _problems_error(path, problems)
    return entries


# Plan ---------------------------------------------------------------------------------------


def _rows(model, entries, lock):
    """The rows the entries name, by slug, locked until the transaction ends with `lock`."""
    rows = model._base_manager.filter(slug__in={entry.slug for entry in entries})
    if lock:
        rows = rows.select_for_update()
    return {instance.slug: instance for instance in rows}


def _stale_fields(model, instances, language):
    """object id -> the fields whose translation into `language` is stale."""
    stale = defaultdict(set)
    for row in StaleTranslation.objects.filter(
        content_type=ContentType.objects.get_for_model(model),
        object_id__in=[instance.pk for instance in instances],
        language=language,
    ):
        stale[row.object_id].add(row.field)
    return stale


def _skip_reason(entry, instance):
    """Why an entry is left out, or None: its Polish text is no longer the one on the site,
    it has no translation, or it is marked fuzzy."""
    if entry.po.msgid != (getattr(instance, column(entry.field, source_language())) or ""):
        return SKIP_SOURCE_CHANGED
    if not entry.po.msgstr.strip():
        return SKIP_UNTRANSLATED
    if entry.po.fuzzy:
        return SKIP_FUZZY
    return None


def _plan_entry(plan, entry, instance, stale):
    """Put one entry in the plan: skipped, a problem, applied, confirmed or unchanged."""
    reason = _skip_reason(entry, instance)
    if reason != SKIP_SOURCE_CHANGED:
        plan.matching_sources += 1
    if reason:
        plan.skipped.append((entry.key, reason))
        return
    text = entry.po.msgstr
    max_length = entry.model._meta.get_field(entry.field).max_length
    translation_column = column(entry.field, plan.language)
    current = getattr(instance, translation_column) or ""
    if max_length and len(text) > max_length:
        plan.problems.append(
            f"{entry.key}: the translation has {len(text)} characters; "
            f"the field holds at most {max_length}"
        )
    elif text != current:
        plan.applied.append((entry.key, current, text))
        plan.updates[instance][translation_column] = text
    elif stale:
        plan.confirmed.append(entry.key)
        plan.confirmations[instance].append(entry.field)
    else:
        plan.unchanged.append(entry.key)


def plan_import(language, entries, *, lock=False, progress=None):
    """What importing `entries` into `language` does to the texts in the database now. With
    `lock`, the rows stay locked until the transaction ends, for apply_plan."""
    progress = NoProgress() if progress is None else progress
    plan = ImportPlan(language=language)
    by_model = defaultdict(list)
    for entry in entries:
        by_model[entry.model].append(entry)
    for model, model_entries in by_model.items():
        instances = _rows(model, model_entries, lock)
        stale = _stale_fields(model, instances.values(), language)
        for entry in model_entries:
            progress.update(1)
            instance = instances.get(entry.slug)
            if instance is None:
                plan.problems.append(
                    f"unknown key {entry.key!r}: there is no {model._meta.model_name} "
                    f"with the slug {entry.slug!r}"
                )
                continue
            _plan_entry(plan, entry, instance, entry.field in stale[instance.pk])
    if not plan.problems and not plan.matching_sources:
        plan.problems.append(
            f"none of its {len(entries)} entries has the current "
            f"{language_name(source_language())} text as its msgid: the file was made from "
            "another source text. Export a fresh one with `python manage.py "
            f"export_content_po --language {language}`"
        )
    return plan


# Apply --------------------------------------------------------------------------------------


def apply_plan(plan, change_reason=None):
    """Save the plan's new translations and clear the stale marks of the confirmed ones.
    A full save, so that whatever derives from the texts follows them; the save itself
    clears the stale marks of what it changed. `change_reason` goes into the history."""
    for instance, texts in plan.updates.items():
        for column_name, text in texts.items():
            setattr(instance, column_name, text)
        if change_reason:
            instance._change_reason = change_reason
        instance.save()
    for instance, fields in plan.confirmations.items():
        confirm_translations(instance, [(field_name, plan.language) for field_name in fields])


def import_catalog(
    path, *, language=None, dry_run=False, name=None, change_reason=None, progress=None
):
    """Apply the translations of a content catalog, all or nothing, and return the plan
    (what was applied, confirmed, unchanged and skipped).

    Only translated, non-fuzzy entries whose msgid is still the current Polish text are
    applied. A file with an unknown key, an over-long text, or no entry matching the
    current Polish texts raises CatalogError and changes nothing. Messages call the file
    `name` (an upload's name) or its path; `change_reason` goes into the history;
    `progress` hears of each entry checked.
    """
    progress = NoProgress() if progress is None else progress
    catalog = _read(path, name)
    path = name or path
    language = catalog_language(catalog, path, language)
    entries = read_entries(catalog, path)
    progress.show(0, len(entries))
    with transaction.atomic():
        plan = plan_import(language, entries, lock=not dry_run, progress=progress)
        if plan.problems:
            raise _problems_error(path, plan.problems)
        if not dry_run:
            apply_plan(plan, change_reason)
    return plan
