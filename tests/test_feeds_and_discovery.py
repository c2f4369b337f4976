"""The Atom feed, sitemap.xml, robots.txt and the OpenSearch description, parsed with their
namespaces."""

import datetime
import re
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.utils import timezone

from directory.models import Partner

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
OPENSEARCH = "{http://a9.com/-/spec/opensearch/1.1/}"


@pytest.fixture
def partners(make_partner, make_focus_area):
    area = make_focus_area(slug="hotlines", name_pl="Infolinie", name_en="Hotlines")
    older = make_partner(slug="older", name_pl="Starsza", name_en="Older", focus_areas=[area])
    newer = make_partner(slug="newer", name_pl="Nowsza", name_en="", abbreviation="NEW")
    make_partner(slug="hidden-draft", is_published=False)
    # The newer one was edited last.
    Partner.objects.filter(pk=older.pk).update(
        updated_at=timezone.now() - datetime.timedelta(days=3)
    )
    return older, newer, area


@pytest.mark.parametrize(
    ("path", "language", "title", "link"),
    [
        (
            "/pl/partnerzy.atom",
            "pl",
            "Katalog partnerów w dziedzinie zaufania i bezpieczeństwa: "
            "partnerzy dodani lub zmienieni",
            "https://partners.example.org/pl/partnerzy/",
        ),
        (
            "/en/partners.atom",
            "en",
            "Trust & Safety Partners Directory: partners added or updated",
            "https://partners.example.org/en/partners/",
        ),
    ],
)
def test_the_atom_feed_lists_recent_changes_in_its_language(
    client, partners, path, language, title, link
):
    response = client.get(path)

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    assert feed.tag == f"{ATOM}feed"
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == language
    assert feed.findtext(f"{ATOM}title") == title
    assert feed.find(f"{ATOM}link[@rel='alternate']").get("href") == link
    entries = feed.findall(f"{ATOM}entry")
    ids = [entry.findtext(f"{ATOM}id") for entry in entries]
    assert [entry_id.rstrip("/").rsplit("/", 1)[1] for entry_id in ids] == ["newer", "older"]
    assert not any("hidden-draft" in entry_id for entry_id in ids)


def test_a_feed_entry_carries_name_mission_dates_and_focus_areas(client, partners):
    older, newer, _area = partners
    older.refresh_from_db()

    feed = ET.fromstring(client.get("/en/partners.atom").content)

    first, second = feed.findall(f"{ATOM}entry")
    assert first.findtext(f"{ATOM}title") == "Nowsza (NEW)"
    assert second.findtext(f"{ATOM}title") == "Older"
    assert second.findtext(f"{ATOM}summary") == older.mission_en
    assert second.findtext(f"{ATOM}updated") == older.updated_at.isoformat()
    assert [c.get("term") for c in second.findall(f"{ATOM}category")] == ["Hotlines"]


def test_every_page_links_to_its_languages_feed(client, partners):
    html = client.get("/pl/partnerzy/").content.decode()

    assert '<link rel="alternate" type="application/atom+xml" href="/pl/partnerzy.atom"' in html


def sitemap_urls(client):
    index = ET.fromstring(client.get("/sitemap.xml").content)
    assert index.tag == f"{SITEMAP}sitemapindex"
    urls = {}
    for location in index.iter(f"{SITEMAP}loc"):
        section = client.get(location.text.removeprefix("https://partners.example.org"))
        assert section.status_code == 200
        urlset = ET.fromstring(section.content)
        assert urlset.tag == f"{SITEMAP}urlset"
        for url in urlset.findall(f"{SITEMAP}url"):
            urls[url.findtext(f"{SITEMAP}loc")] = {
                link.get("hreflang"): link.get("href")
                for link in url.findall(f"{XHTML}link[@rel='alternate']")
            }
    return urls


