"""The admin: the admin site, the partner and focus area pages, staff accounts and their
two-factor devices, and the review of visitors' suggestions. Importing this package (as
Django's admin autodiscovery does) registers every model's admin."""

from directory.admin import account, partners, suggestions  # noqa: F401
