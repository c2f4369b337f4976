"""Two-factor login that staff set up themselves (django-otp devices).

A staff member with no confirmed device signs in with the password alone and can reach
nothing but enrolment: an authenticator app (TOTP, its QR code drawn here as an SVG data
URL, the secret also as text), confirmed by a first code, then one-time backup codes shown
once. Signed in with a code, they manage their own devices; a superuser may reset another
member's devices (recorded in that user's history) but never sees a secret.

Here: the rules and the forms; the admin's pages are in two_factor_views.py.
"""

import base64
import io
from base64 import b32encode

import django_otp
import qrcode
import qrcode.image.svg
from django import forms
from django.conf import settings
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.signals import user_login_failed
from django.utils.translation import gettext_lazy as _
from django_otp.admin import OTPAdminAuthenticationForm
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

BACKUP_CODE_COUNT = 10
# StaticToken.random_token(): eight base32 letters and digits; an app's codes are shorter.
BACKUP_CODE_LENGTH = 8
PENDING_SESSION_KEY = "two_factor_pending_device"


def needs_enrolment(request):
    """A staff member signed in with the password who has no device yet: they may reach
    enrolment and nothing else of the admin."""
    user = request.user
    return (
        settings.ADMIN_REQUIRE_2FA
        and user.is_authenticated
        and user.is_active
        and user.is_staff
        and not user.is_verified()
        and not django_otp.user_has_device(user, confirmed=True)
    )


def code_matches(device, token):
    """Whether `token` is a current code of this app, without recording a try."""
    check = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return bool(check.verify(int(token), device.tolerance, device.last_t + 1))


class TwoFactorLoginForm(OTPAdminAuthenticationForm):
    """django-otp's admin sign-in; a member without a device signs in with the password
    alone and is sent to enrolment."""

    def clean_otp_token(self):
        return "".join((self.cleaned_data.get("otp_token") or "").split()).lower()

    def clean_otp(self, user):
        if user is not None and not django_otp.user_has_device(user, confirmed=True):
            return
        try:
            super().clean_otp(user)
        except forms.ValidationError:
            if not self.cleaned_data.get("otp_token"):
                raise
            # A wrong code after the right password counts as a failed sign-in too, so the
            # lockout of the address (django-axes) stops anyone guessing codes.
            user_login_failed.send(
                sender=type(self),
                credentials={"username": user.get_username()},
                request=self.request,
            )
            raise

    def _chosen_device(self, user):
        """The device a code is for, told by its shape (django-otp would have staff pick
        one from a list): digits come from an app, letters from the backup codes. Of
        several apps, the one whose current code it is, checked without recording a try."""
        chosen = super()._chosen_device(user)
        if chosen is not None:
            return chosen
        token = self.cleaned_data.get("otp_token") or ""
        if token.isdigit() and len(token) < BACKUP_CODE_LENGTH:
            apps = list(TOTPDevice.objects.devices_for_user(user, confirmed=True))
            matching = [app for app in apps if code_matches(app, token)]
            if matching:
                return matching[0]
            # No app's code: every app records the failed try (the first when django-otp
            # checks it), so guessing slows down every app alike, not just the first.
            for app in apps[1:]:
                app.throttle_increment()
            return apps[0] if apps else None
        return StaticDevice.objects.devices_for_user(user, confirmed=True).first()


def record(request, user, message):
    """A line in the user's admin history (the History button of their account)."""
    LogEntry.objects.log_actions(
        user_id=request.user.pk,
        queryset=[user],
        action_flag=CHANGE,
        change_message=message,
        single_object=True,
    )


# Enrolment -------------------------------------------------------------------------------


class EnrolForm(forms.Form):
    name = forms.CharField(
        label=_("Name of this device"),
        max_length=64,
        initial=_("Authenticator app"),
        help_text=_("So that you can tell your devices apart, for example “work phone”."),
    )
    code = forms.CharField(
        label=_("Code from the app"),
        max_length=8,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def __init__(self, *args, device, **kwargs):
        super().__init__(*args, **kwargs)
        self.device = device

    def clean_code(self):
        code = "".join(self.cleaned_data["code"].split())
        if not code.isdigit() or not self.device.verify_token(code):
            raise forms.ValidationError(
                _(
                    "This code does not match. Check that the app shows this site's entry and "
                    "that your phone's clock is right, then enter the newest code."
                ),
                code="invalid",
            )
        return code


def pending_device(request):
    """The unconfirmed authenticator of this enrolment, kept across reloads of the page so
    that the QR code already scanned stays valid; a fresh one when there is none."""
    device_id = request.session.get(PENDING_SESSION_KEY)
    device = TOTPDevice.objects.filter(pk=device_id, user=request.user, confirmed=False).first()
    if device is None:
        TOTPDevice.objects.filter(user=request.user, confirmed=False).delete()
        device = TOTPDevice.objects.create(
            user=request.user, name=str(_("Authenticator app")), confirmed=False
        )
        request.session[PENDING_SESSION_KEY] = device.pk
    return device


def qr_code_data_url(text):
    """The QR code of `text` as an SVG data URL: drawn here, nothing inline to run."""
    out = io.BytesIO()
    qrcode.make(text, image_factory=qrcode.image.svg.SvgPathFillImage, border=2).save(out)
    return "data:image/svg+xml;base64," + base64.b64encode(out.getvalue()).decode()


def secret_text(device):
    secret = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def new_backup_codes(user):
    """Replace the user's backup codes with fresh ones and return them (shown only once)."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=str(_("Backup codes")), confirmed=True)
    codes = [StaticToken.random_token() for _i in range(BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes
