"""Public pages come from the cache, and never stale: any change is seen at once."""

import logging

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.translation import override

from directory.models import FocusArea, Partner


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_ENABLED = True
    cache.clear()
    yield
    cache.clear()


def url(name, language="en", **kwargs):
    with override(language):
        return reverse(f"directory:{name}", kwargs=kwargs or None)


def queries(client, address, **headers):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(address, **headers)
    return response, len(captured)


def test_a_repeated_request_is_served_without_the_database(client, shipped_directory):
    first, first_queries = queries(client, url("partner-list") + "?type=nonprofit")
    again, again_queries = queries(client, url("partner-list") + "?type=nonprofit")
    assert first_queries > 0
    assert again_queries == 0
    assert again.content == first.content


def test_the_key_is_the_normalized_query(client, shipped_directory):
    client.get(url("partner-list") + "?type=nonprofit&sort=name")
    # Same meaning: other order, empty and unknown parameters.
    _response, count = queries(
        client, url("partner-list") + "?sort=name&q=&utm_source=x&type=nonprofit"
    )
    assert count == 0
    _response, count = queries(client, url("partner-list") + "?type=charity")
    assert count > 0


def test_languages_are_cached_apart(client, shipped_directory):
    polish = client.get(url("partner-detail", "pl", slug="gifct"))
    english = client.get(url("partner-detail", "en", slug="gifct"))
    assert b'lang="pl"' in polish.content and b'<html lang="en">' in english.content


@pytest.mark.parametrize(
    "change",
    [
        lambda: Partner.objects.get(slug="gifct").save(),
        lambda: FocusArea.objects.get(slug="missing-children").save(),
        lambda: Partner.objects.get(slug="gifct").focus_areas.clear(),
        lambda: Partner.objects.get(slug="tech-coalition").delete(),
        lambda: call_command("loaddata", "partners", verbosity=0),
    ],
    ids=["partner saved", "focus area saved", "focus areas changed", "deleted", "loaddata"],
)
def test_any_change_reaches_visitors_at_once(client, shipped_directory, change):
    address = url("partner-list")
    client.get(address)
    assert queries(client, address)[1] == 0
    with pytest.MonkeyPatch.context() as patch:
        # Run on-commit callbacks at once, as a committed transaction would.
        patch.setattr("django.db.transaction.on_commit", lambda callback, using=None: callback())
        change()
    assert queries(client, address)[1] > 0


def test_a_save_shows_the_new_text(client, shipped_directory, django_capture_on_commit_callbacks):
    address = url("partner-detail", "en", slug="gifct")
    assert b"Renamed forum" not in client.get(address).content
    with django_capture_on_commit_callbacks(execute=True):
        partner = Partner.objects.get(slug="gifct")
        partner.name_en = "Renamed forum"
        partner.save()
    assert b"Renamed forum" in client.get(address).content


def test_revisit_gets_a_304(client, shipped_directory):
    address = url("home")
    first = client.get(address)
    etag = first["ETag"]
    assert etag
    again = client.get(address, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""


def test_public_pages_may_be_kept_by_shared_caches_but_set_no_cookie(client, shipped_directory):
    for address in [
        url("home"),
        url("partner-list"),
        url("partner-detail", slug="ncmec"),
        url("about"),
    ]:
        response = client.get(address)
        cache_control = response["Cache-Control"]
        assert "public" in cache_control and "max-age=0" in cache_control
        assert "s-maxage=" in cache_control
        assert not response.cookies
        assert "Cookie" not in response.get("Vary", "")


def test_staff_pages_are_never_cached(staff_client, shipped_directory):
    with override("en"):
        admin = staff_client.get(reverse("admin:directory_partner_changelist"))
    assert "no-store" in admin["Cache-Control"] or "private" in admin["Cache-Control"]
    # A signed-in visitor gets a fresh page, never one from the cache, and no other cache
    # may keep it.
    staff_client.get(url("partner-list"))
    response, count = queries(staff_client, url("partner-list"))
    assert count > 0
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]


def test_errors_and_bad_parameters_are_not_cached(client, shipped_directory):
    address = url("partner-list") + "?founded_from=abc"
    assert client.get(address).status_code == 400
    assert queries(client, address)[1] > 0
    missing = url("partner-detail", slug="nope")
    assert client.get(missing).status_code == 404
    assert queries(client, missing)[1] > 0


def test_with_the_cache_down_pages_are_served_and_the_outage_logged_once(
    client, shipped_directory, monkeypatch, caplog
):
    def unreachable(*args, **kwargs):
        raise ConnectionError("cache unreachable")

    monkeypatch.setattr(cache, "get", unreachable)
    monkeypatch.setattr(cache, "set", unreachable)
    monkeypatch.setattr(cache, "add", unreachable)
    with caplog.at_level(logging.ERROR, logger="directory.page_cache"):
        for _ in range(3):
            assert client.get(url("partner-list")).status_code == 200
    assert len([r for r in caplog.records if "unreachable" in r.getMessage()]) == 1
