"""Helpers for tests that fill in the admin's forms as staff would."""

from django.urls import reverse
from django.utils.translation import override


def admin_url(name, *args, language="en"):
    with override(language):
        return reverse(f"admin:directory_{name}", args=args)


def admin_form_data(response, **changes):
    """What the admin change form would post back, with `changes` typed in."""
    form = response.context["adminform"].form
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is None or value is False:
            continue
        data[name] = "on" if value is True else value
    data.update(changes)
    return data
