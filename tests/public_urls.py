"""Every public address of the site, found from the URL configuration, so that new pages
and feeds are covered by the tests that use it without being listed by hand."""

from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import translation

# Not public pages: the admin, and the language switch (a POST endpoint).
EXCLUDED_PREFIXES = (settings.ADMIN_URL, "i18n/")


def _walk(patterns, prefix=""):
    for pattern in patterns:
        route = str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            if route.startswith(EXCLUDED_PREFIXES):
                continue
            yield from _walk(pattern.url_patterns, prefix + route)
        elif isinstance(pattern, URLPattern):
            yield prefix + route


def public_paths(values=None):
    """The public paths in every language, with `<slug>` and other parameters filled in
    from `values`; routes with a parameter not given are left out, as are
    regular-expression routes."""
    values = values or {}
    languages = [code for code, _name in settings.LANGUAGES]
    paths = []
    for code in languages:
        with translation.override(code):
            for route in _walk(get_resolver().url_patterns):
                if route.startswith("^"):
                    continue
                path = route
                for name, value in values.items():
                    path = path.replace(f"<slug:{name}>", value).replace(f"<str:{name}>", value)
                if "<" in path:
                    continue
                path = "/" + path
                if path not in paths:
                    paths.append(path)
    return paths


def url(name, language="en", **kwargs):
    """The address of the directory's page `name` in `language`."""
    with translation.override(language):
        return reverse(f"directory:{name}", kwargs=kwargs or None)
