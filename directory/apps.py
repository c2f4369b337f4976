from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class DirectoryAdminConfig(admin_apps.AdminConfig):
    """django.contrib.admin (INSTALLED_APPS names this class in its place) with the
    directory's admin site, two-factor sign-in included, as `admin.site`."""

    default = False
    default_site = "directory.admin.site.DirectoryAdminSite"

    def ready(self):
        super().ready()
        # Not from directory/admin/__init__.py (see there): registering a model there
        # would build admin.site while its class is still being imported.
        from directory.admin import account, partners, suggestions  # noqa: F401


class DirectoryConfig(AppConfig):
    default = True
    name = "directory"
    verbose_name = _("Partner directory")

    def ready(self):
        # modeltranslation (earlier in INSTALLED_APPS) has registered the translated
        # fields by now, so the receivers know which models and columns to watch.
        from directory import signals
        from directory.admin.names import name_library_models

        signals.connect()
        name_library_models()
