from datetime import timedelta

from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from directory import full_text, languages, search
from directory.models.focus_areas import FocusArea
from directory.models.slugged import SluggedModel, SlugNaturalKeyQuerySet, source_text_given
from directory.models.validators import (
    MAX_FOUNDING_YEAR_IN_DATABASE,
    MIN_FOUNDING_YEAR,
    validate_not_after_today,
    validate_not_in_future,
    validate_sources,
)
from directory.text import collation_key

# Facts checked longer ago than this are due for another check (the admin's filter).
FACTS_FRESH_DAYS = 365


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
        column = languages.sort_column()
        return self.order_by(f"-{column}" if descending else column, "slug")

    def order_by_founding(self, descending=False):
        if descending:
            return self.order_by("-founding_year", languages.sort_column(), "slug")
        return self.order_by("founding_year", languages.sort_column(), "slug")


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
                    fields=[languages.sort_column(code), "slug", "id"],
                    condition=models.Q(is_published=True),
                    name=f"partner_name_order_{code}_idx",
                )
                for code in languages.codes()
            ),
            # Founding order (the home page's timeline, the list sorted by age): oldest
            # first reads it in order; newest first reads it backwards, sorting only
            # within each year by name.
            *(
                models.Index(
                    fields=["founding_year", languages.sort_column(code), "slug", "id"],
                    condition=models.Q(is_published=True),
                    name=f"partner_founding_order_{code}_idx",
                )
                for code in languages.codes()
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


# One sort-key column per language, kept up to date from the names on every save.
for _code in languages.codes():
    Partner.add_to_class(
        languages.sort_column(_code),
        models.CharField(max_length=700, editable=False, default="", db_index=True),
    )


def fill_in_derived_fields(sender, instance, **kwargs):
    """Sort keys and the search document follow the texts, whichever way a partner is
    saved: forms, the shell, or loaddata (whose raw saves skip Model.save)."""
    texts = [(instance.abbreviation, languages.source_language())]
    for code in languages.codes():
        name = getattr(instance, languages.column("name", code), None)
        shown_name = languages.shown_text(instance, "name", code)
        setattr(instance, languages.sort_column(code), collation_key(shown_name, code))
        texts.append((name, code))
        texts.append((getattr(instance, languages.column("mission", code), None), code))
    instance.search_document = search.document(texts)
