from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "directory"
    verbose_name = _("Partner directory")

    def ready(self):
        # modeltranslation (earlier in INSTALLED_APPS) has registered the translated
        # fields by now, so the handlers know which models and columns to watch.
        from django.contrib import admin

        from . import file_modes, full_text, page_cache, routers, signals
        from .admin_names import name_library_models
        from .security import DirectoryAdminSite, guard_many_to_many_fields

        signals.connect()
        name_library_models()
        page_cache.connect()
        routers.connect()
        file_modes.connect()
        full_text.connect(self)
        # django-otp's documented way to add two-factor login to the default admin site.
        admin.site.__class__ = DirectoryAdminSite
        guard_many_to_many_fields(admin.site)
