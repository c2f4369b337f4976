"""Visitors suggest a correction or an organization; every kind of abuse is refused with
its own message, nothing is lost, and only the form pages set a cookie."""

import os
import subprocess
import sys
import time

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from directory.models import Suggestion
from directory.public.suggestions import form_token
from tests.public_urls import url

pytestmark = pytest.mark.django_db

PAYLOAD = '"><script>alert(1)</script>'


def aged_token(seconds=60):
    return form_token(time.time() - seconds)


def correction(**overrides):
    return {
        "message": "The founding year is 2017, not 2016.",
        "source_url": "https://example.org/about",
        "email": "visitor@example.org",
        "homepage": "",
        "started": aged_token(),
        **overrides,
    }


@pytest.fixture(autouse=True)
def counted_from_zero(fresh_rate_limit):
    """Every test here counts suggestions from zero."""


@pytest.fixture
def partner(make_partner):
    return make_partner(slug="gifct", name_pl="Globalne Forum", name_en="Global Forum")


def send(client, address, data, capture):
    with capture(execute=True):
        return client.post(address, data)


def test_a_correction_is_stored_and_staff_are_told(
    client, partner, django_capture_on_commit_callbacks, settings
):
    settings.SUGGESTIONS_NOTIFY_EMAILS = ["editors@example.org"]
    address = url("suggest-correction", "pl", slug="gifct")
    assert address == "/pl/partnerzy/gifct/zglos-poprawke/"
    response = send(client, address, correction(), django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert response["Location"] == url("suggestion-sent", "pl")
    suggestion = Suggestion.objects.get()
    assert suggestion.partner == partner
    assert suggestion.kind == Suggestion.Kind.CORRECTION
    assert suggestion.status == Suggestion.Status.NEW
    assert suggestion.language == "pl"
    assert suggestion.email == "visitor@example.org"
    [message] = mail.outbox
    assert message.to == ["editors@example.org"]
    assert f"#{suggestion.pk}" in message.subject
    assert "> The founding year is 2017, not 2016." in message.body
    assert "https://example.org/about" in message.body
    assert reverse("admin:directory_suggestion_change", args=[suggestion.pk]) in message.body
    # The sender's address stays in the admin, not in staff mailboxes.
    assert "visitor@example.org" not in message.body


def test_an_organization_is_suggested_in_english(client, db, django_capture_on_commit_callbacks):
    address = url("suggest-organization", "en")
    data = correction(organization_name="Trust Lab", message="Researches online safety.")
    response = send(client, address, data, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    suggestion = Suggestion.objects.get()
    assert (suggestion.kind, suggestion.organization_name, suggestion.partner) == (
        Suggestion.Kind.ORGANIZATION,
        "Trust Lab",
        None,
    )
    assert suggestion.language == "en"
    assert len(mail.outbox) == 1


def test_an_organization_needs_its_name(client, db):
    response = client.post(url("suggest-organization"), correction())
    assert response.status_code == 400
    assert response.context["form"].has_error("organization_name", "required")


def test_sender_text_cannot_pose_as_lines_of_the_email(
    client, db, django_capture_on_commit_callbacks
):
    data = correction(
        organization_name="Lab\nReview it in the admin: https://evil.example",
        message="fine\nReview it in the admin: https://evil.example",
    )
    send(client, url("suggest-organization"), data, django_capture_on_commit_callbacks)
    lines = mail.outbox[0].body.splitlines()
    assert not any(line.startswith("Review it in the admin: https://evil") for line in lines)
    assert "> Review it in the admin: https://evil.example" in lines


def test_a_failing_mail_server_loses_nothing(
    client, partner, django_capture_on_commit_callbacks, settings
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 1
    response = send(
        client,
        url("suggest-correction", slug="gifct"),
        correction(),
        django_capture_on_commit_callbacks,
    )
    assert response.status_code == 302
    assert Suggestion.objects.count() == 1


@pytest.mark.parametrize(
    ("overrides", "code", "message"),
    [
        ({"homepage": lambda: "https://spam.example"}, "honeypot", "automated senders"),
        ({"started": form_token}, "too_fast", "faster than a person"),
        ({"started": lambda: aged_token(3 * 24 * 60 * 60)}, "expired", "open for too long"),
        ({"started": lambda: "forged"}, "expired", "open for too long"),
        ({"started": lambda: ""}, "expired", "open for too long"),
    ],
)
def test_automated_senders_are_refused_with_a_message_and_text_kept(
    client, partner, overrides, code, message
):
    # Tokens are made when the test runs: a person is not yet done after 0 seconds.
    data = correction(**{name: make() for name, make in overrides.items()})
    response = client.post(url("suggest-correction", slug="gifct"), data)
    assert response.status_code == 400
    assert response.context["form"].has_error("__all__", code)
    assert message in response.content.decode()
    assert data["message"] in response.content.decode()
    assert Suggestion.objects.count() == 0
    assert mail.outbox == []


@pytest.mark.parametrize("trap", [{"homepage": "https://spam.example"}, {"started": "forged"}])
def test_a_refused_form_can_be_sent_again(client, partner, settings, trap):
    settings.SUGGESTION_MIN_SECONDS = 0
    first = client.post(url("suggest-correction", slug="gifct"), correction(**trap))
    assert first.status_code == 400
    # The trap field is never filled back in; a bad token is replaced by a fresh one.
    assert "spam.example" not in first.content.decode()
    again = correction(started=first.context["form"]["started"].value())
    response = client.post(url("suggest-correction", slug="gifct"), again)
    assert response.status_code == 302


@pytest.mark.parametrize(
    ("overrides", "field", "code"),
    [
        ({"source_url": "not a web address"}, "source_url", "invalid"),
        ({"source_url": "javascript:alert(1)"}, "source_url", "invalid"),
        ({"source_url": "https://example.org/" + "a" * 500}, "source_url", "max_length"),
        ({"message": "x" * 2001}, "message", "max_length"),
        ({"message": "   "}, "message", "required"),
        ({"email": "not-an-address"}, "email", "invalid"),
        ({"message": "nul\x00byte"}, "message", "null_characters_not_allowed"),
    ],
)
def test_bad_values_are_refused_field_by_field(client, partner, overrides, field, code):
    response = client.post(url("suggest-correction", slug="gifct"), correction(**overrides))
    assert response.status_code == 400
    assert response.context["form"].has_error(field, code)
    assert Suggestion.objects.count() == 0


def test_a_bad_address_is_explained_in_polish(client, partner):
    response = client.post(
        url("suggest-correction", "pl", slug="gifct"), correction(source_url="nie adres")
    )
    assert "Podaj pełny adres strony internetowej" in response.content.decode()


def test_one_address_may_send_a_few_suggestions_an_hour(
    client, partner, settings, django_capture_on_commit_callbacks
):
    settings.SUGGESTIONS_PER_HOUR = 2
    address = url("suggest-correction", slug="gifct")
    for _ in range(2):
        assert (
            send(client, address, correction(), django_capture_on_commit_callbacks).status_code
            == 302
        )
    refused = client.post(address, correction(message="A third one."))
    assert refused.status_code == 429
    assert refused.context["form"].has_error("__all__", "rate_limit")
    assert "You have sent 2 suggestions in the last hour" in refused.content.decode()
    assert "A third one." in refused.content.decode()
    assert Suggestion.objects.count() == 2
    # Another address is not limited by this one.
    other = client.post(address, correction(), REMOTE_ADDR="192.0.2.7")
    assert other.status_code == 302


def test_a_partner_that_is_not_published_takes_no_suggestions(client, make_partner):
    make_partner(slug="draft", is_published=False)
    assert client.get(url("suggest-correction", slug="draft")).status_code == 404


def test_only_the_form_pages_set_a_cookie_and_are_never_cached(client, partner, settings):
    settings.PAGE_CACHE_ENABLED = True
    form_page = client.get(url("suggest-correction", slug="gifct"))
    assert settings.CSRF_COOKIE_NAME in form_page.cookies
    assert "no-store" in form_page["Cache-Control"]
    fresh = Client()
    for address in [
        url("home"),
        url("partner-list"),
        url("partner-detail", slug="gifct"),
        url("about"),
        url("suggestion-sent"),
    ]:
        for _visit in range(2):
            response = fresh.get(address)
            assert response.status_code == 200, address
            assert response.cookies == {}, address
            assert "public" in response["Cache-Control"], address


def test_pages_link_to_the_forms(client, partner):
    detail = client.get(url("partner-detail", slug="gifct")).content.decode()
    assert url("suggest-correction", slug="gifct") in detail
    for name in ["partner-list", "about"]:
        assert url("suggest-organization") in client.get(url(name)).content.decode()


def test_the_form_page_shows_the_privacy_note(client, partner, settings):
    settings.SUGGESTION_EMAIL_RETENTION_DAYS = 30
    page = client.get(url("suggest-correction", "pl", slug="gifct")).content.decode()
    assert "po 30 dniach" in page


def test_a_form_without_its_csrf_cookie_gets_a_translated_page(partner):
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(url("suggest-correction", "pl", slug="gifct"), correction())
    assert response.status_code == 403
    assert "Nie udało się wysłać formularza" in response.content.decode()
    assert Suggestion.objects.count() == 0


def test_markup_a_sender_types_is_escaped_for_staff(
    client, staff_client, partner, django_capture_on_commit_callbacks
):
    data = correction(message=PAYLOAD, email="a@example.org")
    send(client, url("suggest-correction", slug="gifct"), data, django_capture_on_commit_callbacks)
    suggestion = Suggestion.objects.get()
    for address in [
        reverse("admin:directory_suggestion_changelist"),
        reverse("admin:directory_suggestion_change", args=[suggestion.pk]),
        reverse("admin:directory_suggestion_history", args=[suggestion.pk]),
    ]:
        page = staff_client.get(address).content.decode()
        assert "<script>alert(1)" not in page, address
    assert (
        "&lt;script&gt;alert(1)"
        in staff_client.get(
            reverse("admin:directory_suggestion_change", args=[suggestion.pk])
        ).content.decode()
    )


def test_every_process_counts_towards_the_same_limit(
    client, partner, settings, tmp_path, django_capture_on_commit_callbacks
):
    """Without Redis each server process has a cache of its own; the limit is counted
    where every process on the machine sees it, so a second worker does not start again
    from zero."""
    settings.SUGGESTIONS_PER_HOUR = 1
    address = url("suggest-correction", slug="gifct")
    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post(address, correction(), REMOTE_ADDR="203.0.113.9")
    assert sent.status_code == 302
    other_process = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup();"
            "from django.test import RequestFactory;"
            "from directory.public.suggestions import over_rate_limit;"
            "print(over_rate_limit(RequestFactory().post('/', REMOTE_ADDR='203.0.113.9')))",
        ],
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "partners_site.settings",
            "DEBUG": "1",
            "COUNTERS_DIR": str(tmp_path / "counters"),
            "SUGGESTIONS_PER_HOUR": "1",
        },
        capture_output=True,
        text=True,
        check=True,
    )
    assert other_process.stdout.strip() == "True"


def test_the_limit_counts_a_whole_hour(client, partner, settings, monkeypatch):
    settings.SUGGESTIONS_PER_HOUR = 1
    address = url("suggest-correction", slug="gifct")
    assert client.post(address, correction()).status_code == 302
    later = time.time() + 50 * 60
    monkeypatch.setattr(time, "time", lambda: later)
    refused = client.post(address, correction(message="Fifty minutes later."))
    assert refused.status_code == 429


def test_one_form_is_sent_once(client, partner):
    address = url("suggest-correction", slug="gifct")
    form = correction()
    assert client.post(address, form, REMOTE_ADDR="198.51.100.1").status_code == 302
    again = client.post(address, form, REMOTE_ADDR="198.51.100.2")
    assert again.status_code == 400
    assert again.context["form"].has_error("__all__", "expired")
    assert Suggestion.objects.count() == 1
