from urllib.parse import unquote, urlsplit, urlunsplit

from django.http import QueryDict
from django.urls import NoReverseMatch, Resolver404, resolve, reverse
from django.utils.translation import get_language, get_language_info, override

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
    translate = translator(path)
    alternates = [
        {
            "code": code,
            "name": get_language_info(code)["name_local"],
            "url": translate(code),
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


def translator(url):
    """What django.urls.translate_url(url, language) gives, as a function of the language:
    the path is resolved once for every language (in the active one, as translate_url
    does), not once per language."""
    parsed = urlsplit(url)
    try:
        match = resolve(unquote(parsed.path))
    except Resolver404:
        return lambda language: url
    name = f"{match.namespace}:{match.url_name}" if match.namespace else match.url_name

    def translate(language):
        with override(language):
            try:
                path = reverse(name, args=match.args, kwargs=match.kwargs)
            except NoReverseMatch:
                return url
        return urlunsplit((parsed.scheme, parsed.netloc, path, parsed.query, parsed.fragment))

    return translate
