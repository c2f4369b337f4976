"""The Atom feed of partners added or updated, one per language (under its prefix)."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from directory.models import Partner
from partners_site.canonical_query import NO_QUERY
from partners_site.site_address import SiteRequest, absolute_url

FEED_LENGTH = 50


class PlainTextAtom1Feed(Atom1Feed):
    """Atom whose entry summaries are plain text: Django sends them as type="html", so feed
    readers would render any markup staff typed into a mission."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, {**item, "description": None})
        if item["description"] is not None:
            handler.addQuickElement("summary", item["description"], {"type": "text"})


class PartnerFeed(Feed):
    feed_type = PlainTextAtom1Feed
    title = _("Trust & Safety Partners Directory: partners added or updated")
    subtitle = _("The latest changes to the directory's partners.")
    query_contract = NO_QUERY
    # RFC 4287 requires an author: the directory itself, with its home page.
    author_name = _("Trust & Safety Partners Directory")

    def author_link(self):
        return absolute_url(reverse("directory:home"))

    def get_feed(self, obj, request):
        # Django's feed takes its addresses' host from the request; this site's is SITE_URL.
        return super().get_feed(obj, SiteRequest(request))

    def link(self):
        return reverse("directory:partner-list")

    def feed_url(self):
        return reverse("directory:partner-feed")

    def items(self):
        return (
            Partner.objects.published()
            .prefetch_related("focus_areas")
            .order_by("-updated_at", "slug")[:FEED_LENGTH]
        )

    def item_title(self, item):
        if item.abbreviation:
            return f"{item.name} ({item.abbreviation})"
        return item.name

    def item_description(self, item):
        return item.mission

    def item_pubdate(self, item):
        return item.created_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [area.name for area in item.focus_areas.all()]
