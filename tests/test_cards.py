"""Partner cards are rendered once per change of the directory and reused by every page that
shows them; a page shows exactly what it showed without them, and never a stale card."""

import os

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from directory.models import FocusArea, Partner
from tests.live_servers import manage, served_environment
from tests.public_urls import url
from tests.test_served_page_cache import (  # noqa: F401 - fixtures
    answers,
    collected_static,
    served_database,
    shell,
)
from tests.test_served_page_cache import server as served

LIST = "/en/partners/"
AREA = "/en/focus-areas/terrorist-violent-extremist-content/"


@pytest.fixture(autouse=True)
def cards_on(settings):
    settings.FRAGMENT_CACHE_ENABLED = True
    cache.clear()
    yield
    cache.clear()


PAGES = [
    ("partner-list", "en", {}, ""),
    ("partner-list", "pl", {}, ""),
    ("partner-list", "en", {}, "?q=dziecko"),
    ("partner-list", "pl", {}, "?q=dzieci&sort=-founded"),
    ("partner-list", "en", {}, "?type=nonprofit&focus=child-sexual-exploitation"),
    ("partner-list", "en", {}, "?founded_from=abc"),
    ("focus-area-detail", "en", {"slug": "terrorist-violent-extremist-content"}, ""),
    ("focus-area-detail", "pl", {"slug": "terrorist-violent-extremist-content"}, ""),
]


@pytest.mark.parametrize(("name", "language", "kwargs", "query"), PAGES)
def test_a_page_is_the_same_with_kept_cards(
    client, settings, shipped_directory, name, language, kwargs, query
):
    address = url(name, language, **kwargs) + query
    settings.FRAGMENT_CACHE_ENABLED = False
    fresh = client.get(address)
    settings.FRAGMENT_CACHE_ENABLED = True
    first = client.get(address)
    with CaptureQueriesContext(connection) as captured:
        again = client.get(address)
    assert fresh.status_code == first.status_code == again.status_code
    assert first.content == fresh.content
    assert again.content == fresh.content
    # Kept cards need no focus areas read for them.
    assert not any("_prefetch_related_val" in q["sql"] for q in captured)


def test_cards_are_kept_per_language_and_search(client, shipped_directory):
    english = client.get(url("partner-list", "en")).content.decode()
    polish = client.get(url("partner-list", "pl")).content.decode()
    assert "<dt>Founded</dt>" in english
    assert "<dt>Founded</dt>" not in polish
    searched = client.get(url("partner-list", "en") + "?q=forum").content.decode()
    assert "<mark>Forum</mark>" in searched
    assert "<mark>" not in client.get(url("partner-list", "en")).content.decode()


def rename_partner_by_save(name):
    partner = Partner.objects.get(slug="gifct")
    partner.name_en = name
    partner.save()


def rename_partner_in_bulk(name):
    Partner.objects.filter(slug="gifct").update(name_en=name)


def rename_area_by_save(name):
    area = FocusArea.objects.get(slug="support-for-smaller-platforms")
    area.name_en = name
    area.save()


def rename_area_in_bulk(name):
    FocusArea.objects.filter(slug="support-for-smaller-platforms").update(name_en=name)


@pytest.mark.parametrize(
    "rename",
    [rename_partner_by_save, rename_partner_in_bulk, rename_area_by_save, rename_area_in_bulk],
)
def test_every_card_showing_a_renamed_name_changes(
    client, shipped_directory, django_capture_on_commit_callbacks, rename
):
    pages = [url("partner-list"), url("partner-list") + "?q=forum", AREA]
    for page in pages:
        client.get(page)
    with django_capture_on_commit_callbacks(execute=True):
        rename("Renamed in the directory")
    for page in pages:
        assert "Renamed in the directory" in client.get(page).content.decode(), page


SHELL_RENAMES = [
    "p = Partner.objects.get(slug='gifct'); p.name_en = '{name}'; p.save()",
    "Partner.objects.filter(slug='gifct').update(name_en='{name}')",
    "a = FocusArea.objects.get(slug='support-for-smaller-platforms'); a.name_en = '{name}'; "
    "a.save()",
    "FocusArea.objects.filter(slug='support-for-smaller-platforms').update(name_en='{name}')",
]


@pytest.mark.parametrize("shared_by", ["generation file", "Redis"])
def test_after_a_change_in_another_process_every_worker_shows_new_cards(
    collected_static,  # noqa: F811 - the fixture imported above
    served_database,  # noqa: F811
    tmp_path,
    shared_by,
):
    """Pages uncached, cards kept in each worker (or in Redis): every rename made in another
    process reaches every card on every page of both workers."""
    extra = {"PAGE_CACHE": "0"}
    if shared_by == "Redis":
        redis_url = os.environ.get("TEST_REDIS_URL")
        if not redis_url:
            pytest.skip("set TEST_REDIS_URL (a Redis database the tests may use) to run")
        extra["REDIS_URL"] = redis_url
    else:
        extra["PAGE_CACHE_GENERATION_FILE"] = str(tmp_path / "generation")
    env = served_environment(served_database, **extra)
    manage(env, "migrate", "--no-input")
    manage(env, "loaddata", "partners")
    with served(env) as (base, _process):
        for page in (LIST, AREA):
            assert all("Global Internet Forum" in body for _status, body in answers(base, page))
        for number, change in enumerate(SHELL_RENAMES):
            name = f"Renamed {number}"
            shell(
                env, f"from directory.models import FocusArea, Partner; {change.format(name=name)}"
            )
            for page in (LIST, LIST + "?q=forum", AREA):
                assert all(name in body for _status, body in answers(base, page)), (change, page)
