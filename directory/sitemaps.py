"""sitemap.xml: every public page in every language, with its alternates and x-default."""

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import FocusArea, Partner


class _EveryLanguage(Sitemap):
    i18n = True
    alternates = True
    x_default = True

    def _urls(self, page, protocol, domain):
        # Django makes x-default the address without a language prefix, which this site
        # does not serve; like the pages' own hreflang links, point it at the source
        # language's address.
        urls = super()._urls(page, protocol, domain)
        for url in urls:
            by_language = {link["lang_code"]: link["location"] for link in url["alternates"]}
            for link in url["alternates"]:
                if link["lang_code"] == "x-default":
                    link["location"] = by_language[settings.LANGUAGE_CODE]
        return urls


class PageSitemap(_EveryLanguage):
    changefreq = "weekly"

    def items(self):
        return ["directory:home", "directory:partner-list", "directory:about"]

    def location(self, item):
        return reverse(item)


class PartnerSitemap(_EveryLanguage):
    changefreq = "monthly"

    def items(self):
        # Plain rows, not model instances: a sitemap section lists every partner at once.
        return (
            Partner.objects.published()
            .order_by("slug")
            .values_list("slug", "updated_at", named=True)
        )

    def location(self, item):
        return reverse("directory:partner-detail", kwargs={"slug": item.slug})

    def lastmod(self, item):
        return item.updated_at


class FocusAreaSitemap(_EveryLanguage):
    changefreq = "monthly"

    def items(self):
        return FocusArea.objects.only("slug")


SITEMAPS = {"pages": PageSitemap, "partners": PartnerSitemap, "focus-areas": FocusAreaSitemap}
