from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views

app_name = "directory"

urlpatterns = [
    path("", views.PartnerListView.as_view(), name="partner-list"),
    path(_("partners/<slug:slug>/"), views.PartnerDetailView.as_view(), name="partner-detail"),
    path(
        _("focus-areas/<slug:slug>/"),
        views.FocusAreaDetailView.as_view(),
        name="focus-area-detail",
    ),
]
