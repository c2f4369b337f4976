"""The review queue of visitors' suggestions: new, in review, accepted, rejected.

Editors change a suggestion's status (the admin records who and when, and the history keeps
every step); Translators may read suggestions but never the sender's e-mail address.
Everything the sender typed is shown escaped, and the source is a link only when it is a
web address.
"""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models.constants import LOOKUP_SEP
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from directory.models import Suggestion
from directory.models.validators import is_web_address

EMAIL_PERMISSION = "directory.view_suggestion_email"
SENDER_FIELDS = ["kind", "organization_name", "message", "source", "email", "language"]


def may_see_email(user):
    return user.has_perm(EMAIL_PERMISSION)


@admin.register(Suggestion)
class SuggestionAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "kind", "concerns", "status", "created_at", "handled_by"]
    list_filter = ["status", "kind"]
    list_select_related = ["partner", "handled_by"]
    search_fields = ["message", "organization_name", "source_url"]
    date_hierarchy = "created_at"
    raw_id_fields = ["partner"]
    history_list_display = ["status", "handled_by"]

    def lookup_allowed(self, lookup, value, request):
        # A filter in the address bar (?email__startswith=a) would let anyone who may read
        # the queue guess a hidden address one letter at a time.
        if lookup.split(LOOKUP_SEP)[0] == "email" and not may_see_email(request.user):
            return False
        return super().lookup_allowed(lookup, value, request)

    def get_fieldsets(self, request, obj=None):
        sender = [name for name in SENDER_FIELDS if name != "email" or may_see_email(request.user)]
        return [
            (_("What the visitor sent"), {"fields": sender}),
            (
                _("Review"),
                {"fields": ["status", "partner", "concerns", "handled_by", "handled_at"]},
            ),
            (None, {"fields": ["created_at"]}),
        ]

    def get_readonly_fields(self, request, obj=None):
        readonly = [*SENDER_FIELDS, "concerns", "handled_by", "handled_at", "created_at"]
        if not self.has_change_permission(request, obj):
            readonly += ["status", "partner"]
        return readonly

    @admin.display(description=_("concerns"))
    def concerns(self, obj):
        if obj.partner_id:
            url = reverse("admin:directory_partner_change", args=[obj.partner_id])
            return format_html('<a href="{}">{}</a>', url, obj.partner)
        return obj.organization_name or "—"

    @admin.display(description=_("source"))
    def source(self, obj):
        if is_web_address(obj.source_url):
            return format_html(
                '<a href="{}" rel="noopener noreferrer external">{}</a>',
                obj.source_url,
                obj.source_url,
            )
        return obj.source_url

    def has_add_permission(self, request):
        # Suggestions come from visitors, through the public form.
        return False

    def save_model(self, request, obj, form, change):
        if "status" in form.changed_data:
            obj.handled_by = request.user
            obj.handled_at = timezone.now()
        super().save_model(request, obj, form, change)

    def revert_disabled(self, request, obj=None):
        # A suggestion moves forward through its statuses; its history is a record only.
        return True

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        raise PermissionDenied
