"""The charts in Chromium: a bar is a link to the filtered list, with JavaScript off, and
the charts follow the colour scheme through the stylesheet."""

import pytest
from django.core.management import call_command

from tests.browser.test_public_browser import card_names
from tests.public_urls import url

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_bar_leads_to_the_list_it_counts(no_script_page, db):
    call_command("loaddata", "partners", verbosity=0)
    page = no_script_page
    page.goto(url("home", "en"))
    bar = page.get_by_role("link", name="Child sexual exploitation and abuse: 4 partners")
    bar.click()
    page.wait_for_url("**/en/partners/?focus=child-sexual-exploitation")
    assert len(card_names(page)) == 4


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_bars_take_their_colour_from_the_stylesheet(page, db, scheme):
    call_command("loaddata", "partners", verbosity=0)
    page.emulate_media(color_scheme=scheme)
    page.goto(url("home", "en"))
    fill = page.locator(".chart-bar").first.evaluate("bar => getComputedStyle(bar).fill")
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    expected = {"light": "rgb(10, 85, 140)", "dark": "rgb(140, 200, 255)"}[scheme]
    assert fill == expected
    assert background != fill
