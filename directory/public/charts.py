"""The directory at a glance: partners by focus area, type, headquarters country and founding
decade, as bar charts drawn on the server (templates/includes/_chart.html).

The figures are the partner list's own facet counts (PartnerFilter), so a bar and the list
it links to always agree; a fixed number of grouped queries, whatever the number of
partners.
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.conf import settings
from django.http import QueryDict
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy
from django_countries import countries
from modeltranslation.utils import get_language

from directory.models import Partner
from directory.models.validators import latest_founding_year
from directory.public.filters import PartnerFilter
from directory.templatetags.directory import lang_of
from directory.text import collation_key

# Longest bar, as a share of the chart's width: the rest holds the count beside it.
LONGEST_BAR_PERCENT = 80
# The countries with the most partners get a bar; the others are counted in a note.
COUNTRY_BARS = 10
# Each bar's row in the SVG, in pixels: the label, then the bar and its count beneath.
ROW_HEIGHT = 44


@dataclass
class Bar:
    label: str
    count: int
    url: str
    lang: str = ""
    percent: float = 0
    # What the bar counts (a focus area), for pages that link to it.
    item: object = None
    # Where the bar's row starts in the SVG, and what it says to a screen reader.
    top: int = 0
    summary: str = ""

    @property
    def label_y(self):
        return self.top + 15

    @property
    def bar_y(self):
        return self.top + 21

    @property
    def count_y(self):
        return self.top + 34


@dataclass
class Chart:
    key: str
    title: str
    heading: str
    bars: list
    notes: list = field(default_factory=list)
    # The founding decade chart keeps its years, for the home page's timeline.
    year_counts: list = field(default_factory=list)

    def __post_init__(self):
        longest = max((bar.count for bar in self.bars), default=0)
        for position, bar in enumerate(self.bars):
            bar.percent = round(LONGEST_BAR_PERCENT * bar.count / longest, 2) if longest else 0
            bar.top = position * ROW_HEIGHT
            bar.summary = ngettext(
                "%(label)s: %(counter)s partner", "%(label)s: %(counter)s partners", bar.count
            ) % {"label": bar.label, "counter": bar.count}

    @property
    def height(self):
        return len(self.bars) * ROW_HEIGHT


def list_url(base_params, **params):
    query = urlencode({**base_params, **params}, doseq=True)
    return f"{_partner_list()}?{query}"


def _partner_list():
    """The list's path in the active language (reversed once per language and URLconf)."""
    key = (get_language(), get_urlconf() or settings.ROOT_URLCONF, get_script_prefix())
    if key not in _LIST_PATHS:
        _LIST_PATHS[key] = reverse("directory:partner-list")
    return _LIST_PATHS[key]


_LIST_PATHS = {}


def directory_charts():
    """The charts of every published partner, for the home page."""
    filterset = PartnerFilter(QueryDict(), queryset=Partner.objects.published())
    filterset.is_valid()
    facets = filterset.facets()
    year_counts = filterset.year_counts()
    return [
        focus_chart(facets["focus"]),
        *_charts_of(filterset, facets, year_counts, base={}),
    ]


def focus_area_charts(focus_area):
    """The charts of the published partners in `focus_area`: the list's counts under
    `?focus=<slug>` (the focus filter itself applied as the list applies it), by type,
    country and decade. Their spread over the focus areas is the home page's chart."""
    filterset = PartnerFilter(QueryDict(), queryset=Partner.objects.published())
    filterset.is_valid()
    filterset.queryset = filterset.filters["focus"].filter(filterset.queryset, [focus_area])
    facets = {"type": filterset.facets_of("type"), "country": filterset.facets_of("country")}
    return _charts_of(filterset, facets, filterset.year_counts(), base={"focus": focus_area.slug})


def _charts_of(filterset, facets, year_counts, base):
    total = sum(count for _year, count in year_counts)
    return [
        type_chart(facets["type"], base),
        country_chart(facets["country"], base, total),
        decade_chart(year_counts, base),
    ]


def focus_chart(counts):
    bars = [
        Bar(area.name, count, list_url({}, focus=area.slug), lang=lang_of(area, "name"), item=area)
        for area, count in counts
    ]
    return Chart(
        "focus", _("Partners by focus area"), pgettext_lazy("chart column", "Focus area"), bars
    )


def type_chart(counts, base):
    bars = [
        Bar(label, count, list_url(base, type=value)) for value, label, count in counts if count
    ]
    bars.sort(key=lambda bar: -bar.count)
    return Chart("type", _("Partners by type"), pgettext_lazy("chart column", "Type"), bars)


def country_chart(counts, base, total):
    language = get_language()
    ranked = sorted(
        counts.items(),
        key=lambda item: (-item[1], collation_key(countries.name(item[0]), language)),
    )
    bars = [
        Bar(countries.name(code), count, list_url(base, country=code))
        for code, count in ranked[:COUNTRY_BARS]
    ]
    notes = []
    others = ranked[COUNTRY_BARS:]
    if others:
        partners = sum(count for _code, count in others)
        notes.append(
            ngettext(
                "%(partners)s more partner is in other countries (countries: %(countries)s).",
                "%(partners)s more partners are in other countries (countries: %(countries)s).",
                partners,
            )
            % {"partners": partners, "countries": len(others)}
        )
    unknown = total - sum(counts.values())
    if unknown:
        notes.append(
            ngettext(
                "%(partners)s partner whose headquarters are not verified yet is not shown.",
                "%(partners)s partners whose headquarters are not verified yet are not shown.",
                unknown,
            )
            % {"partners": unknown}
        )
    return Chart(
        "country",
        _("Partners by headquarters country"),
        pgettext_lazy("chart column", "Country"),
        bars,
        notes,
    )


def decade_chart(year_counts, base):
    this_year = latest_founding_year()
    decades = {}
    for year, count in year_counts:
        decade = year - year % 10
        decades[decade] = decades.get(decade, 0) + count
    bars = [
        Bar(
            f"{decade}–{decade + 9}",
            count,
            list_url(base, founded_from=decade, founded_to=min(decade + 9, this_year)),
        )
        for decade, count in sorted(decades.items())
    ]
    return Chart(
        "decade",
        _("Partners by founding decade"),
        pgettext_lazy("chart column", "Founded in"),
        bars,
        year_counts=year_counts,
    )
