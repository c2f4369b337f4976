"""Security headers on every response, and /.well-known/security.txt."""

from datetime import UTC, timedelta

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from django.views.decorators.http import require_GET

from directory.languages import codes
from partners_site.site_address import absolute_url

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
    languages = ", ".join(codes())
    lines = [
        f"Contact: mailto:{settings.SECURITY_CONTACT_EMAIL}",
        f"Expires: {expires.astimezone(UTC).strftime('%Y-%m-%dT%H:%M:%SZ')}",
        f"Preferred-Languages: {languages}",
        f"Canonical: {absolute_url(request.path)}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
