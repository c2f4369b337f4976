from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from directory import languages, search
from directory.models import validators
from directory.public.context_processors import page_query
from partners_site.site_address import local_path

register = template.Library()


@register.filter
def lang_of(obj, field):
    """The language `obj.field` is shown in: the page's, or Polish where it has no text yet."""
    return languages.shown_language(obj, field)


@register.filter
def html_attributes(attrs):
    """A widget's attributes as HTML, as Django's attrs.html writes them (True: the name
    alone, False: left out), in one call instead of a template loop."""
    parts = (
        format_html(" {}", name) if value is True else format_html(' {}="{}"', name, value)
        for name, value in attrs.items()
        if value is not False
    )
    return mark_safe("".join(parts))


@register.filter
def is_web_address(text):
    """Whether a source is a web address to link, not a citation."""
    return validators.is_web_address(text)


@register.simple_tag
def highlight(text, query, language):
    """`text` with the words the search `query` matches marked; escaped in every case."""
    return search.highlight(text or "", query or "", language)


@register.simple_tag(takes_context=True)
def page_url(context, number):
    """The address of page `number` of what the page shows, in canonical form (the first
    page has no `page` parameter)."""
    request = context["request"]
    query = page_query(request).copy()
    query.pop("page", None)
    if number != 1:
        query["page"] = number
    encoded = query.urlencode()
    return local_path(request.path) + (f"?{encoded}" if encoded else "")


@register.filter
def describe(bound_field, parts):
    """The field's widget, pointing screen readers at its help text and errors (the ids
    the form templates give them: <id>-help, <id>-errors)."""
    attrs = {}
    ids = []
    if "help" in parts.split() and bound_field.help_text:
        ids.append(f"{bound_field.id_for_label}-help")
    if "errors" in parts.split() and bound_field.errors:
        ids.append(f"{bound_field.id_for_label}-errors")
        attrs["aria-invalid"] = "true"
    if ids:
        attrs["aria-describedby"] = " ".join(ids)
    return bound_field.as_widget(attrs=attrs)
