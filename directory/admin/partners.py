"""The admin's partner and focus area pages: lists, filters, forms and page titles."""

from django.contrib import admin, messages
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy
from modeltranslation.admin import TabbedTranslationAdmin

from directory import languages, roles
from directory.admin.forms import BoundedManyToManyMixin, PartnerAdminForm
from directory.admin.history import HistoryAdminMixin
from directory.admin.preview import PartnerPreviewAdminMixin
from directory.admin.translation_review import StaleTranslationFilter, TranslationReviewMixin
from directory.models import FocusArea, Partner
from directory.roles import RoleAdminMixin
from directory.translators.admin import TranslationsAdminMixin


def translated_into(obj, required):
    """The languages in which all of `required` fields of `obj` have text of their own."""
    return [
        code
        for code in languages.codes()
        if all(languages.own_text(obj, name, code) for name in required)
    ]


class FactsCheckedFilter(admin.SimpleListFilter):
    title = _("facts checked")
    parameter_name = "facts_checked"

    def lookups(self, request, model_admin):
        return [
            ("stale", _("more than a year ago, or never")),
            ("fresh", _("within the last year")),
        ]

    def queryset(self, request, queryset):
        due = Partner.objects.facts_unchecked_for().values("pk")
        if self.value() == "stale":
            return queryset.filter(pk__in=due)
        if self.value() == "fresh":
            return queryset.exclude(pk__in=due)
        return queryset


class GrammaticalTitlesMixin:
    """Page titles written out whole: Django builds them as "Add %s" from the model's name,
    which Polish must inflect ("Dodaj partnera", not "Dodaj partner")."""

    titles = {}

    def changelist_view(self, request, extra_context=None):
        return super().changelist_view(request, self._titled("changelist", extra_context))

    def add_view(self, request, form_url="", extra_context=None):
        return super().add_view(request, form_url, self._titled("add", extra_context))

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = self._titled("change", extra_context)
        return super().change_view(request, object_id, form_url, extra_context)

    def _titled(self, view, extra_context):
        extra_context = dict(extra_context or {})
        if view in self.titles:
            extra_context.setdefault("title", self.titles[view])
        if "add_label" in self.titles:
            extra_context.setdefault("add_label", self.titles["add_label"])
        return extra_context


@admin.register(FocusArea)
class FocusAreaAdmin(
    RoleAdminMixin, TranslationReviewMixin, HistoryAdminMixin, TabbedTranslationAdmin
):
    list_display = ["name", "slug", "position", "languages", "stale_translations"]
    list_filter = [StaleTranslationFilter]
    list_editable = ["position"]
    search_fields = ["slug", *languages.columns("name", "description")]
    prepopulated_fields = {"slug": [languages.source_column("name")]}

    @admin.display(description=_("translated into"))
    def languages(self, obj):
        return ", ".join(translated_into(obj, ["name"]))


@admin.register(Partner)
class PartnerAdmin(
    BoundedManyToManyMixin,
    GrammaticalTitlesMixin,
    TranslationsAdminMixin,
    RoleAdminMixin,
    PartnerPreviewAdminMixin,
    TranslationReviewMixin,
    HistoryAdminMixin,
    TabbedTranslationAdmin,
):
    form = PartnerAdminForm
    titles = {
        "changelist": _("Select a partner to change"),
        "add": _("Add a partner"),
        "change": _("Change a partner"),
        "add_label": _("Add a partner"),
    }
    # What fits at 1024 px (the abbreviation is in the name's search and on the form).
    list_display = [
        "name",
        "founding_year",
        "organization_type",
        "country",
        "is_published",
        "languages",
        "stale_translations",
        "facts_checked",
        "updated",
    ]
    list_filter = [
        "is_published",
        "organization_type",
        "focus_areas",
        FactsCheckedFilter,
        StaleTranslationFilter,
    ]
    actions = ["mark_facts_checked_today"]
    search_fields = ["slug", "abbreviation", *languages.columns("name", "mission")]
    prepopulated_fields = {"slug": [languages.source_column("name")]}
    filter_horizontal = ["focus_areas"]
    readonly_fields = ["created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "abbreviation", "is_published"]}),
        (_("Mission"), {"fields": ["mission", "focus_areas", "organization_type"]}),
        (_("Founding"), {"fields": ["founding_year", "founding_note"]}),
        (_("Where"), {"fields": ["website", "country", "city"]}),
        (
            _("Sources"),
            {"fields": ["sources", "facts_checked_on", "created_at", "updated_at"]},
        ),
    ]

    @admin.action(
        description=_("Mark the facts of the selected partners as checked today"),
        permissions=["change_source"],
    )
    def mark_facts_checked_today(self, request, queryset):
        today = timezone.localdate()
        # One save per partner, so the history records who checked and the page cache
        # follows.
        for partner in queryset:
            partner.facts_checked_on = today
            partner.save(update_fields=["facts_checked_on", "updated_at"])
        self.message_user(
            request,
            ngettext(
                "The facts of %(count)d partner are marked as checked today.",
                "The facts of %(count)d partners are marked as checked today.",
                len(queryset),
            )
            % {"count": len(queryset)},
            messages.SUCCESS,
        )

    def has_change_source_permission(self, request):
        return roles.may_edit_source(request.user, Partner)

    @admin.display(description=_("translated into"))
    def languages(self, obj):
        return ", ".join(translated_into(obj, ["name", "mission"]))

    @admin.display(
        description=pgettext_lazy("partner list column", "checked"), ordering="facts_checked_on"
    )
    def facts_checked(self, obj):
        """When the facts were last checked, short enough for the list at 1024 px."""
        if obj.facts_checked_on is None:
            return "—"
        return formats.date_format(obj.facts_checked_on, "SHORT_DATE_FORMAT")

    @admin.display(description=_("updated"), ordering="updated_at")
    def updated(self, obj):
        return formats.date_format(timezone.localtime(obj.updated_at), "SHORT_DATETIME_FORMAT")
