"""schema.org JSON-LD on partner and list pages, and the Open Graph and Twitter card tags."""

import json
from html.parser import HTMLParser

import pytest


class HeadReader(HTMLParser):
    """The JSON-LD blocks and the <meta> properties of a page."""

    def __init__(self):
        super().__init__()
        self.json_ld, self.meta, self._in_json_ld = [], {}, False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script":
            assert attrs.get("type") == "application/ld+json", "only JSON-LD data scripts"
            self._in_json_ld = True
            self.json_ld.append("")
        if tag == "meta" and ("property" in attrs or "name" in attrs):
            key = attrs.get("property") or attrs["name"]
            self.meta.setdefault(key, []).append(attrs["content"])

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_json_ld = False

    def handle_data(self, data):
        if self._in_json_ld:
            self.json_ld[-1] += data


def read(response):
    reader = HeadReader()
    reader.feed(response.content.decode())
    return [json.loads(block) for block in reader.json_ld], reader.meta


@pytest.fixture
def partner(make_partner, make_focus_area):
    areas = [
        make_focus_area(name_pl="Infolinie", name_en="Hotlines"),
        make_focus_area(name_pl="Prawa", name_en=""),
    ]
    return make_partner(
        slug="gifct",
        name_pl="Globalne Forum",
        name_en="Global Forum",
        abbreviation="GIFCT",
        mission_en="Stops </script><script>alert(1)</script> & more.",
        founding_year=2017,
        website="https://gifct.org",
        city_en="Washington",
        country="US",
        sources=[
            "https://gifct.org/about/",
            "https://www.gifct.org/members/",
            "https://en.wikipedia.org/wiki/GIFCT",
            "Annual report 2020",
        ],
        focus_areas=areas,
    )


def test_a_partner_page_describes_the_organization(client, partner):
    blocks, _meta = read(client.get("/en/partners/gifct/"))

    assert blocks == [
        {
            "@context": "https://schema.org",
            "@type": "Organization",
            "@id": "https://partners.example.org/en/partners/gifct/#organization",
            "name": "Global Forum",
            "alternateName": "GIFCT",
            "foundingDate": "2017",
            "description": "Stops </script><script>alert(1)</script> & more.",
            "mainEntityOfPage": "https://partners.example.org/en/partners/gifct/",
            "url": "https://gifct.org",
            "knowsAbout": ["Hotlines", "Prawa"],
            "address": {
                "@type": "PostalAddress",
                "addressLocality": "Washington",
                "addressCountry": "US",
            },
            "sameAs": ["https://gifct.org", "https://en.wikipedia.org/wiki/GIFCT"],
        }
    ]


def test_same_as_lists_identity_pages_only(client, make_partner):
    make_partner(
        slug="iwf",
        website="https://www.iwf.org.uk",
        sources=[
            "https://www.iwf.org.uk/what-we-do/why-we-exist/our-history",
            "https://www.rnz.co.nz/news/national/516778/christchurch-call-to-continue-as-charity",
            "https://wikimili.com/en/Internet_Watch_Foundation",
            "https://en.wikipedia.org.example.net/wiki/Internet_Watch_Foundation",
            "https://pl.wikipedia.org/wiki/Internet_Watch_Foundation",
            "https://www.wikidata.org/wiki/Q6037186",
            "Internet Watch Foundation, annual report, 2020",
            "https://[en.wikipedia.org/wiki/Broken",
        ],
    )
    make_partner(slug="unsourced", website="", sources=["https://www.rnz.co.nz/news/"])

    blocks, _meta = read(client.get("/en/partners/iwf/"))
    assert blocks[0]["sameAs"] == [
        "https://www.iwf.org.uk",
        "https://pl.wikipedia.org/wiki/Internet_Watch_Foundation",
        "https://www.wikidata.org/wiki/Q6037186",
    ]
    blocks, _meta = read(client.get("/en/partners/unsourced/"))
    assert "sameAs" not in blocks[0]


def test_json_ld_cannot_end_its_script_element(client, partner):
    html = client.get("/en/partners/gifct/").content.decode()

    script = html.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    assert "<" not in script
    assert "\\u003C/script\\u003E" in script


def test_the_description_is_in_the_pages_language(client, partner):
    blocks, _meta = read(client.get("/pl/partnerzy/gifct/"))

    assert blocks[0]["name"] == "Globalne Forum"
    assert blocks[0]["description"] == partner.mission_pl
    assert blocks[0]["knowsAbout"] == ["Infolinie", "Prawa"]


def test_the_list_page_is_an_item_list_of_its_partners(client, make_partner):
    for name in ("Alfa", "Beta", "Gamma"):
        make_partner(slug=name.lower(), name_pl=name, name_en=name)
    make_partner(slug="draft", is_published=False)

    blocks, _meta = read(client.get("/en/partners/", {"sort": "-name"}))

    assert blocks == [
        {
            "@context": "https://schema.org",
            "@type": "ItemList",
            "numberOfItems": 3,
            "itemListElement": [
                {
                    "@type": "ListItem",
                    "position": position,
                    "url": f"https://partners.example.org/en/partners/{name.lower()}/",
                    "name": name,
                }
                for position, name in enumerate(["Gamma", "Beta", "Alfa"], start=1)
            ],
        }
    ]


def test_a_partner_page_has_its_own_social_card(client, partner):
    _blocks, meta = read(client.get("/en/partners/gifct/"))

    assert meta["og:title"] == ["Global Forum"]
    assert meta["twitter:title"] == ["Global Forum"]
    assert meta["og:description"] == [partner.mission_en]
    assert meta["og:url"] == ["https://partners.example.org/en/partners/gifct/"]
    assert meta["og:locale"] == ["en"]
    assert meta["og:locale:alternate"] == ["pl"]
    assert meta["twitter:card"] == ["summary"]


@pytest.mark.parametrize("path", ["/pl/", "/pl/partnerzy/", "/pl/o-katalogu/", "/en/about/"])
def test_every_page_has_open_graph_and_twitter_tags(client, db, path):
    _blocks, meta = read(client.get(path))

    for key in ("og:site_name", "og:title", "og:description", "og:url", "og:type"):
        assert meta[key] and meta[key][0], key
    assert meta["twitter:card"] == ["summary"]


def test_a_focus_area_page_has_its_own_social_card(client, make_focus_area):
    area = make_focus_area(name_pl="Infolinie", description_pl="Zgłaszanie treści.")

    _blocks, meta = read(client.get(f"/pl/obszary/{area.slug}/"))

    assert meta["og:title"] == ["Infolinie"]
    assert meta["og:description"] == ["Zgłaszanie treści."]
