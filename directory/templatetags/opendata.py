from django import template
from django.urls import reverse

from directory import structured_data

register = template.Library()


@register.simple_tag(takes_context=True)
def organization_json_ld(context, partner):
    request = context["request"]
    page_url = request.build_absolute_uri(partner.get_absolute_url())
    return structured_data.json_ld(structured_data.organization(partner, page_url))


@register.simple_tag(takes_context=True)
def item_list_json_ld(context, page):
    request = context["request"]
    return structured_data.json_ld(structured_data.item_list(page, request.build_absolute_uri))


@register.simple_tag(takes_context=True)
def export_url(context, url_name, **extra):
    """The export `url_name` of what the page shows: its filters, search and order (and
    `extra` parameters, such as a focus area page's own), every page of it."""
    query = context["request"].GET.copy()
    query.pop("page", None)
    for name, value in extra.items():
        if value:
            query[name] = value
    encoded = query.urlencode()
    return reverse(url_name) + (f"?{encoded}" if encoded else "")
