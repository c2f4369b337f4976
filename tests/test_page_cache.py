"""Public pages come from the cache, and never stale: any change is seen at once."""

import logging
import os

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.translation import override

from directory.models import FocusArea, Partner
from partners_site.page_cache import current_generation
from tests.live_servers import append_from_another_process
from tests.public_urls import url


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_ENABLED = True
    cache.clear()
    yield
    cache.clear()


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
    assert "no-store" in admin["Cache-Control"]
    assert "private" in admin["Cache-Control"]
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
    with caplog.at_level(logging.ERROR, logger="partners_site.page_cache"):
        for _ in range(3):
            assert client.get(url("partner-list")).status_code == 200
    assert len([r for r in caplog.records if "unreachable" in r.getMessage()]) == 1


@pytest.mark.parametrize(
    ("query", "canonical"),
    [
        ("type=nonprofit&type=", "type=nonprofit"),
        ("page=2&page=1", ""),
        ("page=1", ""),
        ("page=01&type=charity", "type=charity"),
        ("lang=zz", ""),
        ("utm_source=mail&q=&country=&sort=-name", "sort=-name"),
        ("q=+child+&focus=terror&focus=child&focus=child", "q=child&focus=child&focus=terror"),
        ("type=nonprofit&founded_from=abc&founded_from=", "type=nonprofit&founded_from=abc"),
    ],
)
def test_a_list_query_is_redirected_to_its_one_canonical_form(
    client, directory_areas, query, canonical
):
    address = url("partner-list")
    response = client.get(f"{address}?{query}")
    assert response.status_code == 301
    assert response["Location"] == address + (f"?{canonical}" if canonical else "")


def test_parameters_outside_a_pages_contract_are_dropped(client, shipped_directory):
    detail = url("partner-detail", slug="gifct")
    assert client.get(f"{detail}?page=2&lang=zz")["Location"] == detail
    area = url("focus-area-detail", slug="missing-children")
    assert client.get(f"{area}?page=2&q=x")["Location"] == f"{area}?page=2"


def test_a_canonical_query_in_any_order_is_rendered_not_redirected(client, shipped_directory):
    response = client.get(url("partner-list") + "?type=nonprofit&sort=-name")
    assert response.status_code == 200
    again = client.get(url("partner-list") + "?sort=-name&type=nonprofit")
    assert again.status_code == 200
    assert again.content == response.content


def test_bad_values_still_give_the_error_page_with_the_valid_ones_applied(
    client, shipped_directory
):
    response = client.get(
        url("partner-list") + "?type=nonprofit&founded_from=abc&founded_from=", follow=True
    )
    assert response.status_code == 400
    assert response.redirect_chain[0][1] == 301
    listed = response.context["partners"]
    assert listed and all(partner.organization_type == "nonprofit" for partner in listed)


@pytest.mark.parametrize(
    ("variant", "canonical"),
    [
        ("type=nonprofit&type=", "type=nonprofit"),
        ("page=2&page=1", "page=2"),
        ("lang=zz", ""),
    ],
)
def test_a_cached_page_is_the_page_its_key_names(client, make_partner, variant, canonical):
    for _ in range(30):
        make_partner(organization_type="charity")
    make_partner(organization_type="nonprofit")
    address = url("partner-list")
    target = address + (f"?{canonical}" if canonical else "")
    # A visitor asks for the variant first; whatever is stored must be what the canonical
    # address shows when rendered afresh.
    client.get(f"{address}?{variant}")
    served = client.get(target).content
    cache.clear()
    fresh = client.get(target).content
    assert served == fresh
    assert b"zz" not in served


@pytest.fixture
def directory_areas(make_focus_area):
    make_focus_area(slug="child")
    make_focus_area(slug="terror")


def forged_cookie(client, settings, value="madeupmadeupmadeupmadeupmadeup12"):
    client.cookies[settings.SESSION_COOKIE_NAME] = value


@pytest.mark.parametrize("cookie_name", ["sessionid", "__Host-sessionid"])
def test_a_made_up_session_cookie_gets_the_cached_page_cheaply(
    client, shipped_directory, settings, cookie_name
):
    settings.SESSION_COOKIE_NAME = cookie_name
    address = url("partner-list")
    cached = client.get(address)
    for value in ("madeupmadeupmadeupmadeupmadeup12", "x", "../../etc/passwd", "a" * 4000):
        forged_cookie(client, settings, value)
        response, count = queries(client, address)
        assert count <= 1, value
        assert response.content == cached.content
        assert "no-store" not in response["Cache-Control"]


def test_an_expired_staff_session_gets_the_cached_page(staff_client, shipped_directory, settings):
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    address = url("partner-list")
    key = staff_client.cookies[settings.SESSION_COOKIE_NAME].value
    Session.objects.filter(session_key=key).update(expire_date=timezone.now())
    staff_client.get(address)
    response, count = queries(staff_client, address)
    assert count <= 1
    assert "no-store" not in response["Cache-Control"]


def test_a_signed_in_visitor_who_is_not_staff_gets_the_cached_page(
    client, shipped_directory, django_user_model
):
    client.force_login(django_user_model.objects.create_user("reader", password="pass"))
    address = url("partner-list")
    client.get(address)
    response, count = queries(client, address)
    assert count <= 2
    assert "no-store" not in response["Cache-Control"]


@pytest.mark.parametrize("cookie_name", ["sessionid", "__Host-sessionid"])
def test_a_real_staff_session_still_gets_fresh_pages(
    client, shipped_directory, settings, django_user_model, cookie_name
):
    settings.SESSION_COOKIE_NAME = cookie_name
    client.force_login(django_user_model.objects.create_superuser("boss", "b@example.org", "p"))
    address = url("partner-list")
    client.get(address)
    response, count = queries(client, address)
    assert count > 2
    assert "no-store" in response["Cache-Control"]


def backup_and_restore(tmp_path):
    target = tmp_path / "backup.file"
    call_command("backup", str(target), stdout=open(tmp_path / "out", "w"))  # noqa: SIM115
    before = current_generation()
    call_command("restore", str(target), stdout=open(tmp_path / "out", "w"))  # noqa: SIM115
    return before


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    "change",
    [
        lambda _tmp: Partner.objects.filter(slug="gifct").update(is_published=False),
        lambda _tmp: Partner.objects.bulk_update(
            [Partner(pk=Partner.objects.get(slug="gifct").pk, name_en="Bulk")], ["name_en"]
        ),
        lambda _tmp: call_command("generate_partners", 3, stdout=open(os.devnull, "w")),  # noqa: SIM115
        lambda _tmp: call_command("migrate", verbosity=0),
        backup_and_restore,
    ],
    ids=["bulk update", "bulk_update", "generate_partners", "migrate", "restore"],
)
def test_changes_that_send_no_model_signal_move_the_generation_too(tmp_path, change):
    call_command("loaddata", "partners", verbosity=0)
    before = current_generation()
    returned = change(tmp_path)
    if isinstance(returned, str):
        before = returned
    assert current_generation() != before


def test_every_process_sees_the_generation_file(settings):
    """The generation is a file's state: another process that appends to it (as
    new_generation does) is seen by this one without any message between them."""
    before = current_generation()
    append_from_another_process(settings.PAGE_CACHE_GENERATION_FILE)
    assert current_generation() != before
