from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "directory"
    verbose_name = _("Partner directory")

    def ready(self):
        # modeltranslation (earlier in INSTALLED_APPS) has registered the translated
        # fields by now, so the handlers know which models and columns to watch.
        from . import signals

        signals.connect()
