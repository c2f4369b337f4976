"""Settings for the Trust & Safety Partners Directory, read from the environment.

Every value a deployment changes comes from an environment variable; development defaults
apply only while DEBUG is on, so a production start with something missing fails loudly.
Django reads this module (DJANGO_SETTINGS_MODULE=partners_site.settings); the settings of
storage.py and admin_access.py are imported into it, and environment.py has the helpers.
"""

import os
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from partners_site.settings.admin_access import (  # noqa: F401 - settings
    ADMIN_REQUIRE_2FA,
    ADMIN_URL,
    AUTHENTICATION_BACKENDS,
    AXES_CLIENT_IP_CALLABLE,
    AXES_COOLOFF_TIME,
    AXES_FAILURE_LIMIT,
    AXES_LOCKOUT_PARAMETERS,
    AXES_LOCKOUT_TEMPLATE,
    AXES_RESET_ON_SUCCESS,
    AXES_VERBOSE,
    OTP_TOTP_ISSUER,
    PROXY_COUNT,
)
from partners_site.settings.environment import BASE_DIR, DEBUG, env_bool, env_list, required
from partners_site.settings.storage import (  # noqa: F401 - settings
    CACHES,
    COUNT_CACHE_ENABLED,
    DATABASE_ROUTERS,
    DATABASES,
    EXPORT_DIR,
    EXPORT_VARIANTS,
    FRAGMENT_CACHE_ENABLED,
    PAGE_CACHE_ENABLED,
    PAGE_CACHE_GENERATION_FILE,
    PAGE_CACHE_SHARED_MAX_AGE,
    REDIS_URL,
)

SECRET_KEY = required(
    "SECRET_KEY",
    os.environ.get("SECRET_KEY", ""),
    "development-only-not-secret",
    "Set it to a long random string in production",
)

# Where visitors report an error in the directory (shown on the about page).
CONTACT_EMAIL = required(
    "CONTACT_EMAIL",
    os.environ.get("CONTACT_EMAIL", ""),
    "corrections@localhost",
    "Give the address where visitors report errors in the directory",
)

ALLOWED_HOSTS = required(
    "ALLOWED_HOSTS",
    env_list("ALLOWED_HOSTS"),
    ["localhost", "127.0.0.1", "[::1]", "testserver"],
    "Give the site's host names, separated by commas "
    "(for example ALLOWED_HOSTS=partners.example.org)",
)

# The site's public address, scheme and host (and port, if not the default), without a
# path: every absolute URL in pages, feeds, sitemaps, exports and the API is built from it
# (directory/site_address.py), never from the request's Host header, which a client sets.
SITE_URL = required(
    "SITE_URL",
    os.environ.get("SITE_URL", "").strip().rstrip("/"),
    "http://127.0.0.1:8000",
    "Give the site's public address, scheme and host "
    "(for example SITE_URL=https://partners.example.org)",
)
_site = urlsplit(SITE_URL)
if (
    _site.scheme not in ("http", "https")
    or not _site.hostname
    or _site.path
    or _site.query
    or _site.fragment
    or "@" in _site.netloc
):
    raise ImproperlyConfigured(
        f"SITE_URL must be a scheme and a host, such as https://partners.example.org, "
        f"with no path; got {SITE_URL!r}."
    )

INSTALLED_APPS = [
    # modeltranslation must come before the admin to patch its forms. The admin is
    # django.contrib.admin with the directory's admin site as its default site.
    "modeltranslation",
    "directory.apps.DirectoryAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    # whitenoise's runserver_nostatic makes `runserver` serve files the way production does.
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    # Templates of sitemap.xml.
    "django.contrib.sitemaps",
    # Django's widget templates, for forms drawn from templates/ (directory/public/forms.py).
    "django.forms",
    "django_countries",
    "django_filters",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "simple_history",
    "directory",
]

MIDDLEWARE = [
    # First, so that every response carries the security headers, static files included.
    "partners_site.security.SecurityHeadersMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Static files are answered before sessions, locale or CSRF do any work.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Outside the page cache, so a cached page is answered with a 304 when unchanged.
    "django.middleware.http.ConditionalGetMiddleware",
    # Cached public pages are answered here, before sessions, locale or the database.
    "partners_site.page_cache.PageCacheMiddleware",
    # Inside the page cache, so cached pages are still served while the database is down.
    "partners_site.health.DatabaseOutageMiddleware",
    "partners_site.routers.PrimaryForStaffMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # After sessions (it may read the admin's language choice), before CommonMiddleware
    # (which needs the language to resolve translated URLs when appending slashes).
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # After authentication: both only read request.user, lazily, and set no cookie.
    "django_otp.middleware.OTPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes requires: it turns a lockout into its own response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "partners_site.urls"
WSGI_APPLICATION = "partners_site.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "directory.public.context_processors.languages",
            ],
        },
    },
]

