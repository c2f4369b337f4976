"""A deep page of the list shows exactly what its number says, in every order, without
skipping every partner before it."""

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.translation import override

from directory.models import Partner
from directory.public import paging

SPAN_PAGES = 2


@pytest.fixture(autouse=True)
def short_spans(settings, monkeypatch):
    """Anchors every two pages, so a few dozen partners have deep pages."""
    monkeypatch.setattr(paging, "ANCHOR_SPAN", SPAN_PAGES * paging.PAGE_SIZE)
    settings.COUNT_CACHE_ENABLED = True
    caches["default"].clear()
    yield
    caches["default"].clear()


@pytest.fixture
def many(make_partner, make_focus_area):
    area = make_focus_area(slug="area")
    for number in range(7 * paging.PAGE_SIZE + 5):
        make_partner(
            # Names and years repeat, so the later sort keys decide.
            name_en=f"Name {number % 13}",
            name_pl=f"Nazwa {number % 11}",
            founding_year=1990 + number % 4,
            focus_areas=[area] if number % 3 else [],
        )
    return area


def slugs(response):
    return [partner.slug for partner in response.context["partners"]]


def expected(order, page, **filters):
    partners = Partner.objects.published().filter(**filters)
    if order.endswith("name"):
        partners = partners.order_by_name(descending=order.startswith("-"))
    else:
        partners = partners.order_by_founding(descending=order.startswith("-"))
    start = (page - 1) * paging.PAGE_SIZE
    return list(partners.values_list("slug", flat=True)[start : start + paging.PAGE_SIZE])


@pytest.mark.parametrize("language", ["en", "pl"])
@pytest.mark.parametrize("order", ["name", "-name", "founded", "-founded"])
def test_every_page_in_every_order_is_the_one_its_number_says(client, many, order, language):
    with override(language):
        address = reverse("directory:partner-list")
    for page in range(1, 9):
        params = {"sort": order, "page": str(page)} if page > 1 else {"sort": order}
        for _visit in ("anchor computed", "anchor kept"):
            response = client.get(address, params)
            with override(language):
                assert slugs(response) == expected(order, page), (page, _visit)


def test_a_focus_areas_deep_pages(client, many):
    with override("en"):
        address = reverse("directory:focus-area-detail", kwargs={"slug": "area"})
        for page in range(2, 6):
            response = client.get(address, {"page": str(page)})
            assert slugs(response) == expected("name", page, focus_areas=many)


def test_a_kept_anchor_spares_the_skip(client, many):
    with override("en"):
        address = reverse("directory:partner-list")
    client.get(address, {"page": "7"})
    with CaptureQueriesContext(connection) as captured:
        client.get(address, {"page": "8"})
    offsets = [query["sql"] for query in captured if "OFFSET" in query["sql"]]
    # Page 7 starts the last span: page 8 reads on from its anchor, one page in.
    assert offsets and all(f"OFFSET {paging.PAGE_SIZE}" in sql for sql in offsets), offsets


def test_the_last_page_and_beyond_keep_their_messages(client, many):
    with override("en"):
        address = reverse("directory:partner-list")
    last = client.get(address, {"page": "8"})
    assert len(slugs(last)) == 5
    beyond = client.get(address, {"page": "99"})
    assert beyond.status_code == 400
    assert slugs(beyond) == slugs(last)
    assert "There is no page 99; showing the last page, 8." in beyond.content.decode()
