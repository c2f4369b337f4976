"""The API reference works in Chromium under the Content-Security-Policy, from this site's
own files, and passes axe's WCAG checks."""

import pytest

pytestmark = pytest.mark.django_db(transaction=True)

OPERATIONS = ["/partners/", "/partners/{slug}/", "/focus-areas/"]


def test_the_api_reference_lists_every_operation(
    page, console_errors, off_site_requests, accessibility_problems, make_focus_area
):
    make_focus_area(slug="dzieci")
    response = page.goto("/api/v1/reference/")

    assert response.status == 200
    assert "script-src 'self'" in response.headers["content-security-policy"]
    paths = page.locator(".opblock-summary-path")
    paths.nth(len(OPERATIONS) - 1).wait_for()
    assert paths.all_inner_texts() == OPERATIONS
    assert page.locator(".opblock-get").count() == len(OPERATIONS)
    # The description is read whole: an operation opens with its parameters.
    page.locator(".opblock-summary").first.click()
    page.locator(".parameters-container").first.wait_for()
    assert "focus" in page.locator(".parameters-container").first.inner_text()
    # Swagger UI's colours and unlabelled lists are corrected by the page's own files.
    assert accessibility_problems() is None
    assert console_errors == []
    assert off_site_requests == []
