"""What the site does when a part of it is down: /healthz says which, and pages that need
the database get a styled, translated 503 instead of an error page."""

import logging
import time

from django.core.cache import cache
from django.db import DatabaseError, InterfaceError, OperationalError, connections
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

logger = logging.getLogger(__name__)

HEALTH_KEY = "health:probe"


def check_database():
    try:
        with connections["default"].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        return {"status": "down", "error": error.__class__.__name__}
    return {"status": "ok"}


def check_cache():
    try:
        stamp = str(time.time_ns())
        cache.set(HEALTH_KEY, stamp, timeout=10)
        if cache.get(HEALTH_KEY) != stamp:
            return {"status": "down", "error": "value not kept"}
    except Exception as error:  # noqa: BLE001 - any failure means the cache is down
        return {"status": "down", "error": error.__class__.__name__}
    return {"status": "ok"}


@require_GET
@never_cache
def healthz(request):
    """200 when the database and the cache answer, 503 (saying which is down) otherwise."""
    checks = {"database": check_database(), "cache": check_cache()}
    healthy = all(check["status"] == "ok" for check in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "down", "checks": checks},
        status=200 if healthy else 503,
    )


class DatabaseOutageMiddleware:
    """A page that needs the database while it is down gets a 503 that says so; the site
    recovers by itself, as every request opens a fresh connection when needed."""

    RETRY_AFTER = 30

    def __init__(self, get_response):
        self.get_response = get_response
        self.logged_at = 0.0

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, DatabaseError) or not database_is_unreachable(exception):
            return None
        # One log line a minute, not one per request.
        if time.monotonic() - self.logged_at > 60:
            self.logged_at = time.monotonic()
            logger.error("The database is unreachable: %s", exception)
        response = render(request, "503.html", status=503)
        response["Retry-After"] = str(self.RETRY_AFTER)
        response["Cache-Control"] = "no-store"
        return response


def database_is_unreachable(exception):
    """Connection failures, as opposed to errors in a query."""
    return isinstance(exception, (OperationalError, InterfaceError))
