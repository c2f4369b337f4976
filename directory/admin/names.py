"""Human, translated names in the admin for the sections and models of the libraries we use
(django-axes, django-otp, django-simple-history), which name some of them only in English
or by their code ("OTP_TOTP", "TOTP device").

Only the display names are set, never the options a migration records (`original_attrs`),
so the libraries' migrations see no change.
"""

from django.apps import apps
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

SECTIONS = {
    "axes": _("Login lockouts"),
    "otp_totp": _("Two-factor login"),
    "otp_static": _("Two-factor backup codes"),
    "simple_history": _("Change history"),
}

MODELS = {
    ("axes", "accessattempt"): (_("failed sign-in"), _("failed sign-ins")),
    ("axes", "accesslog"): (_("sign-in record"), _("sign-in records")),
    ("axes", "accessfailurelog"): (_("failed sign-in record"), _("failed sign-in records")),
    ("axes", "accessattemptexpiration"): (
        _("end of a lockout"),
        _("ends of lockouts"),
    ),
    ("otp_totp", "totpdevice"): (_("authenticator app"), _("authenticator apps")),
    ("otp_static", "staticdevice"): (
        pgettext_lazy("admin model", "set of backup codes"),
        pgettext_lazy("admin model", "sets of backup codes"),
    ),
    ("otp_static", "statictoken"): (_("backup code"), _("backup codes")),
}


def name_library_models():
    """Called once, from DirectoryConfig.ready()."""
    for label, name in SECTIONS.items():
        if label in apps.app_configs:
            apps.get_app_config(label).verbose_name = name
    for (label, model_name), (singular, plural) in MODELS.items():
        model = apps.get_model(label, model_name)
        model._meta.verbose_name = singular
        model._meta.verbose_name_plural = plural
