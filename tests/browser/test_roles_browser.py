"""A translator's change form in Chromium: the Polish text shown read-only, the other
languages editable, saved without touching the Polish."""

import pytest
from django.contrib.auth.models import Permission

from directory.models import Partner

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def translator_page(page, django_user_model):
    # The Translators group's permissions (the group itself is migration data, which
    # transactional tests do not keep).
    user = django_user_model.objects.create_user("tlumacz", password="correct-horse", is_staff=True)
    user.user_permissions.set(
        Permission.objects.filter(codename__in=["change_partner", "view_partner"])
    )
    page.goto("/en/admin/login/")
    page.fill("#id_username", "tlumacz")
    page.fill("#id_password", "correct-horse")
    page.click("input[type=submit]")
    page.wait_for_url("**/en/admin/")
    return page


def test_translator_edits_english_and_sees_polish_read_only(translator_page, make_partner):
    partner = make_partner(name_pl="Fundacja Dzieci", name_en="Children's Fund")
    translator_page.goto(f"/en/admin/directory/partner/{partner.pk}/change/")
    assert translator_page.locator("#id_name_pl").count() == 0
    assert translator_page.get_by_text("Fundacja Dzieci").first.is_visible()
    assert translator_page.locator("#id_is_published").count() == 0
    translator_page.fill("#id_name_en", "Children's Foundation")
    translator_page.click("input[name=_save]")
    translator_page.wait_for_url("**/admin/directory/partner/")
    partner = Partner.objects.get()
    assert (partner.name_pl, partner.name_en) == ("Fundacja Dzieci", "Children's Foundation")
