"""What the partner list's query parameters may be, and what each one does.

The parameters are a public contract (links people share must keep working): `q`, `focus`
(repeatable), `type`, `country`, `founded_from`, `founded_to`, `sort`. `page` belongs to the
paginator.
"""

import django_filters
from django import forms
from django.db.models import Count, Exists, OuterRef
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from directory.models import FocusArea, Partner
from directory.public.counts import CountCache
from directory.public.forms import (
    FacetCheckboxes,
    OptionsSelect,
    PartnerFilterForm,
    SortField,
    YearField,
)
from partners_site.canonical_query import QueryContract

SORTS = {
    "name": _("Name, A to Z"),
    "-name": _("Name, Z to A"),
    "founded": _("Oldest first"),
    "-founded": _("Newest first"),
}
DEFAULT_SORT = "name"
MAX_QUERY_LENGTH = 200


def in_any_focus_area(queryset, areas):
    """The partners of `queryset` in any of `areas`. A correlated EXISTS rather than a
    join (no partner repeats) or an IN list: the database can then read the partners in
    the page's order from its index and stop after a page, checking each one's areas in
    the link table's index, instead of sorting every partner of a large area."""
    links = Partner.focus_areas.through.objects.filter(
        partner_id=OuterRef("pk"), focusarea__in=areas
    )
    return queryset.filter(Exists(links))


class YearFilter(django_filters.NumberFilter):
    field_class = YearField


class SortFilter(django_filters.ChoiceFilter):
    field_class = SortField


class PartnerFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search"),
        method="filter_search",
        max_length=MAX_QUERY_LENGTH,
        widget=forms.SearchInput,
        help_text=_(
            "Names, abbreviations and missions, in Polish or English. Diacritics and word "
            "endings don't matter."
        ),
    )
    focus = django_filters.ModelMultipleChoiceFilter(
        label=_("Focus areas"),
        queryset=FocusArea.objects.all(),
        to_field_name="slug",
        method="filter_focus",
        widget=FacetCheckboxes,
    )
    type = django_filters.ChoiceFilter(
        label=_("Type"),
        field_name="organization_type",
        choices=Partner.OrganizationType.choices,
        empty_label=_("Any type"),
        widget=OptionsSelect,
    )
    country = django_filters.ChoiceFilter(
        label=_("Country"),
        choices=lambda: list(countries),
        empty_label=_("Any country"),
        widget=OptionsSelect,
    )
    founded_from = YearFilter(
        label=_("Founded from"), field_name="founding_year", lookup_expr="gte"
    )
    founded_to = YearFilter(label=_("Founded to"), field_name="founding_year", lookup_expr="lte")
    sort = SortFilter(
        label=_("Sort by"),
        choices=list(SORTS.items()),
        method="sort_partners",
        empty_label=None,
        initial=DEFAULT_SORT,
    )

    class Meta:
        model = Partner
        fields = []
        form = PartnerFilterForm

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.count_cache = CountCache()
        self._facet_counts = {}

    def filter_search(self, queryset, name, value):
        return queryset.search(value)

    def filter_focus(self, queryset, name, areas):
        return in_any_focus_area(queryset, areas) if areas else queryset

    def sort_partners(self, queryset, name, value):
        return queryset  # Ordering is applied last, in `results`.

    @property
    def chosen_sort(self):
        return self.form.cleaned_data.get("sort") or DEFAULT_SORT

    @property
    def results(self):
        """The partners the valid parameters select, in the chosen order (an invalid
        parameter is left out and reported by the form)."""
        queryset = self.qs
        sort = self.chosen_sort
        if sort.endswith("name"):
            return queryset.order_by_name(descending=sort.startswith("-"))
        return queryset.order_by_founding(descending=sort.startswith("-"))

    def queryset_without(self, *excluded):
        """The partners selected by every valid parameter except those `excluded`."""
        queryset = self.queryset.all()
        for name, value in self.form.cleaned_data.items():
            if name not in (*excluded, "sort") and value not in (None, "", [], ()):
                queryset = self.filters[name].filter(queryset, value)
        return queryset

    def facets(self):
        """Each option with how many partners it would give under the other active
        parameters: every focus area, and the types and countries that have any (and the
        chosen one, so the form still shows it). Four queries at most, whatever the number
        of partners or options (none for counts already kept under the page cache's
        generation, public/counts.py); each applies the other filters directly, grouped,
        without a subquery per option."""
        return {name: self.facets_of(name) for name in ("focus", "type", "country")}

    def facets_of(self, name):
        """The options of one parameter (`focus`, `type` or `country`) with their counts."""
        if name == "focus":
            counts = self._counts("focus", "focus_areas")
            return [(area, counts.get(area.pk, 0)) for area in FocusArea.objects.all()]
        if name == "type":
            counts = self._counts("type", "organization_type")
            chosen = self.form.cleaned_data.get("type")
            # A type that would give nothing is no choice at all, unless it is the chosen one.
            return [
                (value, label, counts.get(value, 0))
                for value, label in Partner.OrganizationType.choices
                if counts.get(value) or value == chosen
            ]
        counts = self._counts("country", "country")
        counts.pop("", None)
        chosen = self.form.cleaned_data.get("country")
        if chosen:
            counts.setdefault(chosen, 0)
        return counts

    def _counts(self, excluded, column):
        """{value of `column`: partners} under every valid parameter but `excluded`."""
        if (excluded, column) not in self._facet_counts:
            self._facet_counts[excluded, column] = self.count_cache.get(
                # COUNT(*), not of a column: an index on the grouped column answers it.
                self.queryset_without(excluded)
                .order_by()
                .values_list(column)
                .annotate(matching=Count("*")),
                dict,
            )
        return dict(self._facet_counts[excluded, column])

    def total(self):
        """How many partners the valid parameters select, from the type counts (each
        partner has exactly one type), so no query counts them again."""
        counts = self._counts("type", "organization_type")
        chosen = self.form.cleaned_data.get("type")
        return counts.get(chosen, 0) if chosen else sum(counts.values())

    def year_counts(self):
        """How many partners each founding year has under the other active parameters
        (one query, a row per year), in year order."""
        return self.count_cache.get(
            self.queryset_without("founded_from", "founded_to")
            .order_by("founding_year")
            .values_list("founding_year")
            .annotate(matching=Count("*")),
            list,
        )


# The partner list's query contract: the filters' parameters, then the paginator's `page`.
LIST_QUERY = QueryContract(
    parameters=(*PartnerFilter.base_filters, "page"),
    repeatable=frozenset(
        name
        for name, filter_ in PartnerFilter.base_filters.items()
        if isinstance(filter_, django_filters.MultipleChoiceFilter)
    ),
)
