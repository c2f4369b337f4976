"""The review queue of suggestions in the admin: Editors handle them (who and when, in the
history), Translators read them without the senders' e-mail addresses, and the addresses of
resolved suggestions are removed after the configured number of days."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from directory.models import Suggestion

pytestmark = pytest.mark.django_db

SENDER = "sender-address@example.org"


@pytest.fixture
def suggestion(make_partner):
    partner = make_partner(slug="gifct", name_pl="Globalne Forum", name_en="Global Forum")
    return Suggestion.objects.create(
        kind=Suggestion.Kind.CORRECTION,
        partner=partner,
        message="Founded in 2017.",
        source_url="https://example.org/history",
        email=SENDER,
        language="en",
    )


def change_url(suggestion):
    return reverse("admin:directory_suggestion_change", args=[suggestion.pk])


def review(client, suggestion, status):
    return client.post(
        change_url(suggestion),
        {"status": status, "partner": suggestion.partner_id or "", "_save": "Save"},
    )


def test_an_editor_moves_a_suggestion_through_review(member_of, suggestion, django_user_model):
    client = member_of("Editors")
    editor = django_user_model.objects.get(username="editors-member")
    assert review(client, suggestion, "in-review").status_code == 302
    assert review(client, suggestion, "accepted").status_code == 302
    suggestion.refresh_from_db()
    assert suggestion.status == Suggestion.Status.ACCEPTED
    assert suggestion.handled_by == editor
    assert timezone.now() - suggestion.handled_at < timedelta(minutes=1)
    steps = list(suggestion.history.order_by("history_date").values_list("status", "history_user"))
    assert steps == [("new", None), ("in-review", editor.pk), ("accepted", editor.pk)]
    history = client.get(reverse("admin:directory_suggestion_history", args=[suggestion.pk]))
    assert history.status_code == 200
    assert "editors-member" in history.content.decode()


def test_the_queue_lists_status_and_links_the_partner(member_of, suggestion):
    client = member_of("Editors")
    page = client.get(reverse("admin:directory_suggestion_changelist") + "?status=new")
    content = page.content.decode()
    partner_link = reverse("admin:directory_partner_change", args=[suggestion.partner_id])
    assert f'href="{partner_link}"' in content
    assert "Globalne Forum" in content
    change = client.get(change_url(suggestion)).content.decode()
    assert f'href="{partner_link}"' in change
    assert 'href="https://example.org/history"' in change
    assert SENDER in change


def test_editing_without_changing_the_status_does_not_claim_it(member_of, suggestion):
    client = member_of("Editors")
    review(client, suggestion, "new")
    suggestion.refresh_from_db()
    assert (suggestion.handled_by, suggestion.handled_at) == (None, None)


def test_translators_read_suggestions_but_not_email_addresses(member_of, suggestion):
    client = member_of("Translators")
    listing = client.get(reverse("admin:directory_suggestion_changelist"))
    assert listing.status_code == 200
    change = client.get(change_url(suggestion))
    assert change.status_code == 200
    assert "Founded in 2017." in change.content.decode()
    assert SENDER not in change.content.decode()
    assert review(client, suggestion, "rejected").status_code == 403
    suggestion.refresh_from_db()
    assert suggestion.status == Suggestion.Status.NEW
    searched = client.get(reverse("admin:directory_suggestion_changelist") + "?q=sender-address")
    assert "Globalne Forum" not in searched.content.decode()


@pytest.mark.parametrize("lookup", ["email__startswith", "email", "email__contains"])
def test_translators_cannot_guess_an_address_through_the_lists_filters(
    member_of, suggestion, lookup
):
    client = member_of("Translators")
    prefix = SENDER[: len(SENDER) // 2]
    guessed = client.get(reverse("admin:directory_suggestion_changelist"), {lookup: prefix})
    assert guessed.status_code == 400
    assert "Globalne Forum" not in guessed.content.decode()


def test_editors_may_filter_by_address(member_of, suggestion):
    client = member_of("Editors")
    found = client.get(
        reverse("admin:directory_suggestion_changelist"), {"email__startswith": SENDER[:5]}
    )
    assert found.status_code == 200
    assert "Globalne Forum" in found.content.decode()


def test_nobody_adds_suggestions_in_the_admin(staff_client, db):
    assert staff_client.get(reverse("admin:directory_suggestion_add")).status_code == 403


def test_the_history_keeps_no_email_address(suggestion):
    assert "email" not in {field.name for field in suggestion.history.model._meta.fields}


def make_resolved(suggestion, days_ago, status="accepted"):
    Suggestion.objects.filter(pk=suggestion.pk).update(
        status=status, handled_at=timezone.now() - timedelta(days=days_ago)
    )


def test_resolved_suggestions_lose_the_email_address_after_the_retention_days(suggestion, settings):
    settings.SUGGESTION_EMAIL_RETENTION_DAYS = 30
    recent = Suggestion.objects.create(
        kind="organization",
        organization_name="Lab",
        message="m",
        source_url="https://a.b",
        email="recent@example.org",
        language="pl",
    )
    open_one = Suggestion.objects.create(
        kind="organization",
        organization_name="Lab",
        message="m",
        source_url="https://a.b",
        email="open@example.org",
        language="pl",
    )
    make_resolved(suggestion, days_ago=31)
    make_resolved(recent, days_ago=29, status="rejected")
    call_command("purge_suggestion_emails", verbosity=0)
    emails = dict(Suggestion.objects.values_list("pk", "email"))
    assert emails == {
        suggestion.pk: "",
        recent.pk: "recent@example.org",
        open_one.pk: "open@example.org",
    }
    call_command("purge_suggestion_emails", "--days", "0", verbosity=0)
    assert Suggestion.objects.get(pk=recent.pk).email == ""
    assert Suggestion.objects.get(pk=open_one.pk).email == "open@example.org"
