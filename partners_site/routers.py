"""Reads from read replicas (DATABASE_REPLICA_URLS), writes to the primary, and reads
after a write from the primary too, so staff always see what they just saved."""

import contextvars
import random

from django.conf import settings

_read_from_primary = contextvars.ContextVar("read_from_primary", default=False)


def replicas():
    return [alias for alias in settings.DATABASES if alias.startswith("replica")]


def read_from_primary():
    """From now on, in this request (or shell session), read from the primary."""
    _read_from_primary.set(True)


class PrimaryReplicaRouter:
    def db_for_read(self, model, **hints):
        available = replicas()
        if not available or _read_from_primary.get():
            return "default"
        return random.choice(available)

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        # Replicas hold the same rows as the primary.
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"


class PrimaryForStaffMiddleware:
    """Staff (anyone with a session) and every request that may write read from the
    primary: a replica may lag behind their last save by a moment."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        pinned = (
            request.method not in ("GET", "HEAD", "OPTIONS")
            or settings.SESSION_COOKIE_NAME in request.COOKIES
        )
        token = _read_from_primary.set(pinned)
        try:
            return self.get_response(request)
        finally:
            _read_from_primary.reset(token)
