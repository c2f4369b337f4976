"""What partners and focus areas share: an ASCII slug made from the source-language name,
and a name the source language always has."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from directory import languages
from directory.text import slugify
from partners_site.page_cache import PageCacheQuerySet


def unique_slug(model, text, max_length, exclude_pk=None):
    """A slug from `text`, made unique among `model`'s rows with -2, -3, ..."""
    base = slugify(text, max_length) or model._meta.model_name
    candidate, number = base, 1
    others = model._default_manager.exclude(pk=exclude_pk) if exclude_pk else model._default_manager
    while others.filter(slug=candidate).exists():
        number += 1
        suffix = f"-{number}"
        candidate = f"{base[: max_length - len(suffix)].rstrip('-')}{suffix}"
    return candidate


def source_text_given(field):
    """A condition that the source language's column of the translated `field` holds text
    (a translated column may be NULL, and a CHECK lets NULL through unless told not to)."""
    column = languages.source_column(field)
    return models.Q(**{f"{column}__isnull": False}) & ~models.Q(**{column: ""})


# Partners and focus areas are what public pages show: their bulk writes renew the pages.
class SlugNaturalKeyQuerySet(PageCacheQuerySet):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class SluggedModel(models.Model):
    """Rows addressed by an ASCII slug (in URLs and as the natural key in fixtures).

    A row saved without a slug gets one from its Polish name.
    """

    SLUG_LENGTH = 80

    slug = models.SlugField(
        _("slug"),
        max_length=SLUG_LENGTH,
        unique=True,
        blank=True,
        help_text=_(
            "Part of the web address: lowercase ASCII letters, digits and hyphens. "
            "Left empty, it is made from the Polish name."
        ),
    )

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(slug=""), name="%(app_label)s_%(class)s_slug_not_empty"
            ),
            # The source language's name is what every page, feed and export falls back to.
            models.CheckConstraint(
                condition=source_text_given("name"),
                name="%(app_label)s_%(class)s_source_name_given",
                violation_error_message=_("The Polish name is required."),
            ),
        ]

    def save(self, *args, **kwargs):
        self.fill_in_slug()
        super().save(*args, **kwargs)

    def natural_key(self):
        return (self.slug,)

    def clean(self):
        # Forms check constraints before saving, so the slug must exist by then.
        self.fill_in_slug()

    def fill_in_slug(self):
        source_name = languages.own_text(self, "name", languages.source_language())
        if not self.slug and source_name:
            self.slug = unique_slug(type(self), source_name, self.SLUG_LENGTH, exclude_pk=self.pk)
