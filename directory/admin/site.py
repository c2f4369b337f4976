"""The admin site, with two-factor sign-in; it is the default site (DirectoryAdminConfig)."""

from functools import update_wrapper

from django.conf import settings
from django.contrib.admin import AdminSite
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django_otp.admin import OTPAdminSite

from directory.admin.two_factor import TwoFactorLoginForm, needs_enrolment
from directory.admin.two_factor_views import TwoFactorViews


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
        # The admin app builds its default site with no name; OTPAdminSite would call
        # itself "otpadmin", and the site's URLs belong in the "admin" namespace.
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
