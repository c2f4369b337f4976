"""The limits of the directory's facts, each defined once: the models, the admin's forms,
the list's filters and the pages read them from here."""

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# The oldest organization a trust and safety directory could list; the newest is this year's.
MIN_FOUNDING_YEAR = 1800
# The database cannot compare with "this year", so it holds a fixed upper bound; forms
# reject years in the future.
MAX_FOUNDING_YEAR_IN_DATABASE = 2100
# A source is a web address or a short citation of a document.
SOURCE_LENGTH = 500
# The schemes of the web addresses that sources and suggestions link to.
WEB_SCHEMES = ("http", "https")


def latest_founding_year():
    """The newest founding year a partner may have: this year."""
    return timezone.now().year


def is_web_address(text):
    """Whether `text` is meant as a web address (http or https), not a citation."""
    return text.startswith(tuple(f"{scheme}://" for scheme in WEB_SCHEMES))


def check_web_address(text):
    """Raise ValidationError unless `text` is a valid http(s) address."""
    URLValidator(schemes=list(WEB_SCHEMES))(text)


def validate_not_in_future(year):
    if year is not None and year > latest_founding_year():
        raise ValidationError(
            _("The founding year cannot be in the future (this year is %(year)s)."),
            code="future_year",
            params={"year": latest_founding_year()},
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
    for source in value:
        if not isinstance(source, str) or not source.strip():
            raise ValidationError(_("A source cannot be empty."), code="empty_source")
        if len(source) > SOURCE_LENGTH:
            raise ValidationError(
                _("A source can be at most %(limit)s characters long."),
                code="long_source",
                params={"limit": SOURCE_LENGTH},
            )
        if is_web_address(source):
            check_web_address(source)
