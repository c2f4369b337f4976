"""The admin's sign-in: lockout after repeated failures, and two-factor login for staff."""

import pytest
from axes.models import AccessAttempt
from django.test import override_settings
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

pytestmark = pytest.mark.django_db

LOGIN = "/en/admin/login/"


@pytest.fixture
def staff_user(django_user_model):
    return django_user_model.objects.create_superuser("boss", "boss@example.org", "correct-horse")


def sign_in(client, username, password, address="203.0.113.5", **extra):
    return client.post(
        LOGIN,
        {"username": username, "password": password, "next": "/en/admin/", **extra},
        REMOTE_ADDR=address,
    )


def fail_until_locked(client, username="boss", address="203.0.113.5"):
    for _attempt in range(4):
        assert sign_in(client, username, "wrong", address=address).status_code == 200
    # The fifth failure locks.
    assert sign_in(client, username, "wrong", address=address).status_code == 429


def test_a_wrong_password_explains_and_lets_you_try_again(client, staff_user):
    response = sign_in(client, "boss", "wrong")
    assert response.status_code == 200
    assert "Please enter the correct username and password" in response.content.decode()


def test_five_failures_lock_the_account_even_with_the_right_password(client, staff_user):
    fail_until_locked(client)
    response = sign_in(client, "boss", "correct-horse")
    assert response.status_code == 429
    assert "Too many failed attempts to sign in" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_an_attacker_cannot_lock_the_real_user_out_from_another_address(client, staff_user):
    fail_until_locked(client, address="203.0.113.5")
    assert sign_in(client, "boss", "correct-horse", address="203.0.113.5").status_code == 429
    assert sign_in(client, "boss", "correct-horse", address="198.51.100.7").status_code == 302


def test_signing_in_to_ones_own_account_does_not_clear_the_failures_of_the_address(
    client, staff_user, django_user_model
):
    """A staff member who guesses another account's password cannot start each round of
    guesses afresh by signing in to their own account in between."""
    django_user_model.objects.create_user("intern", "i@example.org", "intern-pass", is_staff=True)
    for _attempt in range(3):
        assert sign_in(client, "boss", "guess", address="203.0.113.5").status_code == 200
    assert sign_in(client, "intern", "intern-pass", address="203.0.113.5").status_code == 302
    client.logout()
    assert sign_in(client, "boss", "guess", address="203.0.113.5").status_code == 200
    assert sign_in(client, "boss", "guess", address="203.0.113.5").status_code == 429


def test_the_client_is_locked_out_for_every_account(client, staff_user, django_user_model):
    django_user_model.objects.create_superuser("other", "other@example.org", "other-pass")
    fail_until_locked(client, username="nobody", address="203.0.113.9")
    assert sign_in(client, "other", "other-pass", address="203.0.113.9").status_code == 429
    # Another client may still sign in to that account.
    assert sign_in(client, "other", "other-pass", address="198.51.100.7").status_code == 302


def test_the_lock_ends_after_the_cool_off(client, staff_user):
    fail_until_locked(client)
    assert sign_in(client, "boss", "correct-horse").status_code == 429
    AccessAttempt.objects.update(attempt_time="2000-01-01T00:00:00Z")
    assert sign_in(client, "boss", "correct-horse").status_code == 302


@override_settings(ADMIN_REQUIRE_2FA=True)
def test_with_two_factor_login_a_password_alone_is_not_enough(client, staff_user):
    TOTPDevice.objects.create(user=staff_user, name="phone")
    response = sign_in(client, "boss", "correct-horse")
    assert response.status_code == 200
    assert "otp_token" in response.context["form"].fields
    assert client.get("/en/admin/").status_code == 302


@override_settings(ADMIN_REQUIRE_2FA=True)
def test_with_two_factor_login_the_current_code_lets_staff_in(client, staff_user):
    device = TOTPDevice.objects.create(user=staff_user, name="phone")
    code = f"{totp(device.bin_key, step=device.step, digits=device.digits):06d}"
    response = sign_in(
        client, "boss", "correct-horse", otp_device=device.persistent_id, otp_token=code
    )
    assert response.status_code == 302
    assert client.get("/en/admin/").status_code == 200


@override_settings(ADMIN_REQUIRE_2FA=True)
def test_with_two_factor_login_a_session_without_a_code_is_refused(client, staff_user):
    TOTPDevice.objects.create(user=staff_user, name="phone")
    # A session from before two-factor login was required (or forged by force_login).
    client.force_login(staff_user)
    response = client.get("/en/admin/")
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


@override_settings(ADMIN_REQUIRE_2FA=False)
def test_without_two_factor_login_the_password_is_enough(client, staff_user):
    assert sign_in(client, "boss", "correct-horse").status_code == 302
    assert client.get("/en/admin/").status_code == 200


@override_settings(ADMIN_REQUIRE_2FA=True)
def test_the_first_account_enrolls_with_a_one_time_static_code(client, staff_user):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("addstatictoken", "boss", stdout=out)
    code = out.getvalue().strip()
    device = staff_user.staticdevice_set.get()
    response = sign_in(
        client, "boss", "correct-horse", otp_device=device.persistent_id, otp_token=code
    )
    assert response.status_code == 302
    assert client.get("/en/admin/").status_code == 200
    # The code works once.
    client.logout()
    again = sign_in(
        client, "boss", "correct-horse", otp_device=device.persistent_id, otp_token=code
    )
    assert again.status_code == 200
