"""Staff set up their own two-factor login: enrolment, backup codes, their devices, and a
superuser's reset."""

import re
from base64 import b32encode

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Permission
from django.test import override_settings
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("two_factor_required")]

LOGIN = "/en/admin/login/"
ENROL = "/en/admin/two-factor/set-up/"
DEVICES = "/en/admin/two-factor/"


@pytest.fixture
def two_factor_required(settings):
    settings.ADMIN_REQUIRE_2FA = True


@pytest.fixture
def member(django_user_model):
    return django_user_model.objects.create_user(
        "newcomer", "newcomer@example.org", "correct-horse", is_staff=True
    )


def current_code(device):
    return f"{totp(device.bin_key, step=device.step, digits=device.digits):06d}"


def sign_in(client, username="newcomer", password="correct-horse", code=""):
    return client.post(
        LOGIN, {"username": username, "password": password, "otp_token": code, "next": "/en/admin/"}
    )


def enrol(client, name="Work phone"):
    """Walk the set-up page as the member would: read the QR code's device, confirm."""
    client.get(ENROL)
    device = TOTPDevice.objects.get(confirmed=False)
    return device, client.post(ENROL, {"name": name, "code": current_code(device)})


def test_a_member_without_a_device_signs_in_with_the_password_and_reaches_only_enrolment(
    client, member
):
    response = sign_in(client)
    assert response.status_code == 302
    for path in ["/en/admin/", "/en/admin/directory/partner/", DEVICES, "/en/admin/auth/user/"]:
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"] == ENROL, path


def test_the_set_up_page_shows_a_qr_code_and_the_secret_as_text(client, member):
    sign_in(client)
    response = client.get(ENROL)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    page = response.content.decode()
    assert re.search(r'<img class="qr-code" src="data:image/svg\+xml;base64,', page)
    device = TOTPDevice.objects.get(user=member, confirmed=False)
    secret = response.context["secret"].replace(" ", "")
    assert b32encode(device.bin_key).decode().rstrip("=") == secret
    # Reloading keeps the secret already scanned.
    assert client.get(ENROL).context["secret"] == response.context["secret"]


def test_a_wrong_code_is_explained_and_confirms_nothing(client, member):
    sign_in(client)
    client.get(ENROL)
    response = client.post(ENROL, {"name": "Phone", "code": "000000x"})
    assert response.status_code == 200
    assert "This code does not match" in response.content.decode()
    assert not TOTPDevice.objects.filter(confirmed=True).exists()
    assert client.get("/en/admin/")["Location"] == ENROL


def test_confirming_the_first_code_shows_backup_codes_once_and_opens_the_admin(client, member):
    sign_in(client)
    device, response = enrol(client)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    codes = response.context["codes"]
    assert len(codes) == 10
    assert sorted(codes) == sorted(
        StaticToken.objects.filter(device__user=member).values_list("token", flat=True)
    )
    device.refresh_from_db()
    assert device.confirmed and device.name == "Work phone"
    assert client.get("/en/admin/").status_code == 200
    # The codes are not shown again.
    assert not any(code in client.get(DEVICES).content.decode() for code in codes)


def test_the_next_sign_in_needs_a_code_and_a_backup_code_works_once(client, member):
    sign_in(client)
    _device, response = enrol(client)
    backup_code = response.context["codes"][0]
    client.logout()
    response = sign_in(client)
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert sign_in(client, code=backup_code).status_code == 302
    assert client.get("/en/admin/").status_code == 200
    client.logout()
    assert sign_in(client, code=backup_code).status_code == 200
    assert StaticToken.objects.filter(device__user=member).count() == 9


def test_removing_the_last_app_sends_the_member_back_to_enrolment(client, member):
    sign_in(client)
    device, _response = enrol(client)
    response = client.get(f"/en/admin/two-factor/{device.pk}/remove/")
    assert "your backup codes are removed with it" in response.content.decode()
    response = client.post(f"/en/admin/two-factor/{device.pk}/remove/")
    assert response["Location"] == ENROL
    assert not TOTPDevice.objects.filter(user=member).exists()
    assert not StaticDevice.objects.filter(user=member).exists()
    assert client.get("/en/admin/")["Location"] == ENROL


def test_replacing_an_app_removes_the_old_one_once_the_new_one_is_confirmed(client, member):
    sign_in(client)
    old, _response = enrol(client, name="Old phone")
    client.get(f"{ENROL}?replace={old.pk}")
    new = TOTPDevice.objects.get(confirmed=False)
    assert TOTPDevice.objects.filter(pk=old.pk).exists()
    response = client.post(
        f"{ENROL}?replace={old.pk}", {"name": "New phone", "code": current_code(new)}
    )
    assert response["Location"] == DEVICES
    assert list(TOTPDevice.objects.values_list("name", flat=True)) == ["New phone"]
    # The session is now verified by the new device.
    assert client.get("/en/admin/").status_code == 200


