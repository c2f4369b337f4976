"""The public pages and the whole admin work in Chromium under the Content-Security-Policy."""

import pytest

from directory.models import Partner

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def csp_violations(page):
    """Every message in which Chromium reports something a policy blocked, or a policy it
    could not understand."""
    violations = []

    def record(message):
        if any(
            policy in message.text
            for policy in ("Content Security Policy", "Permissions-Policy", "Permissions policy")
        ):
            violations.append(f"{page.url}: {message.text}")

    page.on("console", record)
    return violations


def test_public_pages_load_without_violations(
    page, csp_violations, off_site_requests, make_partner, make_focus_area
):
    area = make_focus_area(slug="dzieci")
    partner = make_partner(slug="fundacja", focus_areas=[area])
    for path in [
        "/pl/",
        "/en/",
        "/pl/partnerzy/?q=organizacja&sort=-name",
        partner.get_absolute_url(),
        area.get_absolute_url(),
        "/en/about/",
    ]:
        response = page.goto(path)
        assert response.status == 200, path
        assert "default-src 'none'" in response.headers["content-security-policy"]
        # The stylesheet applied: the skip link waits off screen until focused.
        skip_link = page.locator(".skip-link")
        assert skip_link.evaluate("link => getComputedStyle(link).position") == "absolute", path
    assert csp_violations == []
    assert off_site_requests == []


def test_admin_change_form_with_tabs_and_widgets_works_under_the_policy(
    staff_page, csp_violations, make_partner, make_focus_area
):
    area = make_focus_area(name_en="Children")
    partner = make_partner(name_pl="Fundacja", name_en="Foundation", focus_areas=[area])
    response = staff_page.goto(f"/en/admin/directory/partner/{partner.pk}/change/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    # modeltranslation's tabs (jQuery UI).
    tabs = staff_page.locator(".ui-tabs:has(#id_name_pl) .ui-tabs-nav li")
    assert tabs.all_inner_texts() == ["PL", "EN"]
    tabs.nth(0).click()
    assert staff_page.locator("#id_name_pl").is_visible()
    # The admin's own scripts: the two-box selector of focus areas.
    assert staff_page.locator("#id_focus_areas_from").is_visible()
    assert staff_page.locator("#id_focus_areas_to option").all_inner_texts() == ["Children"]
    # Saving works (form-action 'self').
    tabs.nth(1).click()
    staff_page.fill("#id_name_en", "Renamed Foundation")
    staff_page.click("input[name=_save]")
    staff_page.wait_for_url("**/admin/directory/partner/")
    assert Partner.objects.get().name_en == "Renamed Foundation"
    assert csp_violations == []


def test_admin_prepopulates_the_slug_under_the_policy(staff_page, csp_violations):
    staff_page.goto("/pl/admin/directory/focusarea/add/")
    staff_page.fill("#id_name_pl", "Łódź i okolice")
    staff_page.press("#id_name_pl", "Tab")
    assert staff_page.input_value("#id_slug") == "lodz-i-okolice"
    assert csp_violations == []


def test_admin_lists_history_and_preview_work_under_the_policy(
    staff_page, csp_violations, make_partner
):
    partner = make_partner(name_en="Draft Foundation", is_published=False)
    partner.name_en = "Draft Foundation, renamed"
    partner.save()
    for path in [
        "/en/admin/",
        "/en/admin/directory/partner/?q=Draft",
        "/en/admin/directory/focusarea/",
        f"/en/admin/directory/partner/{partner.pk}/history/",
        "/en/admin/directory/partner/deleted/",
        "/en/admin/auth/user/",
        "/en/admin/auth/group/add/",
        f"/en/admin/directory/partner/{partner.pk}/preview/",
    ]:
        assert staff_page.goto(path).status == 200, path
    assert staff_page.locator(".draft-banner").is_visible()
    # The changelist's action checkboxes and "select all" are scripts of the admin.
    staff_page.goto("/en/admin/directory/partner/")
    staff_page.check("#action-toggle")
    assert staff_page.locator("input.action-select").first.is_checked()
    assert csp_violations == []


def test_adding_an_authenticator_app_shows_its_qr_code_under_the_policy(staff_page, csp_violations):
    staff_page.goto("/en/admin/two-factor/")
    staff_page.get_by_role("link", name="Add an authenticator app").click()
    qr_code = staff_page.locator("img.qr-code")
    qr_code.wait_for()
    assert qr_code.evaluate("image => image.complete && image.naturalWidth > 0")
    assert csp_violations == []


def test_two_factor_login_and_lockout_pages_work_under_the_policy(
    page, csp_violations, settings, django_user_model
):
    settings.ADMIN_REQUIRE_2FA = True
    django_user_model.objects.create_superuser("editor", "editor@example.org", "correct-horse")
    page.goto("/en/admin/login/")
    assert page.locator("#id_otp_token").is_visible()
    for _attempt in range(5):
        page.fill("#id_username", "editor")
        page.fill("#id_password", "wrong")
        page.click("input[type=submit]")
    assert page.get_by_role("heading", name="Sign-in locked").is_visible()
    assert csp_violations == []
