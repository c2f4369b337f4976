"""Settings for the Trust & Safety Partners Directory, read from the environment.

Every value a deployment changes comes from an environment variable; development defaults
apply only while DEBUG is on, so a production start with something missing fails loudly.
"""

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    value = value.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(
        f"{name} must be one of 1/0, true/false, yes/no, on/off; got {value!r}."
    )


def env_list(name):
    return [item.strip() for item in os.environ.get(name, "").split(",") if item.strip()]


DEBUG = env_bool("DEBUG")

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set it to a long random string in production, "
            "or set DEBUG=1 for local development."
        )
    SECRET_KEY = "development-only-not-secret"  # noqa: S105 - DEBUG only

# Where visitors report an error in the directory (shown on the about page).
CONTACT_EMAIL = os.environ.get("CONTACT_EMAIL", "")
if not CONTACT_EMAIL:
    if not DEBUG:
        raise ImproperlyConfigured(
            "CONTACT_EMAIL is not set. Give the address where visitors report errors in the "
            "directory, or set DEBUG=1 for local development."
        )
    CONTACT_EMAIL = "corrections@localhost"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    if not DEBUG:
        raise ImproperlyConfigured(
            "ALLOWED_HOSTS is not set. Give the site's host names, separated by commas "
            "(for example ALLOWED_HOSTS=partners.example.org), "
            "or set DEBUG=1 for local development."
        )
    ALLOWED_HOSTS = ["localhost", "127.0.0.1", "[::1]", "testserver"]

# The site's public address, scheme and host (and port, if not the default), without a
# path: every absolute URL in pages, feeds, sitemaps, exports and the API is built from it
# (directory/site_address.py), never from the request's Host header, which a client sets.
SITE_URL = os.environ.get("SITE_URL", "").strip().rstrip("/")
if not SITE_URL:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SITE_URL is not set. Give the site's public address, scheme and host "
            "(for example SITE_URL=https://partners.example.org), "
            "or set DEBUG=1 for local development."
        )
    SITE_URL = "http://127.0.0.1:8000"
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
    # modeltranslation must come before django.contrib.admin to patch its forms.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    # whitenoise's runserver_nostatic makes `runserver` serve files the way production does.
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    # Templates of sitemap.xml.
    "django.contrib.sitemaps",
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

# SQLite in the project folder unless DATABASE_URL says otherwise (postgres://user@host/name).
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
# Optional read replicas, comma-separated URLs: public pages read from them, staff and
# everything after a write read from the primary (directory/routers.py).
for _number, _url in enumerate(env_list("DATABASE_REPLICA_URLS"), start=1):
    DATABASES[f"replica{_number}"] = dj_database_url.parse(
        _url, conn_max_age=DATABASES["default"]["CONN_MAX_AGE"], conn_health_checks=True
    )
    DATABASES[f"replica{_number}"]["TEST"] = {"MIRROR": "default"}
DATABASE_ROUTERS = ["partners_site.routers.PrimaryReplicaRouter"]
for _database in DATABASES.values():
    if _database["ENGINE"] == "django.db.backends.postgresql":
        _database.setdefault("OPTIONS", {}).update(
            {
                # Fail fast when the database is down: pages answer (cached, or a 503) at once.
                "connect_timeout": int(os.environ.get("DATABASE_CONNECT_TIMEOUT", "2")),
                # No query may hold a worker for long.
                "options": "-c statement_timeout="
                + str(int(os.environ.get("STATEMENT_TIMEOUT_MS", "5000"))),
            }
        )

