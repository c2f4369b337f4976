"""sitemap.xml: every public page in every language, with its alternates and x-default.

Sections are paged small (URLS_PER_SITEMAP addresses each, every page listed in the index)
and read one page at a time from the database, so each builds quickly; built sections are
kept in the page cache under its current generation, so repeat requests cost nothing until
the data changes.
"""

from functools import wraps

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.core.paginator import Paginator
from django.db.models import Max, QuerySet
from django.urls import reverse

from directory import languages
from directory.models import FocusArea, Partner
from partners_site import page_cache

# The protocol allows 50,000 addresses and 50 MB in one sitemap; 5,000 (about half a
# megabyte with their alternates) build in a fraction of a second.
URLS_PER_SITEMAP = 5000


class _RowsInEveryLanguage:
    """A queryset as the (row, language) pairs that Django's i18n sitemaps page, sliced in
    the database: Django's own pairing lists every row of a section for every page."""

    def __init__(self, queryset, languages):
        self.queryset = queryset
        self.languages = languages

    def count(self):
        return self.queryset.count() * len(self.languages)

    def __getitem__(self, bounds):
        per_row = len(self.languages)
        first, last = bounds.start // per_row, -(-bounds.stop // per_row)
        pairs = [(row, code) for row in self.queryset[first:last] for code in self.languages]
        skipped = first * per_row
        return pairs[bounds.start - skipped : bounds.stop - skipped]


class _EveryLanguage(Sitemap):
    i18n = True
    alternates = True
    x_default = True
    limit = URLS_PER_SITEMAP

    @property
    def paginator(self):
        items = self.items()
        if isinstance(items, QuerySet):
            return Paginator(_RowsInEveryLanguage(items, self._languages()), self.limit)
        return super().paginator

    def _urls(self, page, protocol, domain):
        # Django makes x-default the address without a language prefix, which this site
        # does not serve; like the pages' own hreflang links, point it at the source
        # language's address.
        urls = super()._urls(page, protocol, domain)
        for url in urls:
            by_language = {link["lang_code"]: link["location"] for link in url["alternates"]}
            for link in url["alternates"]:
                if link["lang_code"] == "x-default":
                    link["location"] = by_language[languages.source_language()]
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
        # Plain rows, not model instances.
        return (
            Partner.objects.published()
            .order_by("slug")
            .values_list("slug", "updated_at", named=True)
        )

    def location(self, item):
        return reverse("directory:partner-detail", kwargs={"slug": item.slug})

    def lastmod(self, item):
        return item.updated_at

    def get_latest_lastmod(self):
        # One aggregate, where Django would read every row.
        return Partner.objects.published().aggregate(latest=Max("updated_at"))["latest"]


class FocusAreaSitemap(_EveryLanguage):
    changefreq = "monthly"

    def items(self):
        return FocusArea.objects.order_by("position", "slug").only("slug")


SITEMAPS = {"pages": PageSitemap, "partners": PartnerSitemap, "focus-areas": FocusAreaSitemap}


def kept_until_changed(view):
    """`view` (the index or a section) answered from the page cache under its current
    generation. The key is what the response depends on: the path and the page number
    (Django's views read the last `p`); a `p` that is not a number is not kept."""

    @wraps(view)
    def cached_view(request, *args, **kwargs):
        try:
            number = int(request.GET.get("p", "1"))
        except ValueError:
            number = None
        if not settings.PAGE_CACHE_ENABLED or number is None:
            return view(request, *args, **kwargs)
        cache = page_cache.page_cache()
        key = f"sitemaps:{request.path}:{number}"
        try:
            generation = page_cache.current_generation()
            stored = cache.get(key)
        except Exception as error:  # noqa: BLE001 - served uncached while the cache is down
            page_cache.health.failed(error)
            return view(request, *args, **kwargs)
        if stored is not None and stored[0] == generation:
            return page_cache.rebuild(stored)
        response = view(request, *args, **kwargs)
        if response.status_code == 200:
            response.render()
            page_cache.prepare_for_caches(response)
            try:
                cache.set(key, (generation, *page_cache.pack(response)), page_cache.PAGE_TIMEOUT)
            except Exception as error:  # noqa: BLE001
                page_cache.health.failed(error)
        return response

    return cached_view
