"""Form fields of the admin: sources one per line, and many-to-many fields that refuse
impossible ids."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils.translation import gettext_lazy as _

from directory.models.validators import SOURCE_LENGTH, check_web_address, is_web_address


class SourcesField(forms.Field):
    """A list of sources edited as text, one per line: an address or a citation."""

    widget = forms.Textarea(attrs={"rows": 5, "cols": 80})
    default_error_messages = {
        "invalid_url": _("Line %(line)s is not a valid web address: %(value)s"),
        "too_long": _("Line %(line)s is longer than %(limit)s characters."),
    }

    def prepare_value(self, value):
        if isinstance(value, list):
            return "\n".join(value)
        return value

    def to_python(self, value):
        if isinstance(value, list):
            return value
        return [line.strip() for line in (value or "").splitlines() if line.strip()]

    def validate(self, value):
        super().validate(value)
        errors = []
        for line, source in enumerate(value, start=1):
            if len(source) > SOURCE_LENGTH:
                errors.append(
                    ValidationError(
                        self.error_messages["too_long"],
                        "too_long",
                        {"line": line, "limit": SOURCE_LENGTH},
                    )
                )
            elif is_web_address(source):
                try:
                    check_web_address(source)
                except ValidationError:
                    errors.append(
                        ValidationError(
                            self.error_messages["invalid_url"],
                            "invalid_url",
                            {"line": line, "value": source},
                        )
                    )
        if errors:
            raise ValidationError(errors)


class PartnerAdminForm(forms.ModelForm):
    sources = SourcesField(
        label=_("sources"),
        required=False,
        help_text=_(
            "One per line: a web address (https://...) or, for a document without one, "
            "a short citation."
        ),
    )


class BoundedModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Refuses a posted id beyond the range of the id column as an invalid choice; Django
    would pass it to the database, where SQLite fails with an OverflowError."""

    def _check_values(self, value):
        key = self.to_field_name or "pk"
        model = self.queryset.model
        field = model._meta.pk if key == "pk" else model._meta.get_field(key)
        try:
            low, high = connection.ops.integer_field_range(field.get_internal_type())
        except KeyError:
            return super()._check_values(value)
        for item in value or ():
            try:
                number = int(str(item))
            except ValueError:
                continue
            if not low <= number <= high:
                raise ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": item},
                )
        return super()._check_values(value)


class BoundedManyToManyMixin:
    """For every ModelAdmin of a model with a many-to-many field (Django's user and group
    admins are re-registered with it): the field refuses ids the database cannot hold."""

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        kwargs.setdefault("form_class", BoundedModelMultipleChoiceField)
        return super().formfield_for_manytomany(db_field, request, **kwargs)
