from django.conf import settings
from django.core.paginator import Paginator
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.generic import DetailView, TemplateView
from django_countries import countries
from modeltranslation.utils import get_language

from directory.data.announcement import read_announcement_meta
from directory.models import FocusArea, Partner, sort_field
from directory.public import cards
from directory.public.charts import directory_charts, focus_area_charts
from directory.public.filters import LIST_QUERY, SORTS, PartnerFilter
from directory.text import collation_key
from partners_site.canonical_query import NO_QUERY, PAGED

PAGE_SIZE = 24
# Up to this many partners, the home page's timeline names them all.
TIMELINE_NAMED_PARTNERS = 60


def page_of(request, queryset, errors):
    """The requested page of partners from `queryset`, with their focus areas; a bad
    `page` is reported in `errors`.

    Ids first, then the rows: a deep page skips index entries, not whole rows.
    """
    page = _requested_page(
        request, Paginator(queryset.values_list("pk", flat=True), PAGE_SIZE), errors
    )
    ids = list(page.object_list)
    rows = Partner.objects.filter(pk__in=ids).in_bulk()
    page.object_list = [rows[pk] for pk in ids]
    page.elided_range = list(page.paginator.get_elided_page_range(page.number))
    return page


def _requested_page(request, paginator, errors):
    raw = request.GET.get("page", "1")
    try:
        number = int(raw)
        if number < 1:
            raise ValueError
    except ValueError:
        errors.append(_("“%(page)s” is not a page number; showing the first page.") % {"page": raw})
        return paginator.page(1)
    if number > paginator.num_pages:
        errors.append(
            _("There is no page %(page)s; showing the last page, %(last)s.")
            % {"page": number, "last": paginator.num_pages}
        )
        return paginator.page(paginator.num_pages)
    return paginator.page(number)


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
            .order_by("founding_year", sort_field())
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
        errors = []
        if not filterset.is_valid():
            errors = [
                f"{filterset.form.fields[name].label}: {message}" if name != "__all__" else message
                for name, messages in filterset.form.errors.items()
                for message in messages
            ]
        page = page_of(request, filterset.results, errors)
        facets = filterset.facets()
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
            country_options=self.country_options(facets["country"]),
            sort_options=SORTS.items(),
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
        partners = self.object.partners.published().order_by_name()
        page = page_of(self.request, partners, errors)
        return super().get_context_data(
            page_obj=page,
            partners=page.object_list,
            cards=cards.partner_cards(page.object_list, "", self.generation),
            errors=errors,
            charts=focus_area_charts(self.object),
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
