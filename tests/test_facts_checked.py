"""How fresh each partner's facts are: when staff last checked them against the sources,
on the partner's page in both languages, in the admin, the exports and the API."""

import csv
import io
import json
from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from directory.models import Partner

pytestmark = pytest.mark.django_db


def detail(client, slug, language):
    with override(language):
        return client.get(reverse("directory:partner-detail", kwargs={"slug": slug}))


@pytest.mark.parametrize(
    ("language", "shown"),
    [
        (
            "en",
            "Facts checked against the sources on "
            '<time datetime="2026-11-29">29 November 2026</time>.',
        ),
        ("pl", 'Fakty sprawdzone w źródłach <time datetime="2026-11-29">29 listopada 2026</time>.'),
    ],
)
def test_the_partner_page_says_when_its_facts_were_checked(client, make_partner, language, shown):
    make_partner(slug="checked", facts_checked_on=date(2026, 11, 29))
    assert shown in detail(client, "checked", language).content.decode()


def test_a_partner_never_checked_says_so(client, make_partner):
    make_partner(slug="unchecked")
    page = detail(client, "unchecked", "en").content.decode()
    assert "The facts have not been checked against the sources yet." in page


def test_the_shipped_partners_were_checked_when_the_sources_were_reviewed(shipped_directory):
    assert set(Partner.objects.values_list("facts_checked_on", flat=True)) == {date(2026, 11, 29)}


def test_a_check_cannot_be_dated_in_the_future(make_partner):
    partner = make_partner(facts_checked_on=timezone.localdate() + timedelta(days=1))
    with pytest.raises(ValidationError) as refused:
        partner.full_clean()
    assert "facts_checked_on" in refused.value.message_dict


def test_the_admin_filters_partners_not_checked_for_more_than_a_year(staff_client, make_partner):
    today = timezone.localdate()
    make_partner(name_pl="Nigdy")
    make_partner(name_pl="Dawno", facts_checked_on=today - timedelta(days=366))
    make_partner(name_pl="Niedawno", facts_checked_on=today - timedelta(days=364))

    def listed(choice):
        response = staff_client.get(
            reverse("admin:directory_partner_changelist") + f"?facts_checked={choice}"
        )
        return {partner.name_pl for partner in response.context["cl"].result_list}

    assert listed("stale") == {"Nigdy", "Dawno"}
    assert listed("fresh") == {"Niedawno"}


def test_staff_mark_facts_checked_today(staff_client, make_partner):
    partner = make_partner(facts_checked_on=date(2020, 1, 1))
    response = staff_client.post(
        reverse("admin:directory_partner_changelist"),
        {"action": "mark_facts_checked_today", "_selected_action": [partner.pk]},
    )
    assert response.status_code == 302
    partner.refresh_from_db()
    assert partner.facts_checked_on == timezone.localdate()
    latest = partner.history.first()
    assert (latest.facts_checked_on, latest.history_user.username) == (
        timezone.localdate(),
        "editor",
    )


def test_translators_cannot_mark_facts_checked(client, django_user_model, make_partner):
    from django.contrib.auth.models import Group

    translator = django_user_model.objects.create_user("t", password="p", is_staff=True)
    translator.groups.add(Group.objects.get(name="Translators"))
    client.force_login(translator)
    partner = make_partner()
    page = client.get(reverse("admin:directory_partner_changelist"))
    assert "mark_facts_checked_today" not in page.content.decode()
    client.post(
        reverse("admin:directory_partner_changelist"),
        {"action": "mark_facts_checked_today", "_selected_action": [partner.pk]},
    )
    partner.refresh_from_db()
    assert partner.facts_checked_on is None


def test_exports_and_the_api_include_the_date(client, make_partner):
    make_partner(slug="checked", facts_checked_on=date(2026, 11, 29))
    make_partner(slug="unchecked")
    with override("en"):
        csv_text = b"".join(client.get(reverse("directory:partner-csv")).streaming_content)
        json_body = b"".join(client.get(reverse("directory:partner-json")).streaming_content)
    rows = {
        row["slug"]: row["facts_checked_on"]
        for row in csv.DictReader(io.StringIO(csv_text.decode("utf-8-sig")))
    }
    assert rows == {"checked": "2026-11-29", "unchecked": ""}
    records = json.loads(json_body)
    records = records["partners"] if isinstance(records, dict) else records
    assert {r["slug"]: r["facts_checked_on"] for r in records} == {
        "checked": "2026-11-29",
        "unchecked": None,
    }
    api = client.get("/api/v1/partners/checked/").json()
    assert api["facts_checked_on"] == "2026-11-29"
    schema = client.get("/api/v1/openapi.json").json()
    described = schema["components"]["schemas"]["Partner"]["properties"]["facts_checked_on"]
    assert (described["format"], described["nullable"]) == ("date", True)
