"""schema.org descriptions of the pages as JSON-LD, escaped so that no text can end the
<script> element it is embedded in."""

import json
from urllib.parse import urlsplit

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from directory.models.validators import WEB_SCHEMES

# The same escapes as Django's json_script: the data stays data inside <script>.
_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def json_ld(data):
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))


# Encyclopedia entries that stand for the organization itself: its Wikipedia article (in
# any language edition) and its Wikidata item.
_IDENTITY_HOSTS = ("wikipedia.org", "wikidata.org")


def _is_identity_page(url):
    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
    except ValueError:  # Not an address at all (a source saved from the shell, unchecked).
        return False
    return (
        parts.scheme in WEB_SCHEMES
        and any(host == domain or host.endswith(f".{domain}") for domain in _IDENTITY_HOSTS)
        and parts.path.startswith("/wiki/")
    )


def identity_pages(partner):
    """What schema.org's `sameAs` means: pages that say which organization this is (its own
    website, its encyclopedia entry), not the news, reports and subpages its facts come
    from."""
    pages = [partner.website] if partner.website else []
    pages += [source for source in partner.sources if _is_identity_page(source)]
    return list(dict.fromkeys(pages))


def organization(partner, page_url):
    data = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "@id": f"{page_url}#organization",
        "name": partner.name,
        "foundingDate": str(partner.founding_year),
        "description": partner.mission,
        "mainEntityOfPage": page_url,
        "url": partner.website or page_url,
        "knowsAbout": [area.name for area in partner.focus_areas.all()],
    }
    if partner.abbreviation:
        data["alternateName"] = partner.abbreviation
    if partner.city or partner.country:
        address = {"@type": "PostalAddress"}
        if partner.city:
            address["addressLocality"] = partner.city
        if partner.country:
            address["addressCountry"] = partner.country.code
        data["address"] = address
    same_as = identity_pages(partner)
    if same_as:
        data["sameAs"] = same_as
    return data


def item_list(page, absolute_url):
    """The partners on one page of a list, numbered from the page's first position."""
    return {
        "@context": "https://schema.org",
        "@type": "ItemList",
        "numberOfItems": page.paginator.count,
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": page.start_index() + offset,
                "url": absolute_url(partner.get_absolute_url()),
                "name": partner.name,
            }
            for offset, partner in enumerate(page.object_list)
        ],
    }
