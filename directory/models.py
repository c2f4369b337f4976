from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, URLValidator
from django.db import models
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.db.models.signals import pre_save
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from modeltranslation.utils import build_localized_fieldname, get_language

from . import full_text, search
from .page_cache import PageCacheQuerySet
from .text import collation_key, slugify

# Facts checked longer ago than this are due for another check (the admin's filter).
FACTS_FRESH_DAYS = 365
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


def validate_not_after_today(day):
    if day is not None and day > timezone.localdate():
        raise ValidationError(
            _("This date cannot be in the future (today is %(today)s)."),
            code="future_date",
            params={"today": timezone.localdate().isoformat()},
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


def source_text_given(field):
    """A condition that the source language's column of the translated `field` holds text
    (a translated column may be NULL, and a CHECK lets NULL through unless told not to)."""
    column = build_localized_fieldname(field, settings.MODELTRANSLATION_DEFAULT_LANGUAGE)
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
        permissions = [
            ("change_focusarea_source", _("Can change the Polish text and other data")),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("directory:focus-area-detail", kwargs={"slug": self.slug})


def sort_field(language=None):
    """The column that orders partners by name in `language` (the active one by default)."""
    return build_localized_fieldname("name_sort", language or get_language())


class PartnerQuerySet(SlugNaturalKeyQuerySet):
    def published(self):
        return self.filter(is_published=True)

    def search(self, query):
        """Partners whose name, abbreviation or mission, in any language, has every word
        of `query` (ignoring case, diacritics and inflection)."""
        if not search.query_words(query):
            return self
        wanted = search.query_tokens(query)
        if not wanted:
            return self.none()
        return self.filter(
            full_text.Matches(search.postgresql_query(wanted), search.sqlite_query(wanted))
        )

    def facts_unchecked_for(self, days=FACTS_FRESH_DAYS):
        """Partners whose facts nobody has checked in the last `days` days, or ever."""
        since = timezone.localdate() - timedelta(days=days)
        return self.filter(
            models.Q(facts_checked_on__isnull=True) | models.Q(facts_checked_on__lt=since)
        )

    def order_by_name(self, descending=False):
        """In the alphabetical order of the active language (Polish: Ł after L)."""
        column = sort_field()
        return self.order_by(f"-{column}" if descending else column, "slug")

    def order_by_founding(self, descending=False):
        if descending:
            return self.order_by("-founding_year", sort_field(), "slug")
        return self.order_by("founding_year", sort_field(), "slug")


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


class Partner(SluggedModel):
    OrganizationType = OrganizationType

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
    facts_checked_on = models.DateField(
        _("facts checked on"),
        null=True,
        blank=True,
        validators=[validate_not_after_today],
        help_text=_("When staff last checked this partner's facts against its sources."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)
    # Derived from the texts above on every save (see fill_in_derived_fields), never edited.
    # A full-text index covers it: PostgreSQL's (migration 0003), SQLite's (full_text.py).
    search_document = models.TextField(editable=False, default="")

    objects = PartnerQuerySet.as_manager()

    class Meta(SluggedModel.Meta):
        ordering = ["slug"]
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        # Change permission alone lets a translator edit the other languages' columns;
        # these two add the Polish source and the rest, and publishing.
        permissions = [
            ("change_partner_source", _("Can change the Polish text and other data")),
            ("publish_partner", _("Can publish and unpublish partners")),
        ]
        indexes = [
            # The list's filters, each over the published partners that visitors see (the
            # search document has an index of its own, migration 0003).
            models.Index(fields=["is_published", "founding_year"], name="partner_year_idx"),
            models.Index(fields=["is_published", "organization_type"], name="partner_type_idx"),
            models.Index(fields=["is_published", "country"], name="partner_country_idx"),
            # Name order in each language, covering what a page of ids needs, so even a
            # deep page reads the index alone.
            *(
                models.Index(
                    fields=[f"name_sort_{code}", "slug", "id"],
                    condition=models.Q(is_published=True),
                    name=f"partner_name_order_{code}_idx",
                )
                for code, _name in settings.LANGUAGES
            ),
        ]
        constraints = [
            *SluggedModel.Meta.constraints,
            models.CheckConstraint(
                condition=models.Q(founding_year__gte=MIN_FOUNDING_YEAR)
                & models.Q(founding_year__lte=MAX_FOUNDING_YEAR_IN_DATABASE),
                name="partner_founding_year_in_range",
                violation_error_message=_("The founding year is out of range."),
            ),
            # Rows saved without the admin's form (the shell, imports) must still render:
            # a known type (pages and exports show its label) and a mission in Polish.
            models.CheckConstraint(
                condition=models.Q(organization_type__in=OrganizationType.values),
                name="partner_organization_type_known",
                violation_error_message=_("Choose a type of organization from the list."),
            ),
            models.CheckConstraint(
                condition=source_text_given("mission"),
                name="partner_source_mission_given",
                violation_error_message=_("The Polish mission is required."),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("directory:partner-detail", kwargs={"slug": self.slug})

    def language_of(self, field):
        """The language `field` is shown in on the active language's page (its fallback
        when it has no text of its own)."""
        active = get_language()
        if getattr(self, build_localized_fieldname(field, active), None):
            return active
        return settings.MODELTRANSLATION_DEFAULT_LANGUAGE


# One sort-key column per language, kept up to date from the names on every save.
for _code, _language_name in settings.LANGUAGES:
    Partner.add_to_class(
        build_localized_fieldname("name_sort", _code),
        models.CharField(max_length=700, editable=False, default="", db_index=True),
    )


def fill_in_derived_fields(sender, instance, **kwargs):
    """Sort keys and the search document follow the texts, whichever way a partner is
    saved: forms, the shell, or loaddata (whose raw saves skip Model.save)."""
    source = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
    texts = [(instance.abbreviation, source)]
    for code, _name in settings.LANGUAGES:
        name = getattr(instance, build_localized_fieldname("name", code), None)
        shown_name = name or getattr(instance, build_localized_fieldname("name", source)) or ""
        setattr(instance, sort_field(code), collation_key(shown_name, code))
        texts.append((name, code))
        texts.append((getattr(instance, build_localized_fieldname("mission", code), None), code))
    instance.search_document = search.document(texts)


pre_save.connect(fill_in_derived_fields, sender=Partner)


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
        return f"{self.content_type.model}:{self.object_id}:{self.field}_{self.language}"


class SuggestionQuerySet(models.QuerySet):
    def resolved(self):
        return self.filter(status__in=[SuggestionStatus.ACCEPTED, SuggestionStatus.REJECTED])


SUGGESTION_MESSAGE_LENGTH = 2000


class SuggestionKind(models.TextChoices):
    CORRECTION = "correction", _("Correction")
    ORGANIZATION = "organization", _("New organization")


class SuggestionStatus(models.TextChoices):
    NEW = "new", _("New")
    IN_REVIEW = "in-review", _("In review")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")


class Suggestion(models.Model):
    """A visitor's correction to a partner, or an organization they suggest adding.

    Written only by the public form (directory/suggestions.py); staff review it in the
    admin. What the sender typed is stored as text and only ever shown escaped.
    """

    MESSAGE_LENGTH = SUGGESTION_MESSAGE_LENGTH
    NAME_LENGTH = 200
    URL_LENGTH = 500
    Kind = SuggestionKind
    Status = SuggestionStatus
    RESOLVED = (Status.ACCEPTED, Status.REJECTED)

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    partner = models.ForeignKey(
        Partner,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="suggestions",
        verbose_name=_("partner"),
        help_text=_("The partner the suggestion concerns."),
    )
    organization_name = models.CharField(
        _("organization's name"), max_length=NAME_LENGTH, blank=True
    )
    message = models.TextField(_("what is wrong or missing"), max_length=MESSAGE_LENGTH)
    source_url = models.URLField(_("source"), max_length=URL_LENGTH)
    email = models.EmailField(_("sender's e-mail address"), blank=True)
    language = models.CharField(_("language of the form"), max_length=15)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.NEW
    )
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("handled by"),
    )
    handled_at = models.DateTimeField(_("handled at"), null=True, blank=True)
    created_at = models.DateTimeField(_("received"), auto_now_add=True)

    objects = SuggestionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("suggestion")
        verbose_name_plural = _("suggestions")
        permissions = [
            ("view_suggestion_email", _("Can see the e-mail addresses of senders")),
        ]
        indexes = [models.Index(fields=["status", "handled_at"], name="suggestion_status_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=SuggestionKind.values), name="suggestion_kind_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=SuggestionStatus.values),
                name="suggestion_status_valid",
            ),
            models.CheckConstraint(
                condition=~models.Q(message=""), name="suggestion_message_not_empty"
            ),
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("message"), SUGGESTION_MESSAGE_LENGTH),
                name="suggestion_message_length",
            ),
        ]

    def __str__(self):
        subject = self.partner or self.organization_name or self.get_kind_display()
        return f"#{self.pk} {subject}"
