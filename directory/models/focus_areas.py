from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from directory.models.slugged import SluggedModel, SlugNaturalKeyQuerySet


class FocusArea(SluggedModel):
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(
        _("position"), default=0, help_text=_("Focus areas are listed in this order.")
    )

    objects = SlugNaturalKeyQuerySet.as_manager()

    class Meta(SluggedModel.Meta):
        ordering = ["position", "slug"]
        verbose_name = _("focus area")
        verbose_name_plural = _("focus areas")
        permissions = [
            ("change_focusarea_source", _("Can change the Polish text and other data")),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("directory:focus-area-detail", kwargs={"slug": self.slug})
