"""When the database or the cache is down, visitors still get answers, and /healthz says
what is down."""

import json
import logging
import time
from unittest import mock

import pytest
from django.core.cache import cache
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper

from tests.public_urls import url


def refuse(*args, **kwargs):
    raise OperationalError("connection refused")


@pytest.fixture
def database_down(db):
    """Call it to make every connection attempt fail; the database is back after the test
    (before the test database itself is torn down)."""
    patches = [
        mock.patch.object(BaseDatabaseWrapper, "ensure_connection", refuse),
        mock.patch.object(BaseDatabaseWrapper, "_cursor", refuse),
    ]

    def take_down():
        for patch in patches:
            patch.start()

    yield take_down
    mock.patch.stopall()


@pytest.fixture
def page_cache_on(settings):
    settings.PAGE_CACHE_ENABLED = True
    cache.clear()
    yield
    cache.clear()


def test_healthz_reports_ok_as_json_and_is_never_cached(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert json.loads(response.content) == {
        "status": "ok",
        "checks": {"database": {"status": "ok"}, "cache": {"status": "ok"}},
    }
    assert "no-store" in response["Cache-Control"]


def test_with_the_database_down_cached_pages_are_served_and_others_get_a_503(
    client, shipped_directory, page_cache_on, database_down, caplog
):
    cached = client.get(url("partner-detail", slug="gifct"))
    database_down()
    with caplog.at_level(logging.ERROR, logger="partners_site.health"):
        started = time.monotonic()
        again = client.get(url("partner-detail", slug="gifct"))
        uncached = client.get(url("partner-detail", "pl", slug="ncmec"))
        client.get(url("partner-detail", "pl", slug="iwf"))
        elapsed = time.monotonic() - started
    assert again.status_code == 200 and again.content == cached.content
    assert uncached.status_code == 503
    html = uncached.content.decode()
    assert '<html lang="pl">' in html and "<h1>" in html
    assert uncached["Retry-After"] == "30"
    assert elapsed < 2
    assert len([r for r in caplog.records if "unreachable" in r.getMessage()]) == 1

    health = client.get("/healthz")
    assert health.status_code == 503
    assert json.loads(health.content)["checks"]["database"]["status"] == "down"
    assert json.loads(health.content)["checks"]["cache"]["status"] == "ok"


def test_the_site_recovers_by_itself_when_the_database_returns(client, shipped_directory):
    with mock.patch.object(BaseDatabaseWrapper, "_cursor", refuse):
        assert client.get(url("partner-list")).status_code == 503
    assert client.get(url("partner-list")).status_code == 200
    assert client.get("/healthz").status_code == 200


def test_healthz_reports_the_cache_down(client, db, monkeypatch):
    def unreachable(*args, **kwargs):
        raise ConnectionError("cache unreachable")

    monkeypatch.setattr(cache, "set", unreachable)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert json.loads(response.content)["checks"] == {
        "database": {"status": "ok"},
        "cache": {"status": "down", "error": "ConnectionError"},
    }


def test_with_the_database_down_a_session_cookie_still_gets_the_cached_page(
    client, shipped_directory, page_cache_on, database_down, settings
):
    cached = client.get(url("partner-detail", slug="gifct"))
    database_down()
    client.cookies[settings.SESSION_COOKIE_NAME] = "a" * 32
    again = client.get(url("partner-detail", slug="gifct"))
    assert again.status_code == 200 and again.content == cached.content
