"""Every signal receiver of the site, connected once from DirectoryConfig.ready().

Model signals reach every way a row is written: the admin, the shell, the content import,
and loaddata (whose raw saves skip Model.save but still send signals). Here:
- a partner's sort keys and search document follow its texts;
- stale translations follow every save of a translated row;
- the cached public pages follow every change to the directory's content;
- after any write, the rest of the request reads from the primary database (routers);
- a new SQLite connection makes the database file owner-only (file_modes).
"""

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.backends.signals import connection_created
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save, pre_save

from directory import full_text, languages
from directory.models import FocusArea, Partner, StaleTranslation, fill_in_derived_fields
from directory.translators.content_catalog import (
    changes_between,
    record_changes,
    translated_fields,
    translated_models,
)
from partners_site import file_modes, page_cache, routers

_CHANGES = "_translation_changes"


def _translated_columns(model):
    return languages.columns(*translated_fields(model))


def remember_translation_changes(
    sender, instance, raw=False, using=None, update_fields=None, **kwargs
):
    """Before a save: compare the translated texts with what the database holds."""
    instance.__dict__.pop(_CHANGES, None)
    if instance.pk is None:
        return
    columns = _translated_columns(sender)
    if update_fields is not None:
        columns = [name for name in columns if name in update_fields]
        if not columns:
            return
    old = sender._base_manager.using(using).filter(pk=instance.pk).values(*columns).first()
    if old is None:
        # A new row with a given primary key (loaddata of a fixture with ids).
        return
    new = {name: getattr(instance, name) for name in columns}
    changes = changes_between(sender, old, new)
    if changes:
        instance.__dict__[_CHANGES] = changes


def record_translation_changes(sender, instance, using=None, **kwargs):
    """After the save succeeded: mark or clear stale translations."""
    changes = instance.__dict__.pop(_CHANGES, None)
    if changes:
        record_changes(instance, changes, using=using)


def forget_stale_translations(sender, instance, using=None, **kwargs):
    StaleTranslation.objects.using(using).filter(
        content_type=ContentType.objects.db_manager(using).get_for_model(sender),
        object_id=instance.pk,
    ).delete()


def renew_pages(sender, using=None, **kwargs):
    page_cache.content_changed(using=using)


def read_from_primary_after_write(sender, **kwargs):
    routers.read_from_primary()


def protect_sqlite_database(sender, connection, **kwargs):
    file_modes.protect_sqlite_database(connection)


def connect():
    pre_save.connect(fill_in_derived_fields, sender=Partner, dispatch_uid="partner-derived")
    for model in translated_models():
        uid = f"stale-translations-{model._meta.label_lower}"
        pre_save.connect(remember_translation_changes, sender=model, dispatch_uid=uid)
        post_save.connect(record_translation_changes, sender=model, dispatch_uid=uid)
        post_delete.connect(forget_stale_translations, sender=model, dispatch_uid=uid)
    for model in (Partner, FocusArea):
        uid = f"page-cache-{model._meta.label_lower}"
        post_save.connect(renew_pages, sender=model, dispatch_uid=uid)
        post_delete.connect(renew_pages, sender=model, dispatch_uid=uid)
    m2m_changed.connect(
        renew_pages, sender=Partner.focus_areas.through, dispatch_uid="page-cache-focus"
    )
    # A migration may change any data, and a release that migrates has new templates.
    post_migrate.connect(renew_pages, dispatch_uid="page-cache-migrate")
    # A migration that rebuilds the partner table (SQLite) drops the full-text triggers.
    post_migrate.connect(
        full_text.restore_triggers, sender=apps.get_app_config("directory"), dispatch_uid="fts"
    )
    # Site-wide plumbing, for every model and connection, not only the directory's.
    post_save.connect(read_from_primary_after_write, dispatch_uid="read-from-primary-after-save")
    post_delete.connect(
        read_from_primary_after_write, dispatch_uid="read-from-primary-after-delete"
    )
    connection_created.connect(protect_sqlite_database, dispatch_uid="protect_sqlite_database")