def test_a_member_cannot_touch_another_members_device(client, member, django_user_model):
    other = django_user_model.objects.create_user("other", password="x", is_staff=True)
    theirs = TOTPDevice.objects.create(user=other, name="Theirs", confirmed=True)
    sign_in(client)
    enrol(client)
    assert client.post(f"/en/admin/two-factor/{theirs.pk}/remove/").status_code == 404
    client.get(f"{ENROL}?replace={theirs.pk}")
    pending = TOTPDevice.objects.get(confirmed=False)
    client.post(f"{ENROL}?replace={theirs.pk}", {"name": "x", "code": current_code(pending)})
    assert TOTPDevice.objects.filter(pk=theirs.pk).exists()


def test_new_backup_codes_replace_the_old_ones(client, member):
    sign_in(client)
    _device, response = enrol(client)
    old_codes = set(response.context["codes"])
    response = client.post("/en/admin/two-factor/backup-codes/")
    new_codes = set(response.context["codes"])
    assert len(new_codes) == 10 and not new_codes & old_codes
    assert set(StaticToken.objects.values_list("token", flat=True)) == new_codes


def test_a_member_with_a_device_cannot_enrol_with_the_password_alone(client, member):
    TOTPDevice.objects.create(user=member, name="Phone", confirmed=True)
    client.force_login(member)
    assert client.get(ENROL).status_code == 302
    assert client.post(ENROL, {"name": "Mine now", "code": "123456"}).status_code == 302
    assert TOTPDevice.objects.filter(user=member).count() == 1


def test_a_superuser_resets_a_members_devices_without_seeing_secrets(
    client, member, django_user_model
):
    boss = django_user_model.objects.create_superuser("boss", "boss@example.org", "boss-pass")
    device = TOTPDevice.objects.create(user=member, name="Lost phone", confirmed=True)
    StaticDevice.objects.create(user=member, name="Backup codes").token_set.create(token="abc")
    boss_device = TOTPDevice.objects.create(user=boss, name="Boss phone", confirmed=True)
    sign_in(client, "boss", "boss-pass", current_code(boss_device))
    change_page = client.get(f"/en/admin/auth/user/{member.pk}/change/").content.decode()
    assert f"/en/admin/auth/user/{member.pk}/reset-two-factor/" in change_page
    for path in [
        "/en/admin/otp_totp/totpdevice/",
        f"/en/admin/otp_totp/totpdevice/{device.pk}/change/",
        "/en/admin/otp_static/staticdevice/",
        f"/en/admin/auth/user/{member.pk}/reset-two-factor/",
    ]:
        page = client.get(path).content.decode()
        assert device.key not in page, path
        assert "otpauth://" not in page, path
        assert "abc" not in re.sub(r"<[^>]+>", " ", page).split(), path
    response = client.post(f"/en/admin/auth/user/{member.pk}/reset-two-factor/")
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=member).exists()
    assert not StaticDevice.objects.filter(user=member).exists()
    entry = LogEntry.objects.filter(object_id=str(member.pk)).latest("action_time")
    assert entry.user == boss
    assert "Reset two-factor login" in entry.get_change_message()
    # The member enrols again at their next sign-in.
    client.logout()
    sign_in(client)
    assert client.get("/en/admin/")["Location"] == ENROL


def test_only_a_superuser_may_reset_devices(client, member, django_user_model):
    TOTPDevice.objects.create(user=member, name="Phone", confirmed=True)
    editor = django_user_model.objects.create_user("editor", password="pw", is_staff=True)
    editor.user_permissions.add(*Permission.objects.all())
    editor_device = TOTPDevice.objects.create(user=editor, name="Phone", confirmed=True)
    sign_in(client, "editor", "pw", current_code(editor_device))
    response = client.post(f"/en/admin/auth/user/{member.pk}/reset-two-factor/")
    assert response.status_code == 403
    assert TOTPDevice.objects.filter(user=member).exists()


@override_settings(ADMIN_REQUIRE_2FA=False)
def test_without_required_two_factor_login_staff_may_still_set_it_up(client, member):
    client.force_login(member)
    assert client.get("/en/admin/").status_code == 200
    _device, response = enrol(client)
    assert len(response.context["codes"]) == 10


def test_guessed_codes_slow_down_every_app_and_lock_the_address_out(client, member, settings):
    settings.AXES_FAILURE_LIMIT = 3
    first = TOTPDevice.objects.create(user=member, name="Phone", confirmed=True)
    second = TOTPDevice.objects.create(user=member, name="Tablet", confirmed=True)
    wrong = f"{(int(current_code(first)) + 1) % 1_000_000:06d}"
    if wrong == current_code(second):
        wrong = f"{(int(wrong) + 1) % 1_000_000:06d}"
    for _ in range(2):
        assert sign_in(client, code=wrong).status_code == 200
    for app in (first, second):
        app.refresh_from_db()
        assert app.throttling_failure_count > 0, app.name
    sign_in(client, code=wrong)
    # The address is locked now: even the right code no longer signs in from it.
    assert sign_in(client, code=current_code(second)).status_code != 302
    assert "_auth_user_id" not in client.session
