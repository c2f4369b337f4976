from django.urls import path
from django.utils.translation import pgettext_lazy

from directory.opendata import exports
from directory.opendata.feeds import PartnerFeed
from directory.public import suggestions, views

app_name = "directory"

# The paths are translated (/pl/partnerzy/, /en/partners/); the context tells translators
# that these are parts of web addresses: lowercase ASCII, no spaces.
urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path(
        pgettext_lazy("URL path", "partners/"), views.PartnerListView.as_view(), name="partner-list"
    ),
    path(
        pgettext_lazy("URL path", "partners/<slug:slug>/"),
        views.PartnerDetailView.as_view(),
        name="partner-detail",
    ),
    path(
        pgettext_lazy("URL path", "partners/<slug:slug>/suggest-a-correction/"),
        suggestions.suggest_correction,
        name="suggest-correction",
    ),
    path(
        pgettext_lazy("URL path", "suggest-an-organization/"),
        suggestions.suggest_organization,
        name="suggest-organization",
    ),
    path(
        pgettext_lazy("URL path", "suggestions/thank-you/"),
        views.SuggestionSentView.as_view(),
        name="suggestion-sent",
    ),
    path(
        pgettext_lazy("URL path", "focus-areas/<slug:slug>/"),
        views.FocusAreaDetailView.as_view(),
        name="focus-area-detail",
    ),
    path(pgettext_lazy("URL path", "about/"), views.AboutView.as_view(), name="about"),
    path(pgettext_lazy("URL path", "partners.csv"), exports.partners_csv, name="partner-csv"),
    path(pgettext_lazy("URL path", "partners.json"), exports.partners_json, name="partner-json"),
    path(pgettext_lazy("URL path", "partners.atom"), PartnerFeed(), name="partner-feed"),
]
