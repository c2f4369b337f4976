"""Reading the environment: the helpers every setting is read with, and the two values the
other settings modules depend on."""

import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    value = value.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(
        f"{name} must be one of 1/0, true/false, yes/no, on/off; got {value!r}."
    )


def env_list(name):
    return [item.strip() for item in os.environ.get(name, "").split(",") if item.strip()]


DEBUG = env_bool("DEBUG")


def required(name, value, development_default, hint):
    """`value`, read from the environment variable `name`; when it is empty, the
    development default while DEBUG is on, and a start-up failure that says what to set
    (`hint`) otherwise."""
    if value:
        return value
    if not DEBUG:
        raise ImproperlyConfigured(
            f"{name} is not set. {hint}, or set DEBUG=1 for local development."
        )
    return development_default
