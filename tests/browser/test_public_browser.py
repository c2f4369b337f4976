"""A visitor in a real browser: filtering, searching, paging, switching language, using only
the keyboard, and an accessibility scan of every page type in both languages."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command

from directory.models import Partner
from tests.public_urls import url

pytestmark = pytest.mark.django_db(transaction=True)

# Every WCAG 2.0-2.2 A and AA rule that axe checks, and its best practices.
AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"],
    },
    "resultTypes": ["violations"],
}


@pytest.fixture
def directory(db):
    call_command("loaddata", "partners", verbosity=0)


def card_names(page):
    return page.locator(".cards .card-title a").all_inner_texts()


def test_visitor_filters_by_focus_area_and_type(page, directory, off_site_requests):
    page.goto(url("partner-list"))
    assert len(card_names(page)) == 9
    page.get_by_label("Child sexual exploitation and abuse").check()
    page.get_by_role("button", name="Show partners").click()
    assert card_names(page) == [
        "Internet Watch Foundation",
        "National Center for Missing & Exploited Children",
        "Tech Coalition",
        "WeProtect Global Alliance",
    ]
    page.get_by_label("Type").select_option("nonprofit")
    page.get_by_role("button", name="Show partners").click()
    assert card_names(page) == ["National Center for Missing & Exploited Children"]
    assert "focus=child-sexual-exploitation" in page.url and "type=nonprofit" in page.url
    page.get_by_role("link", name="Clear all filters").click()
    assert len(card_names(page)) == 9
    assert off_site_requests == []


def test_visitor_searches_and_sees_matches_marked(page, directory):
    page.goto(url("partner-list", "pl"))
    page.get_by_role("searchbox").fill("dziecko")
    page.keyboard.press("Enter")
    page.wait_for_url("**q=dziecko**")
    assert len(card_names(page)) == 4
    assert page.locator(".cards mark").first.inner_text().lower().startswith("dzieci")


def test_visitor_pages_through_results_with_filters_kept(page, make_partner):
    for number in range(30):
        make_partner(name_en=f"Charity {number:02}", organization_type="charity")
    make_partner(name_en="Not a charity", organization_type="nonprofit")
    page.goto(url("partner-list") + "?type=charity")
    assert len(card_names(page)) == 24
    page.get_by_role("link", name="Next page").click()
    assert card_names(page) == [f"Charity {number:02}" for number in range(24, 30)]
    assert "type=charity" in page.url and "page=2" in page.url
    assert page.locator('.pagination a[aria-current="page"]').inner_text().strip().endswith("2")


def test_switching_language_keeps_filters(page, directory):
    page.goto(url("partner-list", "pl") + "?focus=missing-children&sort=-founded")
    page.get_by_role("link", name="English").click()
    assert page.url.endswith(url("partner-list", "en") + "?focus=missing-children&sort=-founded")
    assert page.locator("html").get_attribute("lang") == "en"
    assert card_names(page) == ["National Center for Missing & Exploited Children"]
    assert page.get_by_label("Missing children").is_checked()


def test_keyboard_only_visitor_can_skip_filter_and_open_a_partner(page, directory):
    page.goto(url("partner-list"))
    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    assert skip.inner_text() == "Skip to content"
    page.keyboard.press("Enter")
    # Tab onwards to the search box, type, submit with Enter.
    for _ in range(5):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "id_q":
            break
    assert page.evaluate("document.activeElement.id") == "id_q"
    page.keyboard.type("GIFCT")
    page.keyboard.press("Enter")
    page.wait_for_url("**q=GIFCT**")
    link = page.get_by_role("link", name="Global Internet Forum to Counter Terrorism")
    link.focus()
    focused_outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert focused_outline != "none"
    page.keyboard.press("Enter")
    page.wait_for_url("**/gifct/")
    assert page.get_by_role("heading", level=1).inner_text().startswith("Global Internet Forum")


def test_page_is_usable_at_320_pixels(page, directory):
    page.set_viewport_size({"width": 320, "height": 640})
    for address in [url("home"), url("partner-list"), url("partner-detail", slug="ncmec")]:
        page.goto(address)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, address


@pytest.mark.parametrize("language", ["pl", "en"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_page_type_passes_an_accessibility_scan(page, directory, language, scheme):
    Partner.objects.filter(slug="tech-coalition").update(mission_en="")
    page.emulate_media(color_scheme=scheme)
    pages = [
        url("home", language),
        url("partner-list", language),
        url("partner-list", language) + "?q=dziecko&focus=missing-children",
        url("partner-list", language) + "?founded_from=abc&type=nope",
        url("partner-list", language) + "?q=nothing-matches-this",
        url("partner-detail", language, slug="ncmec"),
        url("partner-detail", language, slug="tech-coalition"),
        url("focus-area-detail", language, slug="child-sexual-exploitation"),
        url("about", language),
        f"/{language}/no-such-page/",
    ]
    axe = Axe()
    failures = {}
    for address in pages:
        page.goto(address)
        results = axe.run(page, options=AXE_OPTIONS)
        if results.violations_count:
            failures[address] = results.generate_report()
    assert failures == {}
