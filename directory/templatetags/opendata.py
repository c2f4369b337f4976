from django import template
from django.urls import reverse

from directory.opendata import structured_data
from directory.public.context_processors import page_query
from partners_site.site_address import absolute_url

register = template.Library()


@register.simple_tag(takes_context=True)
def organization_json_ld(context, partner):
    page_url = absolute_url(partner.get_absolute_url())
    return structured_data.json_ld(structured_data.organization(partner, page_url))


@register.simple_tag(takes_context=True)
def item_list_json_ld(context, page):
    return structured_data.json_ld(structured_data.item_list(page, absolute_url))


@register.simple_tag(takes_context=True)
def export_url(context, url_name, **extra):
    """The export `url_name` of what the page shows: its filters, search and order (and
    `extra` parameters, such as a focus area page's own), every page of it."""
    query = page_query(context["request"]).copy()
    query.pop("page", None)
    for name, value in extra.items():
        if value:
            query[name] = value
    encoded = query.urlencode()
    return reverse(url_name) + (f"?{encoded}" if encoded else "")
