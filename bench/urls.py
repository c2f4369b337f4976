from django.http import HttpResponse
from django.urls import path

from partners_site.urls import urlpatterns as site_urlpatterns


def baseline(request):
    """The least a request can cost through this stack: a fixed answer, no template, no
    database. Every other figure is reported as a ratio to it."""
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [path("bench/baseline", baseline), *site_urlpatterns]
