"""Who reaches the admin: its address, two-factor login, and the lockout of an address
after failed sign-ins (which needs the client's address behind the proxies)."""

import os
from datetime import timedelta

from django.core.exceptions import ImproperlyConfigured

from partners_site.settings.environment import DEBUG, env_bool

# The admin: its address (ADMIN_URL, e.g. "office-7f3a/"), lockout after failed logins
# (django-axes), and two-factor login for staff (django-otp; TOTP apps, and static codes to
# enroll the first device), required in production unless ADMIN_REQUIRE_2FA=0.
ADMIN_URL = os.environ.get("ADMIN_URL", "admin/").strip("/") + "/"
ADMIN_REQUIRE_2FA = env_bool("ADMIN_REQUIRE_2FA", not DEBUG)
OTP_TOTP_ISSUER = "Trust & Safety Partners Directory"
AUTHENTICATION_BACKENDS = [
    # First, so a locked-out account or client is refused before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Reverse proxies in front of the site (the shipped nginx is one; a CDN before it is
# another, unless nginx takes the client's address from it: docs/deploy.md). The client's
# address is read from what the outermost of them wrote (directory/client_address.py).
PROXY_COUNT = int(os.environ.get("PROXY_COUNT", "0"))
if PROXY_COUNT < 0:
    raise ImproperlyConfigured(f"PROXY_COUNT must be 0 or more; got {PROXY_COUNT}.")
AXES_CLIENT_IP_CALLABLE = "partners_site.client_address.client_ip"
# Five failures from one address lock that address out, whatever account it tries, for 30
# minutes. The account itself is not locked: an attacker would otherwise lock its owner out
# from everywhere (two-factor login guards it against guessing from many addresses).
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "30")))
AXES_LOCKOUT_PARAMETERS = ["ip_address"]
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"
# A success would clear the failures of its address: signing in to one's own account
# between guesses at another's would make the limit endless. Failures expire with the
# cool-off instead.
AXES_RESET_ON_SUCCESS = False
# Lockouts are logged; its start-up banner on every command would only be noise.
AXES_VERBOSE = False
