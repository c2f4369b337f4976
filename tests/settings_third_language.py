"""The site's settings with a third language: only settings change, no code.

modeltranslation makes its per-language columns from LANGUAGES when the models load, so
these settings are used in a process of their own (tests/test_third_language.py). The
migrations know only the shipped languages; here every table comes from the models.
"""

from partners_site.settings import *  # noqa: F403
from partners_site.settings import DATABASES, LANGUAGES

LANGUAGES = [*LANGUAGES, ("de", "Deutsch")]


class _NoMigrations(dict):
    """Every app's tables straight from its models (all at once, so that foreign keys
    between apps resolve)."""

    def __contains__(self, app_label):
        return True

    def __getitem__(self, app_label):
        return None


MIGRATION_MODULES = _NoMigrations()

# A test database of its own, so that it never meets the main suite's.
DATABASES["default"]["TEST"] = {
    "NAME": None
    if DATABASES["default"]["ENGINE"].endswith("sqlite3")
    else "test_partners_third_language"
}
