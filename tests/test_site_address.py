"""Every absolute address the site sends is built from SITE_URL, never from what the client
sent (Host, forwarded headers), and no page links away from the site."""

import re
from html.parser import HTMLParser

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils.translation import override

from tests.public_urls import public_paths

SITE = "https://partners.example.org"
# An allowed host on another port, and the headers a proxy would set, all made up.
SPOOFED = {
    "HTTP_HOST": "127.0.0.1:31337",
    "HTTP_X_FORWARDED_HOST": "evil.example",
    "HTTP_X_FORWARDED_PROTO": "http",
    "HTTP_X_FORWARDED_PORT": "31337",
    "HTTP_FORWARDED": "host=evil.example;proto=http",
}
LEAKS = ("31337", "evil.example", "testserver")
ABSOLUTE = re.compile(r"https?://[^\s\"'<>]+")


def every_output(slug):
    """Every public address: pages, feeds, exports, sitemaps, discovery files, the API."""
    paths = public_paths({"slug": slug, "language": "pl"}) + public_paths(
        {"slug": slug, "language": "en"}
    )
    paths += [
        "/en/focus-areas/missing-children/",
        "/api/v1/partners/?page_size=2",
        "/api/v1/partners/?page_size=2&page=2",
        f"/api/v1/partners/{slug}/",
        "/api/v1/focus-areas/",
        "/api/v1/openapi.json",
    ]
    return [path for path in paths if "<section>" not in path] + [
        f"/sitemap-{section}.xml" for section in ("pages", "partners", "focus-areas")
    ]


def body(response):
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def test_no_output_takes_its_addresses_from_the_request(client, shipped_directory):
    checked = 0
    for path in every_output("gifct"):
        response = client.get(path, **SPOOFED)
        assert response.status_code < 500, (path, response.status_code)
        text = body(response) + "".join(f"{k}: {v}\n" for k, v in response.items())
        for leak in LEAKS:
            assert leak not in text, (path, leak)
        own = [url for url in ABSOLUTE.findall(text) if "example.org" in url]
        checked += len(own)
        for url in own:
            assert url.startswith(SITE + "/") or url == SITE, (path, url)
    assert checked > 100


@pytest.mark.parametrize("name", ["partner-list", "home", "about"])
def test_canonical_and_language_links_use_the_site_address(client, shipped_directory, name):
    with override("en"):
        path = reverse(f"directory:{name}")
    html = client.get(path, **SPOOFED).content.decode()
    assert f'<link rel="canonical" href="{SITE}{path}">' in html
    assert f'<meta property="og:url" content="{SITE}{path}">' in html


def test_a_spoofed_host_cannot_poison_the_page_cache(client, shipped_directory, settings):
    settings.PAGE_CACHE_ENABLED = True
    cache.clear()
    with override("en"):
        path = reverse("directory:partner-detail", kwargs={"slug": "gifct"})
    poisoned = client.get(path, **SPOOFED)
    served = client.get(path)
    assert served.content == poisoned.content
    for leak in LEAKS:
        assert leak not in served.content.decode()
    cache.clear()


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in ("href", "src", "action"):
            if attrs.get(name):
                self.links.append(attrs[name])
        if tag == "meta" and attrs.get("property") == "og:url":
            self.links.append(attrs["content"])


def on_this_site(link):
    if link.startswith((SITE + "/", "#")):
        return True
    # A path on this site: one slash, then not a slash or backslash (which browsers read
    # as the start of another host).
    return re.match(r"/(?![/\\])", link) is not None


@pytest.mark.parametrize(
    "path",
    ["//evil.example/pl/partnerzy/", "/\\evil.example/pl/partnerzy/", "//evil.example/"],
)
def test_an_error_page_links_only_to_this_site(client, shipped_directory, path):
    response = client.get("/", PATH_INFO=path)
    assert response.status_code == 404
    parser = Links()
    parser.feed(response.content.decode())
    assert parser.links
    off_site = [link for link in parser.links if not on_this_site(link)]
    assert off_site == []
