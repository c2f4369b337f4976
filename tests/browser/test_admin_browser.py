import pytest

from directory.models import Partner
from directory.text import slugify
from tests.test_slugs import POLISH_NAMES

pytestmark = pytest.mark.django_db(transaction=True)


def test_change_page_has_one_tab_per_language_and_loads_nothing_off_site(
    staff_page, off_site_requests, make_partner
):
    partner = make_partner(name_pl="Fundacja", name_en="Foundation")
    staff_page.goto(f"/en/admin/directory/partner/{partner.pk}/change/")
    name_tabs = staff_page.locator(".ui-tabs:has(#id_name_pl) .ui-tabs-nav li")
    assert name_tabs.all_inner_texts() == ["PL", "EN"]
    # The tab of the admin's own language opens first.
    assert staff_page.locator("#id_name_en").is_visible()
    assert not staff_page.locator("#id_name_pl").is_visible()
    name_tabs.nth(0).click()
    assert staff_page.locator("#id_name_pl").is_visible()
    assert not staff_page.locator("#id_name_en").is_visible()
    assert off_site_requests == []


def test_prepopulated_slug_equals_the_servers_slug(staff_page):
    for name, _expected in POLISH_NAMES:
        # In the Polish admin the Polish tab, whose name the slug is made from, opens first.
        staff_page.goto("/pl/admin/directory/partner/add/")
        staff_page.fill("#id_name_pl", name)
        staff_page.press("#id_name_pl", "Tab")
        assert staff_page.input_value("#id_slug") == slugify(name, max_length=80), name


def test_validation_error_is_shown_on_the_tab_of_its_language(staff_page):
    staff_page.goto("/en/admin/directory/partner/add/")
    # An English name but no Polish one: the error belongs to the Polish tab.
    staff_page.fill("#id_name_en", "Only English")
    staff_page.fill("#id_founding_year", "2001")
    staff_page.select_option("#id_organization_type", "charity")
    staff_page.click("input[name=_save]")
    tabs = staff_page.locator(".ui-tabs:has(#id_name_pl) .ui-tabs-nav li")
    assert "ui-tab-has-errors" in (tabs.nth(0).get_attribute("class") or "")
    assert "ui-tab-has-errors" not in (tabs.nth(1).get_attribute("class") or "")
    assert staff_page.locator(".errornote").is_visible()
    assert not Partner.objects.exists()
