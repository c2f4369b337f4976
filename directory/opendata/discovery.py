"""What lets crawlers and browsers find the directory: robots.txt and OpenSearch."""

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from directory import languages
from partners_site.site_address import absolute_url


@require_GET
def robots_txt(request):
    # The admin is not named here: its address may be kept unguessable (ADMIN_URL).
    lines = [
        "User-agent: *",
        "Allow: /",
        f"Sitemap: {absolute_url(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_GET
def opensearch(request, language):
    """The OpenSearch description for one language: its name and its list page."""
    if language not in languages.codes():
        raise Http404
    with translation.override(language):
        return render(
            request,
            "directory/opensearch.xml",
            {
                "language": language,
                # Translated here: makemessages does not read .xml templates.
                "short_name": _("T&S Partners"),
                "description": _("Search the Trust & Safety Partners Directory"),
                "search_url": absolute_url(reverse("directory:partner-list")),
                "self_url": absolute_url(request.path),
                "icon_url": absolute_url(static("favicon.svg")),
            },
            content_type="application/opensearchdescription+xml; charset=utf-8",
        )
