"""The admin site: two-factor sign-in, and many-to-many fields that refuse impossible ids."""

from functools import update_wrapper

from django.conf import settings
from django.contrib.admin import AdminSite
from django.core.exceptions import ValidationError
from django.db import connection
from django.forms import ModelMultipleChoiceField
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django_otp.admin import OTPAdminSite

from directory.admin.two_factor import TwoFactorLoginForm, TwoFactorViews, needs_enrolment


class DirectoryAdminSite(OTPAdminSite):
    """The admin site; with ADMIN_REQUIRE_2FA, staff sign in with a one-time code too, and
    a member without a device is sent to set one up (directory.admin.two_factor).

    The setting is read on each request, so it can be switched without touching the URLs.
    """

    site_header = _("Trust & Safety Partners Directory")
    site_title = _("Partners Directory administration")
    index_title = _("Administration")
    # The sidebar repeats the index beside every page; without it the partner list keeps
    # all its columns on a 1024 px screen.
    enable_nav_sidebar = False

    def __init__(self, name="admin"):
        super().__init__(name)

    @cached_property
    def two_factor(self):
        return TwoFactorViews(self)

    @property
    def login_form(self):
        return TwoFactorLoginForm if settings.ADMIN_REQUIRE_2FA else None

    @property
    def login_template(self):
        return "admin/two_factor/login.html" if settings.ADMIN_REQUIRE_2FA else None

    def has_permission(self, request):
        if settings.ADMIN_REQUIRE_2FA:
            return super().has_permission(request)
        return AdminSite.has_permission(self, request)

    def admin_view(self, view, cacheable=False):
        guarded = super().admin_view(view, cacheable)

        def enrol_first(request, *args, **kwargs):
            if needs_enrolment(request):
                if request.path == reverse("admin:logout", current_app=self.name):
                    return view(request, *args, **kwargs)
                return redirect("admin:two_factor_enrol")
            return guarded(request, *args, **kwargs)

        return update_wrapper(enrol_first, guarded)

    def get_urls(self):
        return [*self.two_factor.urls(), *super().get_urls()]


class BoundedModelMultipleChoiceField(ModelMultipleChoiceField):
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


def guard_many_to_many_fields(site):
    """Every admin form of `site` (Django's user and group forms included) gets the bounded
    many-to-many field."""
    for model_admin in site._registry.values():

        def formfield(db_field, request, _original=model_admin.formfield_for_manytomany, **kw):
            kw.setdefault("form_class", BoundedModelMultipleChoiceField)
            return _original(db_field, request, **kw)

        model_admin.formfield_for_manytomany = formfield
