"""The site's public address (SITE_URL): the only source of every absolute URL the site
sends, so that nothing a client sends (Host, forwarded headers) can change one."""

import re
from urllib.parse import urlsplit

from django.conf import settings

# Browsers read a path that starts with two slashes, or a slash and a backslash, as the
# start of another host's address.
_OTHER_HOST = re.compile(r"^[/\\]{2,}")


def local_path(path):
    """`path` as a path on this site, however it starts."""
    return _OTHER_HOST.sub("/", path) if path else "/"


def absolute_url(path=""):
    """The absolute address of `path` (a path on this site, with any query) at SITE_URL;
    the site's own address for ""."""
    if not path:
        return settings.SITE_URL
    return settings.SITE_URL + local_path(path)


class SiteRequest:
    """`request` as if it had come to the site's public address.

    Django's syndication feeds and sitemaps take the scheme and host from the request at
    several places inside their views; wrapping the request they get is the one place to
    give them this site's instead.
    """

    def __init__(self, request):
        self._request = request
        self._site = urlsplit(settings.SITE_URL)

    def __getattr__(self, name):
        return getattr(self._request, name)

    @property
    def scheme(self):
        return self._site.scheme

    def is_secure(self):
        return self._site.scheme == "https"

    def get_host(self):
        return self._site.netloc

    def build_absolute_uri(self, location=None):
        return absolute_url(self._request.get_full_path() if location is None else location)


def on_site_address(view):
    """`view`, answering as if every request had come to the site's public address."""

    def wrapper(request, *args, **kwargs):
        return view(SiteRequest(request), *args, **kwargs)

    wrapper.__wrapped__ = view
    return wrapper
