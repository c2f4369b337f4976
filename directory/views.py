from django.views.generic import DetailView, ListView

from .models import FocusArea, Partner


class PartnerListView(ListView):
    queryset = Partner.objects.published().prefetch_related("focus_areas")


class PartnerDetailView(DetailView):
    queryset = Partner.objects.published().prefetch_related("focus_areas")


class FocusAreaDetailView(DetailView):
    model = FocusArea
