from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path

from directory.opendata import discovery
from directory.opendata.sitemaps import SITEMAPS, kept_until_changed
from partners_site import health
from partners_site.security import security_txt
from partners_site.site_address import on_site_address

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("healthz", health.healthz, name="healthz"),
    path(".well-known/security.txt", security_txt, name="security-txt"),
    # Open data and discovery: the same address in every language.
    path("api/", include("directory.opendata.api")),
    path("robots.txt", discovery.robots_txt, name="robots-txt"),
    path("opensearch/<str:language>.xml", discovery.opensearch, name="opensearch"),
    # Django's sitemaps take their addresses' host from the request; this site's is SITE_URL.
    path(
        "sitemap.xml",
        kept_until_changed(on_site_address(sitemap_views.index)),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap-section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        kept_until_changed(on_site_address(sitemap_views.sitemap)),
        {"sitemaps": SITEMAPS},
        name="sitemap-section",
    ),
]

urlpatterns += i18n_patterns(
    path(settings.ADMIN_URL, admin.site.urls),
    path("", include("directory.urls")),
)
