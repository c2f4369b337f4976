from django import forms
from django.contrib import admin, messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin

from directory import languages, roles
from directory.admin.forms import PartnerAdminForm
from directory.admin.history import HistoryAdminMixin
from directory.admin.preview import PartnerPreviewAdminMixin
from directory.models import FocusArea, Partner
from directory.roles import RoleAdminMixin
from directory.translators import content_catalog
from directory.translators.admin import TranslationsAdminMixin


def translated_into(obj, required):
    """The languages in which all of `required` fields of `obj` have text of their own."""
    return [
        code
        for code in languages.codes()
        if all(languages.own_text(obj, name, code) for name in required)
    ]


CONFIRM_FIELD = "confirm_translations"


class StaleTranslationFilter(admin.SimpleListFilter):
    title = _("translations")
    parameter_name = "translations"

    def lookups(self, request, model_admin):
        return [("stale", _("some need review")), ("current", _("all current"))]

    def queryset(self, request, queryset):
        stale = content_catalog.has_stale_translations(queryset.model)
        if self.value() == "stale":
            return queryset.filter(stale)
        if self.value() == "current":
            return queryset.exclude(stale)
        return queryset


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


class TranslationReviewMixin:
    """Stale translations in the admin: a list column and filter, a note on the changed
    field in its language tab, and a way to confirm a translation that still fits; plus an
    address by slug that the content catalogs point translators to."""

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(**content_catalog.stale_count_annotations(self.model))
        )

    @admin.display(description=_("translations to review"))
    def stale_translations(self, obj):
        counts = [
            (code, getattr(obj, content_catalog.stale_count_name(code), 0))
            for code in languages.translation_languages()
        ]
        return ", ".join(f"{code}: {count}" for code, count in counts if count) or None

    def _stale(self, request, obj):
        """The object's stale translations, looked up once per request."""
        cache = request.__dict__.setdefault("_stale_translations", {})
        key = (type(obj), obj.pk)
        if key not in cache:
            cache[key] = content_catalog.stale_translations_of(obj)
        return cache[key]

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        fieldsets = [
            (name, {**options, "fields": [f for f in options["fields"] if f != CONFIRM_FIELD]})
            for name, options in fieldsets
        ]
        if obj is None or not self._stale(request, obj):
            return fieldsets
        review = (
            _("Translations to review"),
            {
                "fields": [CONFIRM_FIELD],
                "description": _(
                    "The Polish text of these fields changed after they were translated. "
                    "Update the translation in its language tab, or tick it here if it "
                    "still fits the new Polish text."
                ),
            },
        )
        return [review, *fieldsets]

    def get_form(self, request, obj=None, change=False, **kwargs):
        if kwargs.get("fields"):
            kwargs["fields"] = [f for f in kwargs["fields"] if f != CONFIRM_FIELD]
        form = super().get_form(request, obj, change=change, **kwargs)
        stale = self._stale(request, obj) if obj is not None else []
        if not stale:
            return form
        choices = [
            (
                f"{row.field}:{row.language}",
                format_html(
                    "{} ({}): {}",
                    obj._meta.get_field(row.field).verbose_name,
                    row.language,
                    _("the translation still fits"),
                ),
            )
            for row in stale
        ]
        confirm = forms.MultipleChoiceField(
            label=_("Still correct"),
            choices=choices,
            required=False,
            widget=forms.CheckboxSelectMultiple,
        )
        return type(
            form.__name__, (StaleMarkersForm, form), {CONFIRM_FIELD: confirm, "stale": stale}
        )

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        confirmed = form.cleaned_data.get(CONFIRM_FIELD) or []
        source = languages.source_language()
        pairs = []
        for choice in confirmed:
            field_name, language = choice.split(":", 1)
            # A Polish text changed again in this very save needs a new review.
            if languages.column(field_name, source) not in form.changed_data:
                pairs.append((field_name, language))
        if pairs:
            content_catalog.confirm_translations(obj, pairs)

    def get_urls(self):
        opts = self.model._meta
        return [
            path(
                "by-slug/<slug:slug>/",
                self.admin_site.admin_view(self.change_by_slug),
                name=f"{opts.app_label}_{opts.model_name}_by_slug",
            ),
            *super().get_urls(),
        ]

    def change_by_slug(self, request, slug):
        """The change page of the row with this slug: catalogs name rows by slug."""
        obj = get_object_or_404(self.model._base_manager, slug=slug)
        if not self.has_view_or_change_permission(request, obj):
            raise Http404
        opts = self.model._meta
        return redirect(f"admin:{opts.app_label}_{opts.model_name}_change", obj.pk)


class StaleMarkersForm:
    """Marks each stale translation on its own field, inside that language's tab."""

    stale = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for row in self.stale:
            name = languages.column(row.field, row.language)
            if name not in self.fields:
                continue
            field = self.fields[name]
            field.label = format_html("{} ({})", field.label, gettext("needs review"))
            note = format_html(
                '<strong>{}</strong> {} <q lang="{}">{}</q>',
                gettext("Needs review:"),
                gettext("the Polish text changed on %(date)s; this translation was made from")
                % {"date": formats.date_format(row.marked_at, "SHORT_DATE_FORMAT")},
                languages.source_language(),
                row.previous_source or "—",
            )
            field.help_text = (
                format_html("{}<br>{}", note, field.help_text) if field.help_text else note
            )


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
