from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from directory import languages


class StaleTranslation(models.Model):
    """A translation whose Polish source text has changed since it was made.

    One row per object, translated field and language, kept until a translator updates or
    confirms the translation. `previous_source` is the Polish text the translation was made
    from, so translation tools can show what changed. Written only when texts are saved;
    the public pages never read it.
    """

    content_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.CASCADE, verbose_name=_("content type")
    )
    object_id = models.PositiveBigIntegerField(_("object id"))
    field = models.CharField(_("field"), max_length=100)
    language = models.CharField(_("language"), max_length=15)
    previous_source = models.TextField(_("previous source text"), blank=True)
    marked_at = models.DateTimeField(_("marked stale"), default=timezone.now)

    class Meta:
        verbose_name = _("stale translation")
        verbose_name_plural = _("stale translations")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "field", "language"],
                name="directory_stale_translation_once",
            ),
        ]

    def __str__(self):
        column = languages.column(self.field, self.language)
        return f"{self.content_type.model}:{self.object_id}:{column}"