def test_the_sitemap_lists_every_public_page_in_every_language(client, partners):
    _older, _newer, area = partners

    urls = sitemap_urls(client)

    base = "https://partners.example.org"
    expected_pairs = [
        ("/pl/", "/en/"),
        ("/pl/partnerzy/", "/en/partners/"),
        ("/pl/o-katalogu/", "/en/about/"),
        ("/pl/partnerzy/older/", "/en/partners/older/"),
        ("/pl/partnerzy/newer/", "/en/partners/newer/"),
        (f"/pl/obszary/{area.slug}/", f"/en/focus-areas/{area.slug}/"),
    ]
    assert sorted(urls) == sorted(base + path for pair in expected_pairs for path in pair)
    for polish, english in expected_pairs:
        alternates = {"pl": base + polish, "en": base + english, "x-default": base + polish}
        assert urls[base + polish] == alternates
        assert urls[base + english] == alternates
    assert not any("hidden-draft" in url for url in urls)


def test_each_language_has_its_alternate_in_the_sitemap(client, partners):
    urls = sitemap_urls(client)

    codes = {code for code, _name in settings.LANGUAGES}
    assert urls
    assert all(set(alternates) == codes | {"x-default"} for alternates in urls.values())


def test_robots_txt_points_to_the_sitemap(client):
    response = client.get("/robots.txt")

    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert (
        "Sitemap: https://partners.example.org/sitemap.xml"
        in response.content.decode().splitlines()
    )


def test_the_opensearch_description_searches_the_list_in_its_language(client, db):
    response = client.get("/opensearch/pl.xml")

    assert response["Content-Type"].startswith("application/opensearchdescription+xml")
    description = ET.fromstring(response.content)
    assert description.tag == f"{OPENSEARCH}OpenSearchDescription"
    assert description.findtext(f"{OPENSEARCH}ShortName") == "Partnerzy T&S"
    assert description.findtext(f"{OPENSEARCH}InputEncoding") == "UTF-8"
    search = description.find(f"{OPENSEARCH}Url[@type='text/html']")
    assert search.get("template") == "https://partners.example.org/pl/partnerzy/?q={searchTerms}"


def test_an_unknown_language_has_no_opensearch_description(client, db):
    assert client.get("/opensearch/xx.xml").status_code == 404


def test_pages_offer_the_opensearch_description(client, db):
    html = client.get("/en/").content.decode()

    assert (
        'rel="search" type="application/opensearchdescription+xml" href="/opensearch/en.xml"'
        in html
    )


def test_discovery_files_set_no_cookies(client, partners):
    for path in ("/robots.txt", "/sitemap.xml", "/opensearch/en.xml", "/en/partners.atom"):
        assert not client.get(path).cookies, path


# RFC 4287's rules, checked one by one (section numbers in the messages): the RELAX NG
# schema in its appendix is not normative and has no installable copy.
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
TEXT_TYPES = {None, "text", "html", "xhtml"}


def only(parent, name, rule):
    found = parent.findall(f"{ATOM}{name}")
    assert len(found) == 1, f"{rule}: exactly one atom:{name} in {parent.tag}, got {len(found)}"
    return found[0]


def at_most_one(parent, name, rule):
    assert len(parent.findall(f"{ATOM}{name}")) <= 1, f"{rule}: at most one atom:{name}"


def check_text_construct(element, rule):
    assert element.get("type") in TEXT_TYPES, f"{rule} (3.1.1): type {element.get('type')}"
    if element.get("type") in (None, "text", "html"):
        assert len(element) == 0, f"{rule} (3.1.1): a text construct holds no elements"


def check_person(element, rule):
    assert only(element, "name", f"{rule} (3.2.1)").text, f"{rule}: the name is empty"
    at_most_one(element, "uri", f"{rule} (3.2.2)")
    at_most_one(element, "email", f"{rule} (3.2.3)")
    uri = element.find(f"{ATOM}uri")
    if uri is not None:
        assert urlsplit(uri.text).scheme in ("http", "https"), f"{rule}: uri {uri.text}"


