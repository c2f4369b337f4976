from django.http import QueryDict
from django.urls import translate_url
from django.utils.translation import get_language, get_language_info

from directory.languages import codes
from partners_site.site_address import absolute_url, local_path


def page_query(request):
    """The query the page was rendered for: its canonical form (directory/query.py), or
    nothing for a page without a query contract (an error page, the admin)."""
    return getattr(request, "canonical_query", None) or QueryDict()


def languages(request):
    """The page in every language (for the switcher and hreflang links) and its canonical
    address: all on this site, whatever the requested path looked like."""
    query = page_query(request).urlencode()
    path = local_path(request.path) + (f"?{query}" if query else "")
    current = get_language()
    alternates = [
        {
            "code": code,
            "name": get_language_info(code)["name_local"],
            "url": translate_url(path, code),
            "is_current": code == current,
        }
        for code in codes()
    ]
    for alternate in alternates:
        alternate["absolute_url"] = absolute_url(alternate["url"])
    return {
        "alternates": alternates,
        "default_alternate": alternates[0],
        "canonical_url": absolute_url(path),
    }