# Local memory by default (one process); Redis, shared by every process and machine, when
# REDIS_URL is set (redis://host:6379/0).
REDIS_URL = os.environ.get("REDIS_URL", "")
CACHES = {
    "default": (
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "partners",
            # A cache that does not answer quickly is treated as down; pages are then
            # served uncached rather than waiting.
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
        if REDIS_URL
        else {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "pages",
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    )
}
# Counters every process must agree on (the suggestion forms' per-address limit): in Redis
# when it is set, otherwise in files that every process on the machine reads and writes.
# An entry's default lifetime is an hour, the rate limit's window: the file-based cache's
# incr() writes a counter again with the default lifetime.
CACHES["counters"] = (
    {**CACHES["default"], "KEY_PREFIX": "partners-counters", "TIMEOUT": 60 * 60}
    if REDIS_URL
    else {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": os.environ.get("COUNTERS_DIR", "") or BASE_DIR / "var" / "counters",
        "TIMEOUT": 60 * 60,
        # Culling drops counts at random once the folder is full: room for many addresses.
        "OPTIONS": {"MAX_ENTRIES": 10_000},
    }
)
# Public pages are served from the cache (directory/page_cache.py) unless PAGE_CACHE=0.
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE", default=True)
# Partner cards are kept under the page cache's generation (directory/public/cards.py), so a
# page the page cache has not seen reuses them, unless FRAGMENT_CACHE=0.
FRAGMENT_CACHE_ENABLED = env_bool("FRAGMENT_CACHE", default=True)
# Where the page cache's generation lives, so that a change made in any process (a worker,
# the shell, a command) reaches every process at once: in Redis when every process shares
# it, otherwise in this file, which every process on the machine checks with one stat().
PAGE_CACHE_GENERATION_FILE = os.environ.get("PAGE_CACHE_GENERATION_FILE", "") or (
    None if REDIS_URL else BASE_DIR / ".page-cache-generation"
)
# Seconds a CDN or reverse proxy may keep a public page; browsers always revalidate.
PAGE_CACHE_SHARED_MAX_AGE = int(os.environ.get("PAGE_CACHE_SHARED_MAX_AGE", "30"))
# Full CSV and JSON exports are built once per change of the data into this folder and
# served from there (directory/export_files.py); at most EXPORT_VARIANTS different
# exports (formats, languages, filters) are kept at a time.
EXPORT_DIR = Path(os.environ.get("EXPORT_DIR", BASE_DIR / "var" / "exports"))
EXPORT_VARIANTS = int(os.environ.get("EXPORT_VARIANTS", "50"))
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

MODELTRANSLATION_DEFAULT_LANGUAGE = "pl"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("pl",)
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

# The admin: its address (ADMIN_URL, e.g. "office-7f3a/"), lockout after failed logins
# (django-axes), and two-factor login for staff (django-otp; TOTP apps, and static codes to
# enroll the first device), required in production unless ADMIN_REQUIRE_2FA=0.
ADMIN_URL = os.environ.get("ADMIN_URL", "admin/").strip("/") + "/"
ADMIN_REQUIRE_2FA = env_bool("ADMIN_REQUIRE_2FA", not DEBUG)
OTP_TOTP_ISSUER = "Trust & Safety Partners Directory"
AUTHENTICATION_BACKENDS = [
    # First, so a locked-out account or client is refused before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Reverse proxies in front of the site (the shipped nginx is one; a CDN before it is
# another, unless nginx takes the client's address from it: docs/deploy.md). The client's
# address is read from what the outermost of them wrote (directory/client_address.py).
PROXY_COUNT = int(os.environ.get("PROXY_COUNT", "0"))
if PROXY_COUNT < 0:
    raise ImproperlyConfigured(f"PROXY_COUNT must be 0 or more; got {PROXY_COUNT}.")
AXES_CLIENT_IP_CALLABLE = "partners_site.client_address.client_ip"
# Five failures from one address lock that address out, whatever account it tries, for 30
# minutes. The account itself is not locked: an attacker would otherwise lock its owner out
# from everywhere (two-factor login guards it against guessing from many addresses).
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "30")))
AXES_LOCKOUT_PARAMETERS = ["ip_address"]
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"
# A success would clear the failures of its address: signing in to one's own account
# between guesses at another's would make the limit endless. Failures expire with the
# cool-off instead.
AXES_RESET_ON_SUCCESS = False
# Lockouts are logged; its start-up banner on every command would only be noise.
AXES_VERBOSE = False

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
