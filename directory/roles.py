"""Staff roles, enforced by the admin on the server.

Editors (migration 0005) have the change permission plus `change_<model>_source` (the
Polish text and every untranslated field) and `publish_partner`; Translators have only the
change permission, which lets them edit the translation columns of the languages other than
the source language. Fields a user may not change are read-only in the form, so anything
posted for them is ignored.
"""

from modeltranslation.translator import translator

from directory import languages
from directory.models import Partner


def source_permission(model):
    opts = model._meta
    return f"{opts.app_label}.change_{opts.model_name}_source"


PUBLISH_PERMISSION = "directory.publish_partner"


def translation_columns(model):
    """The columns of every translated field in the languages other than the source."""
    fields = translator.get_options_for_model(model).fields
    return languages.columns(*fields, languages=languages.translation_languages())


def may_edit_source(user, model):
    return user.has_perm(source_permission(model))


def may_publish(user):
    return user.has_perm(PUBLISH_PERMISSION)


def may_edit_everything(user, model):
    return may_edit_source(user, model) and (model is not Partner or may_publish(user))


def editable_fields(model):
    """Every field a form may change, translated ones by their language columns."""
    translated = set(translator.get_options_for_model(model).fields)
    names = [
        field.name
        for field in model._meta.get_fields()
        if getattr(field, "editable", False)
        and not field.auto_created
        and field.concrete
        and field.name not in translated
        and not field.primary_key
    ]
    return names


class RoleAdminMixin:
    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not may_edit_source(request.user, self.model):
            allowed = set(translation_columns(self.model))
            readonly += [
                name
                for name in editable_fields(self.model)
                if name not in allowed and name not in readonly
            ]
        elif self.model is Partner and not may_publish(request.user):
            readonly.append("is_published")
        return readonly

    def get_prepopulated_fields(self, request, obj=None):
        if not may_edit_source(request.user, self.model):
            return {}
        return super().get_prepopulated_fields(request, obj)

    def get_changelist_instance(self, request):
        changelist = super().get_changelist_instance(request)
        # Editing in the list changes untranslated fields (a focus area's position).
        if not may_edit_source(request.user, self.model):
            changelist.list_editable = ()
        return changelist
