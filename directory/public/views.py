from django.conf import settings
from django.utils.translation import ngettext
from django.views.generic import DetailView, TemplateView
from django_countries import countries
from modeltranslation.utils import get_language

from directory.data.announcement import read_announcement_meta
from directory.languages import sort_column
from directory.models import FocusArea, Partner
from directory.pagination import form_errors
from directory.public import cards
from directory.public.charts import directory_charts, focus_area_charts
from directory.public.counts import CountCache
from directory.public.filters import LIST_QUERY, PartnerFilter, in_any_focus_area
from directory.public.paging import page_of
from directory.text import collation_key
from partners_site.canonical_query import NO_QUERY, PAGED

# Up to this many partners, the home page's timeline names them all.
TIMELINE_NAMED_PARTNERS = 60


def focus_areas_with_counts(chart):
    """The focus areas, each with its `partner_count` from the chart's figures, and that
    count in words."""
    areas = []
    for bar in chart.bars:
        bar.item.partner_count = bar.count
        bar.item.count_label = ngettext(
            "%(counter)s partner", "%(counter)s partners", bar.count
        ) % {"counter": bar.count}
        areas.append(bar.item)
    return areas


class HomeView(TemplateView):
    template_name = "directory/home.html"
    query_contract = NO_QUERY

    def get_context_data(self, **kwargs):
        charts = {chart.key: chart for chart in directory_charts()}
        years = charts["decade"].year_counts
        total = sum(count for _year, count in years)
        # The timeline names every partner while they fit on a page; beyond that, each year
        # shows its count and links to that year's list. The query is bounded either way.
        names = {}
        for partner in (
            Partner.objects.published()
            .order_by("founding_year", sort_column())
            .only("slug", "name", "abbreviation", "founding_year")[:TIMELINE_NAMED_PARTNERS]
        ):
            names.setdefault(partner.founding_year, []).append(partner)
        named = total <= TIMELINE_NAMED_PARTNERS
        timeline = [
            {"year": year, "count": count, "partners": names.get(year, []) if named else []}
            for year, count in years
        ]
        return super().get_context_data(
            timeline=timeline,
            focus_areas=focus_areas_with_counts(charts["focus"]),
            charts=list(charts.values()),
            partner_count=total,
            **kwargs,
        )


class PartnerListView(TemplateView):
    template_name = "directory/partner_list.html"
    query_contract = LIST_QUERY

    def get(self, request, *args, **kwargs):
        generation = cards.generation(request)
        filterset = PartnerFilter(request.GET, queryset=Partner.objects.published())
        filterset.count_cache = CountCache(generation)
        errors = [] if filterset.is_valid() else form_errors(filterset.form)
        facets = filterset.facets()
        page = page_of(request, filterset.results, errors, filterset.total(), filterset.count_cache)
        country_options = self.country_options(facets["country"])
        filterset.form.offer(facets["focus"], facets["type"], country_options)
        context = self.get_context_data(
            filterset=filterset,
            page_obj=page,
            partners=page.object_list,
            cards=cards.partner_cards(
                page.object_list, filterset.form.cleaned_data.get("q"), generation
            ),
            errors=errors,
            focus_options=facets["focus"],
            type_options=facets["type"],
            country_options=country_options,
            active_filters=self.active_filters(filterset),
            indexable=not errors and self.is_indexable(request),
        )
        return self.render_to_response(context, status=400 if errors else 200)

    @staticmethod
    def is_indexable(request):
        """Search engines index the list and its pages; searched, filtered and sorted
        variants (endless, and each a subset of the list) are only followed."""
        return set(LIST_QUERY.canonical(request.GET)) <= {"page"}

    @staticmethod
    def country_options(counts):
        """The countries partners are in: code, name in the page's language, count."""
        options = [(code, countries.name(code), count) for code, count in counts.items()]
        return sorted(options, key=lambda option: collation_key(option[1], get_language()))

    @staticmethod
    def active_filters(filterset):
        cleaned = filterset.form.cleaned_data
        return any(
            value not in (None, "", [], ()) for name, value in cleaned.items() if name != "sort"
        )


class PartnerDetailView(DetailView):
    queryset = Partner.objects.published().prefetch_related("focus_areas")
    template_name = "directory/partner_detail.html"
    query_contract = NO_QUERY


class FocusAreaDetailView(DetailView):
    model = FocusArea
    template_name = "directory/focusarea_detail.html"
    query_contract = PAGED

    def get(self, request, *args, **kwargs):
        self.generation = cards.generation(request)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        errors = []
        charts = focus_area_charts(self.object)
        decades = next(chart for chart in charts if chart.key == "decade")
        total = sum(count for _year, count in decades.year_counts)
        partners = in_any_focus_area(Partner.objects.published(), [self.object]).order_by_name()
        page = page_of(self.request, partners, errors, total, CountCache(self.generation))
        return super().get_context_data(
            page_obj=page,
            partners=page.object_list,
            cards=cards.partner_cards(page.object_list, "", self.generation),
            errors=errors,
            charts=charts,
            **kwargs,
        )

    def render_to_response(self, context, **response_kwargs):
        if context["errors"]:
            response_kwargs["status"] = 400
        return super().render_to_response(context, **response_kwargs)


class AboutView(TemplateView):
    template_name = "directory/about.html"
    query_contract = NO_QUERY

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            announcement=read_announcement_meta(),
            contact_email=settings.CONTACT_EMAIL,
            **kwargs,
        )


class SuggestionSentView(TemplateView):
    """Where a sent suggestion lands (after a redirect, so reloading sends nothing twice)."""

    template_name = "directory/suggestion_sent.html"
    query_contract = NO_QUERY
