"""The list's facet counts and totals, and the charts' figures, are kept under the page
cache's generation: computed once per change of the data, and never stale, whatever
changed them and in whichever process."""

import os

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from directory.models import FocusArea, Partner
from partners_site.page_cache import new_generation
from tests.live_servers import append_from_another_process
from tests.public_urls import url

FILTERS = [
    {},
    {"type": "nonprofit"},
    {"focus": "child"},
    {"focus": ["child", "terror"], "sort": "-founded"},
    {"country": "US", "founded_from": "1990"},
    {"q": "organizacja", "type": "nonprofit"},
]


@pytest.fixture(autouse=True)
def count_cache_on(settings):
    settings.COUNT_CACHE_ENABLED = True
    caches["default"].clear()
    yield
    caches["default"].clear()


def figures(client, params):
    """Everything the list shows as a number: its total and each option's count."""
    response = client.get(url("partner-list"), params)
    assert response.status_code == 200
    context = response.context
    return {
        "total": context["page_obj"].paginator.count,
        "focus": [(area.slug, count) for area, count in context["focus_options"]],
        "type": list(context["type_options"]),
        "country": list(context["country_options"]),
    }


def charts(client, address):
    response = client.get(address)
    assert response.status_code == 200
    return [
        (chart.key, [(bar.label, bar.count) for bar in chart.bars], chart.notes)
        for chart in response.context["charts"]
    ]


def every_figure(client):
    return (
        [figures(client, params) for params in FILTERS],
        charts(client, url("home")),
        charts(client, url("focus-area-detail", slug="child")),
    )


def fresh_figures(client, settings):
    settings.COUNT_CACHE_ENABLED = False
    try:
        return every_figure(client)
    finally:
        settings.COUNT_CACHE_ENABLED = True


@pytest.fixture
def directory(make_partner, make_focus_area):
    child = make_focus_area(slug="child", name_pl="Dzieci", name_en="Children")
    terror = make_focus_area(slug="terror", name_pl="Terroryzm", name_en="Terrorism")
    make_focus_area(slug="empty", name_pl="Pusty", name_en="Empty")
    make_partner(slug="alpha", focus_areas=[child], organization_type="charity", country="GB")
    make_partner(slug="beta", focus_areas=[terror], country="US", founding_year=2017)
    make_partner(slug="gamma", focus_areas=[child, terror], country="US", founding_year=1984)
    make_partner(slug="delta", organization_type="alliance", founding_year=2016)
    return child, terror


def retype(_directory):
    partner = Partner.objects.get(slug="beta")
    partner.organization_type = "charity"
    partner.save()


def add_partner(directory):
    child, _terror = directory
    partner = Partner.objects.create(
        name_pl="Nowa organizacja",
        mission_pl="Misja.",
        founding_year=1999,
        organization_type="nonprofit",
        country="PL",
        is_published=True,
    )
    partner.focus_areas.add(child)


CHANGES = {
    "save": retype,
    "create": add_partner,
    "delete": lambda _directory: Partner.objects.get(slug="gamma").delete(),
    "bulk update": lambda _directory: Partner.objects.filter(country="US").update(country="DE"),
    "bulk_update": lambda _directory: Partner.objects.bulk_update(
        [Partner(pk=Partner.objects.get(slug="alpha").pk, founding_year=1950)], ["founding_year"]
    ),
    "unpublish": lambda _directory: Partner.objects.filter(slug="alpha").update(is_published=False),
    "focus area added": lambda directory: Partner.objects.get(slug="delta").focus_areas.add(
        directory[0]
    ),
    "focus area removed": lambda directory: directory[0].partners.clear(),
    "focus area deleted": lambda _directory: FocusArea.objects.filter(slug="empty").delete(),
}


@pytest.mark.parametrize("change", CHANGES.values(), ids=CHANGES.keys())
def test_counts_are_exact_after_any_change(
    client, settings, directory, django_capture_on_commit_callbacks, change
):
    before = every_figure(client)
    assert before == fresh_figures(client, settings)
    with django_capture_on_commit_callbacks(execute=True):
        change(directory)
    after = every_figure(client)
    assert after == fresh_figures(client, settings)
    assert after != before


def count_queries(client, params):
    with CaptureQueriesContext(connection) as captured:
        client.get(url("partner-list"), params)
    return [query["sql"] for query in captured if "COUNT(" in query["sql"].upper()]


def test_counts_are_computed_once_per_generation(client, directory):
    params = {"focus": "child", "sort": "-founded"}
    assert count_queries(client, params)
    assert count_queries(client, params) == []
    # Another page and another order of the same partners have the same counts.
    assert count_queries(client, {"focus": "child", "page": "1", "sort": "name"}) == []
    new_generation()
    assert count_queries(client, params)


def test_the_total_is_never_a_count_of_every_match(client, directory):
    """The total comes from the type counts (every partner has one type), so the list
    makes no COUNT of its own, cached or not."""
    sql = count_queries(client, {"country": "US"})
    assert len(sql) == 3  # focus, type and country: no fourth for the total
    assert figures(client, {"country": "US"})["total"] == 2
    assert figures(client, {"country": "US", "type": "charity"})["total"] == 0


def change_in_another_process():
    """A change made as another process would make it: SQL this process sends no signal
    for."""
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE directory_partner SET organization_type = 'charity' WHERE slug = 'beta'"
        )


def test_a_change_in_another_process_is_seen_through_the_generation_file(
    client, settings, directory
):
    before = every_figure(client)
    change_in_another_process()
    # Until its generation moves, this process may serve what it has...
    assert every_figure(client) == before
    # ...and once the other process appends to the shared file, the new counts.
    append_from_another_process(settings.PAGE_CACHE_GENERATION_FILE)
    assert every_figure(client) == fresh_figures(client, settings) != before


def test_a_change_in_another_process_is_seen_through_redis(client, settings, directory):
    redis_url = os.environ.get("TEST_REDIS_URL")
    if not redis_url:
        pytest.skip("set TEST_REDIS_URL (a Redis database the tests may use) to run")
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": redis_url,
            "KEY_PREFIX": "count-cache-test",
        },
    }
    settings.PAGE_CACHE_GENERATION_FILE = None
    caches["default"].clear()
    before = every_figure(client)
    change_in_another_process()
    new_generation()  # what the other process does once its change is committed
    assert every_figure(client) == fresh_figures(client, settings) != before


def test_with_the_cache_down_counts_are_computed(client, settings, directory):
    settings.CACHES = {
        **settings.CACHES,
        "down": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 0.1, "socket_timeout": 0.1},
        },
    }
    settings.PAGE_CACHE_ALIAS = "down"
    settings.PAGE_CACHE_GENERATION_FILE = None
    assert every_figure(client) == fresh_figures(client, settings)
