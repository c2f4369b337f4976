from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, URLValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from .text import slugify

# The oldest organization a trust and safety directory could list; the newest is this year's.
MIN_FOUNDING_YEAR = 1800
# The database cannot compare with "this year", so it holds a fixed upper bound; forms
# reject years in the future.
MAX_FOUNDING_YEAR_IN_DATABASE = 2100


def validate_not_in_future(year):
    if year is not None and year > timezone.now().year:
        raise ValidationError(
            _("The founding year cannot be in the future (this year is %(year)s)."),
            code="future_year",
            params={"year": timezone.now().year},
        )


def validate_sources(value):
    """Each source is an http(s) address or, where a document has none, a short citation."""
    if not isinstance(value, list):
        raise ValidationError(_("Sources must be a list."), code="invalid_sources")
    check_url = URLValidator(schemes=["http", "https"])
    for source in value:
        if not isinstance(source, str) or not source.strip():
            raise ValidationError(_("A source cannot be empty."), code="empty_source")
        if len(source) > 500:
            raise ValidationError(
                _("A source can be at most 500 characters long."), code="long_source"
            )
        if source.startswith(("http://", "https://")):
            check_url(source)


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


class SlugNaturalKeyQuerySet(models.QuerySet):
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
        if not self.slug and self.name_pl:
            self.slug = unique_slug(type(self), self.name_pl, self.SLUG_LENGTH, exclude_pk=self.pk)


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

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("directory:focus-area-detail", kwargs={"slug": self.slug})


class PartnerQuerySet(SlugNaturalKeyQuerySet):
    def published(self):
        return self.filter(is_published=True)


class Partner(SluggedModel):
    class OrganizationType(models.TextChoices):
        MULTISTAKEHOLDER_INITIATIVE = (
            "multistakeholder-initiative",
            _("Multistakeholder initiative"),
        )
        INDUSTRY_ASSOCIATION = "industry-association", _("Industry association")
        NONPROFIT = "nonprofit", _("Non-profit organization")
        CHARITY = "charity", _("Charity")
        PUBLIC_PRIVATE_PARTNERSHIP = "public-private-partnership", _("Public-private partnership")
        ALLIANCE = "alliance", _("Multistakeholder alliance")
        INTERGOVERNMENTAL = "intergovernmental", _("Intergovernmental organization")

    name = models.CharField(_("name"), max_length=200)
    abbreviation = models.CharField(
        _("abbreviation"), max_length=20, blank=True, help_text=_("For example GIFCT.")
    )
    mission = models.TextField(_("mission"))
    founding_year = models.PositiveSmallIntegerField(
        _("founding year"),
        validators=[MinValueValidator(MIN_FOUNDING_YEAR), validate_not_in_future],
    )
    founding_note = models.CharField(
        _("founding note"),
        max_length=300,
        blank=True,
        help_text=_("What happened that year, where sources tell different stories."),
    )
    focus_areas = models.ManyToManyField(
        FocusArea, related_name="partners", blank=True, verbose_name=_("focus areas")
    )
    organization_type = models.CharField(
        _("type of organization"), max_length=40, choices=OrganizationType.choices
    )
    website = models.URLField(_("website"), blank=True)
    country = CountryField(_("country"), blank=True, help_text=_("Where its headquarters are."))
    city = models.CharField(_("city"), max_length=120, blank=True)
    is_published = models.BooleanField(
        _("published"), default=False, help_text=_("Visitors see only published partners.")
    )
    sources = models.JSONField(
        _("sources"),
        default=list,
        blank=True,
        validators=[validate_sources],
        help_text=_("Where the facts come from: web addresses, or citations of documents."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)

    objects = PartnerQuerySet.as_manager()

    class Meta(SluggedModel.Meta):
        ordering = ["slug"]
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        constraints = [
            *SluggedModel.Meta.constraints,
            models.CheckConstraint(
                condition=models.Q(founding_year__gte=MIN_FOUNDING_YEAR)
                & models.Q(founding_year__lte=MAX_FOUNDING_YEAR_IN_DATABASE),
                name="partner_founding_year_in_range",
                violation_error_message=_("The founding year is out of range."),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("directory:partner-detail", kwargs={"slug": self.slug})
