"""Every public page makes the same number of queries with few partners as with many."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.translation import override

from directory.models import Partner

# (URL name, URL arguments, query parameters); AREA and PARTNER stand for real slugs.
PAGES = [
    ("directory:home", {}, {}),
    ("directory:partner-list", {}, {}),
    ("directory:partner-list", {}, {"q": "organizacja", "type": "nonprofit", "country": "PL"}),
    ("directory:partner-list", {}, {"focus": "AREA", "sort": "-founded", "page": "2"}),
    ("directory:partner-detail", {"slug": "PARTNER"}, {}),
    ("directory:focus-area-detail", {"slug": "AREA"}, {}),
    ("directory:about", {}, {}),
]
MAX_QUERIES = 9


def add_partners(make_partner, areas, count):
    for number in range(count):
        make_partner(
            founding_year=1990 + number % 30,
            country=["PL", "US", "GB"][number % 3],
            focus_areas=areas[: 1 + number % 3],
        )


def count_queries(client, name, kwargs, params, slugs):
    def fill(value):
        return slugs.get(value, value)

    with override("en"):
        address = reverse(name, kwargs={key: fill(value) for key, value in kwargs.items()} or None)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(address, {key: fill(value) for key, value in params.items()})
    assert response.status_code == 200, (address, params)
    return len(captured)


@pytest.mark.parametrize(("name", "kwargs", "params"), PAGES)
def test_query_count_does_not_grow_with_the_number_of_partners(
    client, make_partner, make_focus_area, name, kwargs, params
):
    areas = [make_focus_area() for _ in range(3)]
    add_partners(make_partner, areas, 30)
    slugs = {"AREA": areas[0].slug, "PARTNER": Partner.objects.order_by("pk").first().slug}
    few = count_queries(client, name, kwargs, params, slugs)

    more_areas = [make_focus_area() for _ in range(9)]
    add_partners(make_partner, areas + more_areas, 120)
    many = count_queries(client, name, kwargs, params, slugs)

    assert few == many
    assert many <= MAX_QUERIES
