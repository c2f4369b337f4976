"""Stale translations in the admin: a list column and filter, a note on each changed field
in its language tab, and a way to confirm a translation that still fits."""

from django import forms
from django.contrib import admin
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.utils import formats
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from directory import languages
from directory.translators import content_catalog

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