# Databases, caches, the page cache and the export files: partners_site/settings/storage.py.
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# Django 6's default, adopted now: a web address typed without a scheme means https.
FORMS_URLFIELD_ASSUME_HTTPS = True

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages. Polish is the source language of the content; adding a language is a change
# here plus catalogs in locale/.
LANGUAGE_CODE = "pl"
LANGUAGES = [
    ("pl", _("Polish")),
    ("en", _("English")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Date formats where Django's own differ from what the site shows (partners_site/formats/).
FORMAT_MODULE_PATH = ["partners_site.formats"]
USE_I18N = True
TIME_ZONE = "Europe/Warsaw"
USE_TZ = True

# The content's source language (texts are written in it first, and an untranslated text
# is shown in it) is the interface's default language; directory/languages.py reads it.
MODELTRANSLATION_DEFAULT_LANGUAGE = LANGUAGE_CODE
MODELTRANSLATION_FALLBACK_LANGUAGES = (MODELTRANSLATION_DEFAULT_LANGUAGE,)
# modeltranslation's tabbed admin would load jQuery UI from a public CDN; serve our own copy
# so the tabs work offline and under a strict CSP. It is npm's jquery-ui package, vendored
# with its licence in static/vendor/jquery-ui/ (README, "Vendored scripts"): no maintained
# Python package ships a release with the CVE-2022-31160 fix.
JQUERY_UI_URL = "vendor/jquery-ui/jquery-ui.min.js"

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}

# `loaddata partners` finds fixtures/partners.json.
FIXTURE_DIRS = [BASE_DIR / "fixtures"]

# Security and data safety. Production (DEBUG off) gets the strict values; `make run` and
# the tests run over plain http, where Secure and __Host- cookies would not be sent back.
# Browsers accept only https on this host for two years, subdomains included, and the host
# may be put on the preload list.
SECURE_HSTS_SECONDS = 0 if DEBUG else 2 * 365 * 24 * 60 * 60
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
# Behind a proxy that terminates TLS, it says so in X-Forwarded-Proto; trust it only when the
# deployment says the proxy always sets it (otherwise a client could forge it).
if env_bool("TRUST_X_FORWARDED_PROTO"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = not DEBUG
# __Host- cookies are only accepted over https, for this exact host and path /.
SESSION_COOKIE_NAME = "sessionid" if DEBUG else "__Host-sessionid"
CSRF_COOKIE_NAME = "csrftoken" if DEBUG else "__Host-csrftoken"
SESSION_COOKIE_HTTPONLY = True
# No script reads the CSRF cookie: the admin's forms carry the token in a hidden field.
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = CSRF_COOKIE_SAMESITE = "Lax"
# Where vulnerabilities are reported (/.well-known/security.txt); the contact address by
# default.
SECURITY_CONTACT_EMAIL = os.environ.get("SECURITY_CONTACT_EMAIL", "") or CONTACT_EMAIL

# The admin's address, lockout and two-factor login: partners_site/settings/admin_access.py.

# History of partners and focus areas (django-simple-history): the admin user is recorded
# with every change.
SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

# E-mail, for telling staff about visitors' suggestions. Development prints messages on the
# console; production sends through the SMTP server given here.
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL")
# A mail server that does not answer must not hold a worker.
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "") or CONTACT_EMAIL
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Visitors' suggestions (directory/suggestions.py): who is told, how fast a person can fill
# in the form, how long it stays valid, how many one address may send per hour, and how
# many days after a suggestion is resolved its sender's e-mail address is removed
# (`manage.py purge_suggestion_emails`, run daily from cron).
SUGGESTIONS_NOTIFY_EMAILS = env_list("SUGGESTIONS_NOTIFY_EMAILS") or [CONTACT_EMAIL]
SUGGESTION_MIN_SECONDS = int(os.environ.get("SUGGESTION_MIN_SECONDS", "3"))
SUGGESTION_FORM_MAX_AGE = 24 * 60 * 60
SUGGESTIONS_PER_HOUR = int(os.environ.get("SUGGESTIONS_PER_HOUR", "5"))
SUGGESTION_EMAIL_RETENTION_DAYS = int(os.environ.get("SUGGESTION_EMAIL_RETENTION_DAYS", "90"))
# A form sent without its CSRF cookie or token gets a translated page saying why.
CSRF_FAILURE_VIEW = "directory.public.suggestions.csrf_failure"
