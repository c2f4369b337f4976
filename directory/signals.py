"""Stale translations follow every save of a translated row: the admin, the shell, the
content import, and loaddata (whose raw saves skip Model.save but still send signals)."""

from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_delete, post_save, pre_save

from directory import languages
from directory.models import StaleTranslation
from directory.translators.content_catalog import (
    changes_between,
    record_changes,
    translated_fields,
    translated_models,
)

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


def connect():
    for model in translated_models():
        uid = f"stale-translations-{model._meta.label_lower}"
        pre_save.connect(remember_translation_changes, sender=model, dispatch_uid=uid)
        post_save.connect(record_translation_changes, sender=model, dispatch_uid=uid)
        post_delete.connect(forget_stale_translations, sender=model, dispatch_uid=uid)
