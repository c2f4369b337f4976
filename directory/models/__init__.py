"""The directory's data: partners and focus areas (texts in every language), the
translations awaiting review, and visitors' suggestions. Import models from here."""

from directory.models.focus_areas import FocusArea
from directory.models.partners import (
    FACTS_FRESH_DAYS,
    OrganizationType,
    Partner,
    PartnerQuerySet,
    fill_in_derived_fields,
)
from directory.models.slugged import SluggedModel, SlugNaturalKeyQuerySet, unique_slug
from directory.models.suggestions import (
    SUGGESTION_MESSAGE_LENGTH,
    Suggestion,
    SuggestionKind,
    SuggestionQuerySet,
    SuggestionStatus,
)
from directory.models.translations import StaleTranslation
from directory.models.validators import (
    MAX_FOUNDING_YEAR_IN_DATABASE,
    MIN_FOUNDING_YEAR,
    validate_not_after_today,
    validate_not_in_future,
    validate_sources,
)

__all__ = [
    "FACTS_FRESH_DAYS",
    "MAX_FOUNDING_YEAR_IN_DATABASE",
    "MIN_FOUNDING_YEAR",
    "SUGGESTION_MESSAGE_LENGTH",
    "FocusArea",
    "OrganizationType",
    "Partner",
    "PartnerQuerySet",
    "SluggedModel",
    "SlugNaturalKeyQuerySet",
    "StaleTranslation",
    "Suggestion",
    "SuggestionKind",
    "SuggestionQuerySet",
    "SuggestionStatus",
    "fill_in_derived_fields",
    "unique_slug",
    "validate_not_after_today",
    "validate_not_in_future",
    "validate_sources",
]
