"""The site's production settings, plus the benchmark's own URLconf (with its baseline view)."""

from partners_site.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"

# The load mix asks for some 400s and 404s on purpose: log only server errors.
LOGGING = {**LOGGING, "loggers": {"django.request": {"level": "ERROR"}}}  # noqa: F405
