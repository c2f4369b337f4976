"""The partner list's filter form as visitors see it: its fields, widgets and templates.

The form is rendered with Django's form rendering from templates/directory/forms/: each
input's limits (maxlength, min, max) come from its field, and the options of the focus
area, type and country fields carry how many partners each would give.
"""

import django_filters
from django import forms
from django.forms.boundfield import BoundField
from django.forms.renderers import TemplatesSetting
from django.utils.translation import gettext_lazy as _

from directory import languages
from directory.models.validators import MIN_FOUNDING_YEAR, latest_founding_year


class YearInput(forms.NumberInput):
    """A year: numeric keyboard, and no later than this year when the page is drawn."""

    def __init__(self, attrs=None):
        super().__init__({"inputmode": "numeric", **(attrs or {})})

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"]["max"] = latest_founding_year()
        return context


class YearField(forms.IntegerField):
    widget = YearInput

    def __init__(self, **kwargs):
        super().__init__(min_value=MIN_FOUNDING_YEAR, **kwargs)

    def validate(self, value):
        super().validate(value)
        this_year = latest_founding_year()
        if value is not None and value > this_year:
            raise forms.ValidationError(
                _("Enter a year no later than %(year)s."),
                code="max_value",
                params={"year": this_year},
            )


class AppliedChoiceBoundField(BoundField):
    """A choice the page always applies: a value that is not one of the choices shows the
    field's initial choice, which the page uses in its place (the page's notice reports
    the bad value, so the control itself is not marked)."""

    @property
    def errors(self):
        return self.form.error_class(renderer=self.form.renderer)

    def value(self):
        value = super().value()
        return value if self.field.valid_value(value) else self.field.initial


class OptionsSelect(forms.Select):
    """A select whose options are written in one template (no include per option: the
    list's form is drawn on every uncached list page)."""

    template_name = "directory/forms/widgets/select.html"


class SortField(django_filters.fields.ChoiceField):
    widget = OptionsSelect
    bound_field_class = AppliedChoiceBoundField


class FacetCheckboxes(forms.CheckboxSelectMultiple):
    """Checkboxes with stable ids (`<name>-<value>`) whose options know the language of
    their label and how many partners they would give (see `PartnerFilterForm.offer`)."""

    facets = {}

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        option["attrs"]["id"] = f"{name}-{value}"
        # The fieldset's error message speaks for the group, not for each box.
        option["attrs"].pop("aria-invalid", None)
        option["lang"], option["count"] = self.facets.get(value, (None, 0))
        return option


class FilterFormRenderer(TemplatesSetting):
    """The site's templates (templates/directory/forms/), Django's for the widgets."""

    field_template_name = "directory/forms/field.html"


class PartnerFilterForm(forms.Form):
    default_renderer = FilterFormRenderer()
    template_name = "directory/forms/partner_filter.html"

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("founded_from"), cleaned.get("founded_to")
        if start is not None and end is not None and start > end:
            self.add_error(
                "founded_to",
                forms.ValidationError(
                    _("“Founded to” (%(end)s) is earlier than “founded from” (%(start)s)."),
                    code="reversed_range",
                    params={"start": start, "end": end},
                ),
            )
        return cleaned

    def offer(self, focus, types, countries):
        """Show these options, each with how many partners it would give: `focus` as
        (area, count), `types` as (value, label, count), `countries` as (code, name,
        count). Only the options are drawn from them; validation is already done."""
        focus_widget = self.fields["focus"].widget
        focus_widget.choices = [(area.slug, area.name) for area, _count in focus]
        focus_widget.facets = {
            area.slug: (languages.shown_language(area, "name"), count) for area, count in focus
        }
        for name, options in (("type", types), ("country", countries)):
            field = self.fields[name]
            field.widget.choices = [
                ("", field.empty_label),
                *((value, f"{label} ({count})") for value, label, count in options),
            ]
