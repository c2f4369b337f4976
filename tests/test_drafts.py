"""An unpublished partner is invisible to visitors everywhere; staff can preview it."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils.translation import override

from tests.public_urls import public_paths

pytestmark = pytest.mark.django_db

DRAFT_NAME = "Zupełnietajnafundacja"
DRAFT_NAME_EN = "Entirelysecretfoundation"


@pytest.fixture
def draft(make_partner, make_focus_area):
    area = make_focus_area(slug="shared-area")
    make_partner(focus_areas=[area], country="PL", founding_year=1999)
    return make_partner(
        name_pl=DRAFT_NAME,
        name_en=DRAFT_NAME_EN,
        abbreviation="ZTF",
        slug="zupelnie-tajna",
        mission_pl="Tajna misja.",
        focus_areas=[area],
        country="DE",
        founding_year=1850,
        is_published=False,
    )


def body(response):
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def visible_traces(content, filtered=False):
    """What would show the draft: its names and slug, its year, and its country (unless
    the page was asked for that country, which it then names)."""
    text = content.decode("utf-8", errors="replace")
    traces = [DRAFT_NAME, DRAFT_NAME_EN, "zupelnie-tajna", "1850"]
    if not filtered:
        traces += ["Niemcy", "Germany"]
    return [trace for trace in traces if trace in text]


def test_a_draft_appears_on_no_public_address(client, draft):
    paths = public_paths({"slug": "shared-area", "language": "pl"})
    # The pages that list, count, filter and search, and every feed, export and API.
    queries = [
        "?q=Zupelnietajnafundacja",
        "?q=ZTF",
        "?country=DE",
        "?founded_from=1800&founded_to=1900",
        "?focus=shared-area",
    ]
    list_paths = [reverse("directory:partner-list")]
    checked = 0
    for path in paths + [p + q for p in list_paths for q in queries]:
        response = client.get(path)
        assert response.status_code < 500, path
        assert visible_traces(body(response), filtered="?" in path) == [], path
        checked += 1
    assert checked > 10


def test_a_drafts_own_page_is_not_found(client, draft):
    for language in ("pl", "en"):
        response = client.get(f"/{language}/", follow=True)
        assert response.status_code == 200
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(f"/en/partners/{draft.slug}/").status_code == 404


def test_counts_leave_drafts_out(client, draft):
    response = client.get(reverse("directory:home"))
    assert response.context["partner_count"] == 1
    [area] = response.context["focus_areas"]
    assert area.partner_count == 1


def test_staff_preview_a_draft_marked_as_such_and_never_cached_or_indexed(staff_client, draft):
    with override("en"):
        preview = reverse("admin:directory_partner_preview", args=[draft.pk])
    response = staff_client.get(preview)
    assert response.status_code == 200
    assert response.context["partner"] == draft
    content = response.content.decode()
    assert DRAFT_NAME_EN in content
    assert 'class="notice draft-banner"' in content
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_view_on_site_of_a_draft_opens_the_preview(staff_client, draft):
    change = staff_client.get(reverse("admin:directory_partner_change", args=[draft.pk]))
    preview_url = reverse("admin:directory_partner_preview", args=[draft.pk])
    assert change.context["adminform"].model_admin.view_on_site(draft) == preview_url


def test_visitors_and_non_staff_cannot_preview(client, django_user_model, draft):
    preview_url = reverse("admin:directory_partner_preview", args=[draft.pk])
    response = client.get(preview_url)
    assert response.status_code == 302
    assert "/login/" in response["Location"]
    user = django_user_model.objects.create_user("visitor", password="pass")
    client.force_login(user)
    assert client.get(preview_url).status_code == 302


def test_translators_may_preview(client, django_user_model, draft):
    user = django_user_model.objects.create_user("tr", password="pass", is_staff=True)
    user.groups.add(Group.objects.get(name="Translators"))
    client.force_login(user)
    response = client.get(reverse("admin:directory_partner_preview", args=[draft.pk]))
    assert response.status_code == 200


def test_previewing_a_missing_partner_is_not_found(staff_client):
    response = staff_client.get(reverse("admin:directory_partner_preview", args=[999999]))
    assert response.status_code == 404
