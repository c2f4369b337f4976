from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language, get_language_info

# Query parameters that change what a page shows; the canonical address keeps only these.
MEANINGFUL_PARAMETERS = (
    "q",
    "focus",
    "type",
    "country",
    "founded_from",
    "founded_to",
    "sort",
    "page",
)


def canonical_query(query_dict):
    """The meaningful, non-empty parameters of a query, the first page left implicit."""
    kept = query_dict.copy()
    for name in list(kept):
        values = [value for value in kept.getlist(name) if value]
        if name == "page":
            values = [value for value in values if value != "1"]
        if name in MEANINGFUL_PARAMETERS and values:
            kept.setlist(name, values)
        else:
            del kept[name]
    return kept.urlencode()


def languages(request):
    """The page in every language (for the switcher and hreflang links) and its canonical
    address."""
    path = request.get_full_path()
    current = get_language()
    alternates = [
        {
            "code": code,
            "name": get_language_info(code)["name_local"],
            "url": translate_url(path, code),
            "is_current": code == current,
        }
        for code, _name in settings.LANGUAGES
    ]
    for alternate in alternates:
        alternate["absolute_url"] = request.build_absolute_uri(alternate["url"])
    query = canonical_query(request.GET)
    return {
        "alternates": alternates,
        "default_alternate": alternates[0],
        "canonical_url": request.build_absolute_uri(request.path + (f"?{query}" if query else "")),
    }
