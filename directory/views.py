from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Count, F, Q, Window
from django.db.models.functions import RowNumber
from django.utils.translation import gettext as _
from django.views.generic import DetailView, TemplateView
from django_countries import countries
from modeltranslation.utils import get_language

from .announcement import read_announcement_meta
from .filters import SORTS, PartnerFilter
from .models import FocusArea, Partner, sort_field
from .text import collation_key

PAGE_SIZE = 24
# How many partners the home page's timeline names for one year; the rest are a link.
TIMELINE_NAMES_PER_YEAR = 4


def page_of(request, queryset, errors):
    """The requested page of `queryset`; a bad `page` is reported in `errors`."""
    page = _requested_page(request, Paginator(queryset, PAGE_SIZE), errors)
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


class HomeView(TemplateView):
    template_name = "directory/home.html"

    def get_context_data(self, **kwargs):
        published = Partner.objects.published()
        years = list(
            published.order_by("founding_year")
            .values_list("founding_year")
            .annotate(partners=Count("pk"))
        )
        ranked = published.annotate(
            rank=Window(
                RowNumber(), partition_by=F("founding_year"), order_by=F(sort_field()).asc()
            )
        ).filter(rank__lte=TIMELINE_NAMES_PER_YEAR)
        names = {}
        for partner in ranked.order_by("founding_year", sort_field()).only(
            "slug", "name", "abbreviation", "founding_year"
        ):
            names.setdefault(partner.founding_year, []).append(partner)
        timeline = [
            {
                "year": year,
                "count": count,
                "partners": names.get(year, []),
                "more": count - len(names.get(year, [])),
            }
            for year, count in years
        ]
        focus_areas = FocusArea.objects.annotate(
            partner_count=Count("partners", filter=Q(partners__is_published=True))
        )
        return super().get_context_data(
            timeline=timeline,
            focus_areas=focus_areas,
            partner_count=sum(count for _year, count in years),
            **kwargs,
        )


class PartnerListView(TemplateView):
    template_name = "directory/partner_list.html"

    def get(self, request, *args, **kwargs):
        filterset = PartnerFilter(request.GET, queryset=Partner.objects.published())
        errors = []
        if not filterset.is_valid():
            errors = [
                f"{filterset.form.fields[name].label}: {message}" if name != "__all__" else message
                for name, messages in filterset.form.errors.items()
                for message in messages
            ]
        page = page_of(request, filterset.results.prefetch_related("focus_areas"), errors)
        facets = filterset.facets()
        context = self.get_context_data(
            filterset=filterset,
            page_obj=page,
            partners=page.object_list,
            errors=errors,
            focus_options=facets["focus"],
            type_options=facets["type"],
            country_options=self.country_options(facets["country"]),
            sort_options=SORTS.items(),
            active_filters=self.active_filters(filterset),
        )
        return self.render_to_response(context, status=400 if errors else 200)

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


class FocusAreaDetailView(DetailView):
    model = FocusArea
    template_name = "directory/focusarea_detail.html"

    def get_context_data(self, **kwargs):
        errors = []
        partners = self.object.partners.published().order_by_name().prefetch_related("focus_areas")
        page = page_of(self.request, partners, errors)
        return super().get_context_data(
            page_obj=page, partners=page.object_list, errors=errors, **kwargs
        )

    def render_to_response(self, context, **response_kwargs):
        if context["errors"]:
            response_kwargs["status"] = 400
        return super().render_to_response(context, **response_kwargs)


class AboutView(TemplateView):
    template_name = "directory/about.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            announcement=read_announcement_meta(),
            contact_email=settings.CONTACT_EMAIL,
            **kwargs,
        )
