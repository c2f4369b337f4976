"""The history of partners and focus areas in the admin (django-simple-history): every
version with who, when and the changed fields in every language; reverting to a version;
restoring deleted entries."""

import dataclasses

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import OuterRef, Subquery
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.translator import translator
from simple_history.admin import SimpleHistoryAdmin
from simple_history.template_utils import HistoricalRecordContextHelper

from directory import languages, roles


def hidden_in_diffs(model):
    """Columns a change of which says nothing new: the untranslated shadow of each translated
    field (its languages are shown instead) and the values derived from the texts."""
    hidden = {"search_document", "updated_at"}
    hidden.update(languages.sort_column(code) for code in languages.codes())
    hidden.update(translator.get_options_for_model(model).fields)
    return hidden


class TranslatedDeltaHelper(HistoricalRecordContextHelper):
    """Shows each language's column (labelled "Name [en]" by modeltranslation) and hides the
    derived ones."""

    def context_for_delta_changes(self, delta):
        hidden = hidden_in_diffs(self.model)
        delta = dataclasses.replace(
            delta, changes=[change for change in delta.changes if change.field not in hidden]
        )
        return super().context_for_delta_changes(delta)


class HistoryAdminMixin(SimpleHistoryAdmin):
    """History, revert and restore, allowed only to those who may change every field."""

    def get_historical_record_context_helper(self, request, historical_record):
        return TranslatedDeltaHelper(self.model, historical_record)

    def revert_disabled(self, request, obj=None):
        return super().revert_disabled(request, obj) or not roles.may_edit_everything(
            request.user, self.model
        )

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # A version restores every field, so it is for those allowed to change every field;
        # the library itself would let anyone with the change permission post it.
        if self.revert_disabled(request):
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)

    def get_urls(self):
        opts = self.model._meta
        prefix = f"{opts.app_label}_{opts.model_name}"
        return [
            path(
                "deleted/",
                self.admin_site.admin_view(self.deleted_view),
                name=f"{prefix}_deleted",
            ),
            path(
                "deleted/<int:history_id>/restore/",
                self.admin_site.admin_view(self.restore_view),
                name=f"{prefix}_restore",
            ),
            *super().get_urls(),
        ]

    def deleted_records(self):
        """The last version of each deleted entry, newest deletion first."""
        history = self.model.history.model
        latest = history.objects.filter(id=OuterRef("id")).order_by("-history_date", "-pk")
        return (
            history.objects.filter(history_type="-")
            .filter(history_id=Subquery(latest.values("history_id")[:1]))
            .exclude(id__in=self.model._base_manager.values("pk"))
            .select_related("history_user")
            .order_by("-history_date")
        )

    def deleted_view(self, request):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "title": _("Deleted %(items)s") % {"items": self.model._meta.verbose_name_plural},
            "opts": self.model._meta,
            "records": self.deleted_records(),
            "may_restore": self.may_restore(request),
        }
        return TemplateResponse(request, "admin/directory/deleted_entries.html", context)

    def may_restore(self, request):
        return self.has_add_permission(request) and roles.may_edit_everything(
            request.user, self.model
        )

    def restore_view(self, request, history_id):
        if request.method != "POST":
            return redirect(self.admin_url_name("deleted"))
        if not self.may_restore(request):
            raise PermissionDenied
        record = self.deleted_records().filter(history_id=unquote(str(history_id))).first()
        if record is None:
            raise Http404(gettext("This deleted entry does not exist or was restored already."))
        obj = record.instance
        obj._history_user = request.user
        try:
            with transaction.atomic():
                obj.save(force_insert=True)
                self.restore_relations(obj, record)
        except IntegrityError:
            self.message_user(
                request,
                gettext(
                    "“%(entry)s” cannot be restored: another entry now has its slug "
                    "“%(slug)s”. Change that entry's slug and try again."
                )
                % {"entry": obj, "slug": obj.slug},
                messages.ERROR,
            )
            return redirect(self.admin_url_name("deleted"))
        self.log_addition(request, obj, [{"restored": {}}])
        self.message_user(
            request, gettext("“%(entry)s” was restored.") % {"entry": obj}, messages.SUCCESS
        )
        return redirect(self.admin_url_name("change"), obj.pk)

    def admin_url_name(self, view):
        return f"admin:{self.model._meta.app_label}_{self.model._meta.model_name}_{view}"

    def restore_relations(self, obj, record):
        """Many-to-many links of the last version before the deletion (Django removes the
        links before the row, so the deletion's own record has none), to rows that still
        exist."""
        fields = getattr(record, "_history_m2m_fields", [])
        if not fields:
            return
        last_saved = (
            type(record)
            .objects.filter(id=record.id, history_date__lte=record.history_date)
            .exclude(history_type="-")
            .order_by("-history_date", "-pk")
            .first()
        )
        if last_saved is None:
            return
        for field in fields:
            through_rows = getattr(last_saved, field.name).all()
            target = field.related_model
            target_column = f"{target._meta.model_name}_id"
            wanted = [getattr(row, target_column) for row in through_rows]
            existing = target._base_manager.filter(pk__in=wanted)
            getattr(obj, field.name).set(existing)
