from django.conf import settings
from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin
from modeltranslation.utils import build_localized_fieldname

from .forms import PartnerAdminForm
from .models import FocusArea, Partner


def localized_fields(*names):
    """Every language's column of each translated field: name -> name_pl, name_en, ..."""
    return [
        build_localized_fieldname(name, code) for name in names for code, _ in settings.LANGUAGES
    ]


def translated_into(obj, required):
    """The languages in which all of `required` fields of `obj` have text of their own."""
    return [
        code
        for code, _ in settings.LANGUAGES
        if all(getattr(obj, build_localized_fieldname(name, code)) for name in required)
    ]


@admin.register(FocusArea)
class FocusAreaAdmin(TabbedTranslationAdmin):
    list_display = ["name", "slug", "position", "languages"]
    list_editable = ["position"]
    search_fields = ["slug", *localized_fields("name", "description")]
    prepopulated_fields = {"slug": ["name_pl"]}

    @admin.display(description=_("translated into"))
    def languages(self, obj):
        return ", ".join(translated_into(obj, ["name"]))


@admin.register(Partner)
class PartnerAdmin(TabbedTranslationAdmin):
    form = PartnerAdminForm
    list_display = [
        "name",
        "abbreviation",
        "founding_year",
        "organization_type",
        "country",
        "is_published",
        "languages",
        "updated_at",
    ]
    list_filter = ["is_published", "organization_type", "focus_areas"]
    search_fields = ["slug", "abbreviation", *localized_fields("name", "mission")]
    prepopulated_fields = {"slug": ["name_pl"]}
    filter_horizontal = ["focus_areas"]
    readonly_fields = ["created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "abbreviation", "is_published"]}),
        (_("Mission"), {"fields": ["mission", "focus_areas", "organization_type"]}),
        (_("Founding"), {"fields": ["founding_year", "founding_note"]}),
        (_("Where"), {"fields": ["website", "country", "city"]}),
        (_("Sources"), {"fields": ["sources", "created_at", "updated_at"]}),
    ]

    @admin.display(description=_("translated into"))
    def languages(self, obj):
        return ", ".join(translated_into(obj, ["name", "mission"]))
