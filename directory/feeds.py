"""The Atom feed of partners added or updated, one per language (under its prefix)."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from .models import Partner
from .query import NO_QUERY
from .site_address import SiteRequest

FEED_LENGTH = 50


class PartnerFeed(Feed):
    feed_type = Atom1Feed
    title = _("Trust & Safety Partners Directory: partners added or updated")
    subtitle = _("The latest changes to the directory's partners.")
    query_contract = NO_QUERY

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
