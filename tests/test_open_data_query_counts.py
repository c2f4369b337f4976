"""The open-data outputs make the same number of queries with few partners as with many."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from directory.models import Partner

# (address, query parameters, queries). Exports and sitemaps fetch in chunks, so with
# 100,000 partners they would make a few more, one or two per chunk, never one per partner.
# A sitemap section counts its rows (for its pages) and reads one page of them. These are
# the queries of a build: the page cache is off here, and with it on a repeat makes none
# (tests/test_expensive_outputs.py).
OUTPUTS = [
    ("/api/v1/partners/", {}, 3),
    ("/api/v1/partners/", {"q": "organizacja", "focus": "AREA", "lang": "en", "page": "2"}, 4),
    ("/api/v1/partners/PARTNER/", {}, 2),
    ("/api/v1/focus-areas/", {}, 1),
    ("/api/v1/openapi.json", {}, 1),
    ("/en/partners.csv", {}, 2),
    ("/pl/partnerzy.csv", {"lang": "all", "focus": "AREA", "sort": "-founded"}, 3),
    ("/en/partners.json", {"country": "PL"}, 2),
    ("/en/partners.atom", {}, 2),
    ("/sitemap.xml", {}, 3),
    ("/sitemap-partners.xml", {}, 2),
    ("/sitemap-focus-areas.xml", {}, 2),
    ("/robots.txt", {}, 0),
    ("/opensearch/en.xml", {}, 0),
]


def add_partners(make_partner, areas, count):
    for number in range(count):
        make_partner(
            founding_year=1990 + number % 30,
            country=["PL", "US", "GB"][number % 3],
            focus_areas=areas[: 1 + number % 3],
        )


def count_queries(client, path, params, slugs):
    path = path.replace("PARTNER", slugs["PARTNER"])
    params = {key: slugs.get(value, value) for key, value in params.items()}
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path, params)
        if response.streaming:
            b"".join(response.streaming_content)
    assert response.status_code == 200, (path, params)
    return len(captured)


@pytest.mark.parametrize(("path", "params", "queries"), OUTPUTS)
def test_outputs_make_as_many_queries_with_many_partners_as_with_few(
    client, make_partner, make_focus_area, path, params, queries
):
    areas = [make_focus_area() for _ in range(3)]
    add_partners(make_partner, areas, 30)
    slugs = {"AREA": areas[0].slug, "PARTNER": Partner.objects.order_by("pk").first().slug}
    few = count_queries(client, path, params, slugs)

    add_partners(make_partner, areas + [make_focus_area() for _ in range(9)], 120)
    many = count_queries(client, path, params, slugs)

    assert few == many == queries
