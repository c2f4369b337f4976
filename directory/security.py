"""Security headers, /.well-known/security.txt, and the admin site's two-factor login."""

from datetime import UTC, timedelta
from functools import update_wrapper

from django.conf import settings
from django.contrib.admin import AdminSite
from django.core.exceptions import ValidationError
from django.db import connection
from django.forms import ModelMultipleChoiceField
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET
from django_otp.admin import OTPAdminSite

from .site_address import absolute_url
from .two_factor import TwoFactorLoginForm, TwoFactorViews, needs_enrolment

# Nothing may load from anywhere but this site; scripts and styles only from its own files
# (neither the public pages nor the admin have inline code). Images may be data: URLs (the
# admin's widgets use a few).
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "manifest-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
        "form-action 'self'",
    ]
)

# Every powerful browser feature is denied: the site uses none of them. Only features that
# browsers recognize are listed (others are reported as errors in the console).
DENIED_FEATURES = [
    "accelerometer",
    "autoplay",
    "browsing-topics",
    "camera",
    "display-capture",
    "encrypted-media",
    "fullscreen",
    "gamepad",
    "geolocation",
    "gyroscope",
    "hid",
    "identity-credentials-get",
    "idle-detection",
    "local-fonts",
    "magnetometer",
    "microphone",
    "midi",
    "otp-credentials",
    "payment",
    "picture-in-picture",
    "publickey-credentials-create",
    "publickey-credentials-get",
    "screen-wake-lock",
    "serial",
    "storage-access",
    "sync-xhr",
    "usb",
    "window-management",
    "xr-spatial-tracking",
]
PERMISSIONS_POLICY = ", ".join(f"{feature}=()" for feature in DENIED_FEATURES)


# The namespace of the admin site's URLs (the default site's name).
ADMIN_NAMESPACE = "admin"


class SecurityHeadersMiddleware:
    """The headers Django's SecurityMiddleware does not set (HSTS, nosniff, Referrer-Policy
    and COOP come from the settings, through it)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # Django's debug error pages are made of inline styles and scripts.
        if not (settings.DEBUG and response.status_code >= 400):
            response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        # Responses that leave the stack early (static files, cached pages) skip Django's
        # clickjacking middleware.
        if not getattr(response, "xframe_options_exempt", False):
            response.headers.setdefault("X-Frame-Options", settings.X_FRAME_OPTIONS)
        # No page of the admin (its sign-in page included) belongs in a search engine.
        match = getattr(request, "resolver_match", None)
        if match is not None and ADMIN_NAMESPACE in match.namespaces:
            response.headers.setdefault("X-Robots-Tag", "noindex")
        return response


# RFC 9116 wants an expiry less than a year ahead; the file is written on each request,
# so it never goes stale while the site runs.
SECURITY_TXT_VALIDITY = timedelta(days=180)


@require_GET
def security_txt(request):
    """How to report a vulnerability (RFC 9116)."""
    expires = (timezone.now() + SECURITY_TXT_VALIDITY).replace(microsecond=0)
    languages = ", ".join(code for code, _name in settings.LANGUAGES)
    lines = [
        f"Contact: mailto:{settings.SECURITY_CONTACT_EMAIL}",
        f"Expires: {expires.astimezone(UTC).strftime('%Y-%m-%dT%H:%M:%SZ')}",
        f"Preferred-Languages: {languages}",
        f"Canonical: {absolute_url(request.path)}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


class DirectoryAdminSite(OTPAdminSite):
    """The admin site; with ADMIN_REQUIRE_2FA, staff sign in with a one-time code too, and
    a member without a device is sent to set one up (directory.two_factor).

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
