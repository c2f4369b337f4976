"""The production settings, for a server a test starts: only the static files storage
differs, keeping plain names, so no collectstatic has to run first."""

from partners_site.settings import *  # noqa: F403

STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
