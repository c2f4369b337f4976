"""The directory at a glance: server-drawn bar charts on the home page and each focus area
page, with the same figures as a table, each bar leading to the list that shows as many
partners, correct after every change, at a fixed number of queries."""

import re
import xml.etree.ElementTree as ET

import pytest
from django.test import Client

from tests.public_urls import url

pytestmark = pytest.mark.django_db

SVG = "{http://www.w3.org/2000/svg}"


def glance(content):
    """The charts' section of a page, parsed (its markup is well-formed XML)."""
    start = content.index('<section class="at-a-glance"')
    end = content.index("</section>", start) + len("</section>")
    return ET.fromstring(content[start:end])


def text(element):
    return "".join(element.itertext()).strip()


def charts(client, address):
    """Each chart on the page: title, its bars (label, count, link) and its table rows."""
    section = glance(client.get(address).content.decode())
    found = {}
    for figure in section.iter("figure"):
        title = text(figure.find("figcaption"))
        bars = [
            (
                text(link.find(f"{SVG}text[@class='chart-label']")),
                int(text(link.find(f"{SVG}text[@class='chart-count']"))),
                link.get("href"),
            )
            for link in figure.iter(f"{SVG}a")
        ]
        rows = [
            (text(row.find("th")), int(text(row.find("td"))), row.find("th/a").get("href"))
            for row in figure.iter("tr")
            if row.find("td") is not None
        ]
        notes = [text(p) for p in figure.iter("p") if p.get("class") == "chart-note"]
        found[title] = {"bars": bars, "rows": rows, "notes": notes, "figure": figure}
    return found


@pytest.fixture
def directory(make_partner, make_focus_area):
    safety = make_focus_area(slug="safety", name_en="Safety")
    children = make_focus_area(slug="children", name_en="Children")
    make_partner(focus_areas=[safety], country="PL", founding_year=1996)
    make_partner(focus_areas=[safety, children], country="PL", founding_year=2004)
    make_partner(
        focus_areas=[children], country="US", founding_year=2023, organization_type="charity"
    )
    make_partner(focus_areas=[children], country="", founding_year=2009)
    make_partner(focus_areas=[children], is_published=False, country="DE")
    return {"safety": safety, "children": children}


def test_the_home_page_draws_four_charts_with_their_tables(client, directory):
    found = charts(client, url("home"))
    assert list(found) == [
        "Partners by focus area",
        "Partners by type",
        "Partners by headquarters country",
        "Partners by founding decade",
    ]
    assert [bar[:2] for bar in found["Partners by focus area"]["bars"]] == [
        ("Safety", 2),
        ("Children", 3),
    ]
    assert [bar[:2] for bar in found["Partners by type"]["bars"]] == [
        ("Non-profit organization", 3),
        ("Charity", 1),
    ]
    assert [bar[:2] for bar in found["Partners by headquarters country"]["bars"]] == [
        ("Poland", 2),
        ("United States of America", 1),
    ]
    assert [bar[:2] for bar in found["Partners by founding decade"]["bars"]] == [
        ("1990–1999", 1),
        ("2000–2009", 2),
        ("2020–2029", 1),
    ]
    for chart in found.values():
        assert chart["bars"] == chart["rows"]


def test_each_bar_leads_to_a_list_of_as_many_partners(client, directory):
    for address in [url("home"), url("focus-area-detail", slug="children")]:
        for chart in charts(client, address).values():
            for label, count, link in chart["bars"]:
                response = client.get(link)
                assert response.status_code == 200, link
                assert response.context["page_obj"].paginator.count == count, (label, link)


def test_a_focus_area_page_charts_its_own_partners(client, directory):
    found = charts(client, url("focus-area-detail", "pl", slug="children"))
    assert list(found) == [
        "Partnerzy według rodzaju",
        "Partnerzy według kraju siedziby",
        "Partnerzy według dekady założenia",
    ]
    countries = found["Partnerzy według kraju siedziby"]
    assert [bar[:2] for bar in countries["bars"]] == [
        ("Polska", 1),
        ("Stany Zjednoczone Ameryki", 1),
    ]
    assert "focus=children" in countries["bars"][0][2]
    assert countries["notes"] == [
        "1 partner, którego siedziba nie została jeszcze zweryfikowana, nie jest pokazany."
    ]


def test_charts_are_drawn_without_script_or_inline_style_and_have_names(client, directory):
    content = client.get(url("home")).content.decode()
    chart_markup = content[content.index('class="at-a-glance"') :]
    assert "<script" not in chart_markup
    assert not re.search(r"\sstyle=", chart_markup)
    assert not re.search(r"\sfill=", chart_markup)
    section = glance(content)
    titles = {element.get("id"): text(element) for element in section.iter("figcaption")}
    svgs = list(section.iter(f"{SVG}svg"))
    assert len(svgs) == 4
    for svg in svgs:
        assert titles[svg.get("aria-labelledby")]
        for link in svg.iter(f"{SVG}a"):
            assert re.fullmatch(r".+: \d+ partners?", link.get("aria-label"))


def test_charts_follow_every_change_through_the_page_cache(
    directory, make_partner, settings, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_ENABLED = True
    visitor = Client()
    before = charts(visitor, url("home"))["Partners by type"]["bars"]
    assert ("Charity", 1) in [bar[:2] for bar in before]
    with django_capture_on_commit_callbacks(execute=True):
        make_partner(organization_type="charity", founding_year=2024)
    after = charts(visitor, url("home"))["Partners by type"]["bars"]
    assert ("Charity", 2) in [bar[:2] for bar in after]


def add_partners(make_partner, areas, count, first_year):
    for number in range(count):
        make_partner(
            founding_year=first_year + number % 120,
            country=["PL", "US", "GB", "FR", "DE", "IT", "ES", "NL", "SE", "NO", "FI", "CZ"][
                number % 12
            ],
            organization_type=["nonprofit", "charity", "alliance"][number % 3],
            focus_areas=areas[: 1 + number % 3],
        )


# The home page: the focus areas and their counts, the counts by type, by country and by
# founding year (the decades and the timeline), and the timeline's named partners. The
# focus area page: the area, its page of partners (ids, rows, their focus areas; the
# total is the year chart's sum) and its charts (type, country, year).
HOME_QUERIES = 6
FOCUS_AREA_QUERIES = 7


def test_charts_cost_the_same_with_few_and_many_partners(
    client, make_partner, make_focus_area, django_assert_num_queries
):
    areas = [make_focus_area() for _ in range(3)]
    add_partners(make_partner, areas, 9, 1900)
    for _size in ("few", "many"):
        with django_assert_num_queries(HOME_QUERIES):
            client.get(url("home"))
        with django_assert_num_queries(FOCUS_AREA_QUERIES):
            client.get(url("focus-area-detail", slug=areas[0].slug))
        add_partners(make_partner, [*areas, make_focus_area()], 150, 1890)
