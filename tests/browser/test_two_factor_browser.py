"""A new staff member's first sign-in, through setting up two-factor login, to the admin;
and a later sign-in with a backup code. In Chromium, under the site's Content-Security-Policy."""

from base64 import b32decode

import pytest
from django_otp.oath import totp

pytestmark = pytest.mark.django_db(transaction=True)


def code_for(secret_text):
    key = b32decode(secret_text.replace(" ", "") + "=" * (-len(secret_text.replace(" ", "")) % 8))
    return f"{totp(key):06d}"


def test_a_new_member_sets_up_two_factor_login_and_later_signs_in_with_a_backup_code(
    page, console_errors, off_site_requests, accessibility_problems, settings, django_user_model
):
    settings.ADMIN_REQUIRE_2FA = True
    django_user_model.objects.create_user(
        "newcomer", "newcomer@example.org", "correct-horse", is_staff=True
    )
    page.goto("/en/admin/")
    page.fill("#id_username", "newcomer")
    page.fill("#id_password", "correct-horse")
    page.click("input[type=submit]")
    page.wait_for_url("**/en/admin/two-factor/set-up/")
    assert page.get_by_role("heading", name="Set up two-factor login").is_visible()
    assert accessibility_problems() is None
    qr_code = page.locator("img.qr-code")
    assert qr_code.evaluate("image => image.complete && image.naturalWidth > 0")
    # Nothing else of the admin is reachable yet.
    page.goto("/en/admin/directory/partner/")
    page.wait_for_url("**/en/admin/two-factor/set-up/")

    page.fill("#id_name", "Work phone")
    page.fill("#id_code", code_for(page.inner_text("#secret")))
    with page.expect_navigation():
        page.click("input[type=submit]")
    assert page.get_by_role("heading", name="Your backup codes").is_visible()
    codes = page.locator("#backup-codes code").all_inner_texts()
    assert len(codes) == 10
    assert accessibility_problems() is None
    # The print button is there when scripts run.
    assert page.get_by_role("button", name="Print").is_visible()
    page.get_by_role("link", name="I have stored them: continue").click()
    page.wait_for_url("**/en/admin/")
    assert page.get_by_role("heading", name="Administration").is_visible()

    page.click("#logout-form button")
    page.goto("/en/admin/")
    page.fill("#id_username", "newcomer")
    page.fill("#id_password", "correct-horse")
    page.fill("#id_otp_token", codes[0].upper())
    page.click("input[type=submit]")
    page.wait_for_url("**/en/admin/")
    page.goto("/en/admin/two-factor/")
    assert "You have 9 unused backup codes." in page.inner_text("#content-main")
    assert accessibility_problems() is None
    assert console_errors == []
    assert off_site_requests == []