def check_common(element, rule):
    """What atom:feed (4.1.1) and atom:entry (4.1.2) share."""
    identifier = only(element, "id", f"{rule} id (4.2.6)").text
    assert urlsplit(identifier).scheme, f"{rule}: the id {identifier!r} is not an absolute IRI"
    check_text_construct(only(element, "title", f"{rule} title (4.2.14)"), rule)
    assert RFC3339.match(only(element, "updated", f"{rule} updated (4.2.15)").text)
    for name in ("rights", "subtitle", "summary", "published"):
        at_most_one(element, name, rule)
    for name in ("rights", "subtitle", "summary"):
        if element.find(f"{ATOM}{name}") is not None:
            check_text_construct(element.find(f"{ATOM}{name}"), f"{rule} {name}")
    for author in element.findall(f"{ATOM}author"):
        check_person(author, f"{rule} author")
    alternates = [
        (link.get("type"), link.get("hreflang"))
        for link in element.findall(f"{ATOM}link")
        if link.get("rel", "alternate") == "alternate"
    ]
    assert len(alternates) == len(set(alternates)), f"{rule}: repeated alternate link (4.2.7)"
    for link in element.findall(f"{ATOM}link"):
        assert urlsplit(link.get("href")).scheme in ("http", "https"), link.get("href")


def assert_valid_atom(document):
    feed = ET.fromstring(document)
    assert feed.tag == f"{ATOM}feed"
    check_common(feed, "atom:feed")
    entries = feed.findall(f"{ATOM}entry")
    # 4.1.1: an author for the feed, unless every entry has its own.
    assert feed.findall(f"{ATOM}author") or all(
        entry.findall(f"{ATOM}author") for entry in entries
    ), "atom:feed (4.1.1): no atom:author"
    assert any(link.get("rel") == "self" for link in feed.findall(f"{ATOM}link")), (
        "atom:feed (4.1.1): SHOULD have a self link"
    )
    for entry in entries:
        check_common(entry, "atom:entry")
        # 4.1.2: without atom:content, an entry has an alternate link.
        if entry.find(f"{ATOM}content") is None:
            assert any(
                link.get("rel", "alternate") == "alternate" for link in entry.findall(f"{ATOM}link")
            ), "atom:entry (4.1.2): no content and no alternate link"
        if entry.find(f"{ATOM}published") is not None:
            assert RFC3339.match(entry.findtext(f"{ATOM}published"))
    return feed


MARKUP = '<b>Bold</b> & <script>alert("feed")</script>'


@pytest.mark.parametrize("path", ["/pl/partnerzy.atom", "/en/partners.atom"])
def test_the_atom_feed_is_valid_atom_with_the_directory_as_author(client, partners, path):
    feed = assert_valid_atom(client.get(path).content)

    author = feed.find(f"{ATOM}author")
    home = "https://partners.example.org" + path.split("/partner")[0] + "/"
    assert author.findtext(f"{ATOM}uri") == home
    assert author.findtext(f"{ATOM}name") in {
        "Trust & Safety Partners Directory",
        "Katalog partnerów w dziedzinie zaufania i bezpieczeństwa",
    }


def test_staff_markup_reaches_feed_readers_as_plain_text(client, make_partner):
    make_partner(
        slug="markup", name_pl="Znaczniki", name_en=MARKUP, mission_en=MARKUP, abbreviation="<i>"
    )

    feed = assert_valid_atom(client.get("/en/partners.atom").content)

    entry = feed.find(f"{ATOM}entry")
    for name in ("title", "summary"):
        element = entry.find(f"{ATOM}{name}")
        # Plain text (the default type): a reader shows the characters, never renders them.
        assert element.get("type", "text") == "text", name
    assert entry.findtext(f"{ATOM}summary") == MARKUP
    assert entry.findtext(f"{ATOM}title") == f"{MARKUP} (<i>)"
