"""Visitors send suggestions in Chromium with JavaScript off, in Polish and in English; an
editor accepts one in the admin; the form pages pass an accessibility scan."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core import mail
from django.core.cache import cache

from directory.models import Suggestion
from tests.browser.test_public_browser import AXE_OPTIONS
from tests.public_urls import url

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def no_script_page(no_script_page, settings):
    # A person is quick in a test; the time check has tests of its own.
    settings.SUGGESTION_MIN_SECONDS = 0
    cache.clear()
    return no_script_page


def test_a_visitor_sends_a_correction_in_polish_without_javascript(no_script_page, make_partner):
    make_partner(slug="gifct", name_pl="Globalne Forum", name_en="Global Forum")
    page = no_script_page
    page.goto(url("partner-detail", "pl", slug="gifct"))
    page.get_by_role("link", name="Coś się nie zgadza albo czegoś brakuje? Zgłoś poprawkę").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Zgłoś poprawkę"
    page.get_by_label("Co jest błędne lub czego brakuje?").fill("Rok założenia to 2017.")
    page.get_by_label("Źródło").fill("nie adres")
    page.get_by_role("button", name="Wyślij sugestię").click()
    # Refused with a message in Polish; what was typed is still there.
    assert page.get_by_role("alert").inner_text().startswith("Sugestia nie została wysłana")
    assert "Podaj pełny adres strony internetowej" in page.get_by_role("alert").inner_text()
    assert page.get_by_label("Co jest błędne lub czego brakuje?").input_value() == (
        "Rok założenia to 2017."
    )
    page.get_by_label("Źródło").fill("https://gifct.org/about/")
    page.get_by_role("button", name="Wyślij sugestię").click()
    page.wait_for_url(f"**{url('suggestion-sent', 'pl')}")
    assert page.get_by_role("heading", level=1).inner_text() == "Dziękujemy"
    suggestion = Suggestion.objects.get()
    assert (suggestion.partner.slug, suggestion.language, suggestion.message) == (
        "gifct",
        "pl",
        "Rok założenia to 2017.",
    )
    assert len(mail.outbox) == 1


def test_a_visitor_suggests_an_organization_in_english_without_javascript(no_script_page, db):
    page = no_script_page
    page.goto(url("partner-list", "en"))
    page.get_by_role("link", name="Missing an organization? Suggest one").click()
    page.get_by_label("Organization's name").fill("Trust Lab")
    page.get_by_label("What does the organization do?").fill("Researches online safety.")
    page.get_by_label("Source").fill("https://example.org/trust-lab")
    page.get_by_label("Your e-mail address (optional)").fill("me@example.org")
    # The trap field is not there for people.
    assert not page.get_by_label("Leave this field empty").is_visible()
    page.get_by_role("button", name="Send the suggestion").click()
    page.wait_for_url(f"**{url('suggestion-sent', 'en')}")
    suggestion = Suggestion.objects.get()
    assert (suggestion.organization_name, suggestion.email, suggestion.language) == (
        "Trust Lab",
        "me@example.org",
        "en",
    )


def test_an_editor_accepts_a_suggestion(staff_page, make_partner):
    partner = make_partner(slug="gifct", name_pl="Globalne Forum", name_en="Global Forum")
    suggestion = Suggestion.objects.create(
        kind="correction",
        partner=partner,
        message="<b>Founded</b> in 2017.",
        source_url="https://example.org/",
        language="en",
    )
    page = staff_page
    page.goto("/en/admin/directory/suggestion/?status=new")
    page.get_by_role("link", name=f"#{suggestion.pk} Global Forum").click()
    # The sender's markup is shown as the text they typed.
    assert page.locator(".field-message .readonly").inner_text() == "<b>Founded</b> in 2017."
    assert page.locator(".field-message b").count() == 0
    page.get_by_label("Status").select_option("accepted")
    page.click("input[name=_save]")
    page.wait_for_url("**/admin/directory/suggestion/?status=new")
    suggestion.refresh_from_db()
    assert suggestion.status == "accepted"
    assert suggestion.handled_by.username == "editor"
    page.goto(f"/en/admin/directory/suggestion/{suggestion.pk}/history/")
    assert page.get_by_role("cell", name="editor").first.is_visible()


@pytest.mark.parametrize("language", ["pl", "en"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_suggestion_pages_pass_an_accessibility_scan(page, make_partner, language, scheme):
    make_partner(slug="gifct")
    page.emulate_media(color_scheme=scheme)
    axe = Axe()
    failures = {}
    addresses = [
        url("suggest-correction", language, slug="gifct"),
        url("suggest-organization", language),
        url("suggestion-sent", language),
    ]
    for address in addresses:
        page.goto(address)
        results = axe.run(page, options=AXE_OPTIONS)
        if results.violations_count:
            failures[address] = results.generate_report()
    # A refused form, with its messages.
    page.goto(url("suggest-organization", language))
    page.locator("button[type=submit]").click()
    results = axe.run(page, options=AXE_OPTIONS)
    if results.violations_count:
        failures["refused"] = results.generate_report()
    assert failures == {}
