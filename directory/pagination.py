"""Pages of a list and what is wrong with a query: one implementation for the site's
pages and the API.

A page asks for `page` and, in the API, `page_size`: whole numbers from 1. The pages show
the nearest page with a notice; the API refuses with the messages, by parameter, as
`{"errors": {...}}`.
"""

from django.http import JsonResponse
from django.utils.translation import gettext as _


def whole_number(raw, maximum=None):
    """`raw` as a whole number from 1 (to `maximum`), or None if it is not one."""
    try:
        number = int(raw)
    except (TypeError, ValueError):
        return None
    if number < 1 or (maximum is not None and number > maximum):
        return None
    return number


def nearest_page(paginator, raw, notices):
    """The page `raw` names, or the nearest one with a notice: for the site's pages."""
    number = whole_number(raw)
    if number is None:
        notices.append(
            _("“%(page)s” is not a page number; showing the first page.") % {"page": raw}
        )
        return paginator.page(1)
    if number > paginator.num_pages:
        notices.append(
            _("There is no page %(page)s; showing the last page, %(last)s.")
            % {"page": number, "last": paginator.num_pages}
        )
        return paginator.page(paginator.num_pages)
    return paginator.page(number)


def number_parameter(params, name, default, errors, maximum=None):
    """The whole number of the query parameter `name` (its last value), or `default` if
    it is empty; anything else is reported in `errors`: for the API."""
    raw = params.get(name)
    if raw in (None, ""):
        return default
    number = whole_number(raw, maximum)
    if number is None:
        if maximum is None:
            message = _("“%(value)s” is not a whole number of 1 or more.")
        else:
            message = _("“%(value)s” is not a whole number from 1 to %(maximum)s.")
        errors[name] = [message % {"value": raw, "maximum": maximum}]
    return number


def missing_page_errors(paginator, number):
    """For the API: the page past the last is a resource that does not exist."""
    if number <= paginator.num_pages:
        return None
    return {
        "page": [
            _("There is no page %(page)s; the last page is %(last)s.")
            % {"page": number, "last": paginator.num_pages}
        ]
    }


def form_errors(form):
    """A form's messages, by field, for the site's pages: "Label: message"."""
    return [
        f"{form.fields[name].label}: {message}" if name != "__all__" else message
        for name, messages in form.errors.items()
        for message in messages
    ]


def error_response(status, errors):
    """An error of the API: the messages, by parameter."""
    return JsonResponse({"errors": errors}, status=status)
