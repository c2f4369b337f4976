"""Counts the public pages show (the list's facet counts and totals, the charts' figures),
kept in the page cache under its generation.

A count is keyed by the SQL that computes it (statement and parameters), so two pages
that need the same figure share it, whatever their other parameters, order or page; and
it is stored under the generation read before it was computed, so every committed change
of a partner or focus area, in any process, makes it unreachable at once, exactly as it
does the pages (page_cache.py). A page the cache has never seen then counts nothing the
directory has already counted since its last change.

Without the cache (COUNT_CACHE=0, or the cache unreachable) every count is computed.
"""

import hashlib

from django.conf import settings

from partners_site.page_cache import PAGE_TIMEOUT, generation_store, health, page_cache


class CountCache:
    """The counts of one request: under `generation` when the request has read it already
    (before any data), otherwise under the one read on the first count."""

    def __init__(self, generation=None):
        self.generation = generation

    def get(self, queryset, compute):
        """`compute(queryset)`, from the cache when this generation already has it."""
        if not settings.COUNT_CACHE_ENABLED:
            return compute(queryset)
        key = None
        try:
            if self.generation is None:
                self.generation = generation_store().current()
            key = self.key(queryset)
            found = page_cache().get(key)
            health.succeeded()
        except Exception as error:  # noqa: BLE001 - counted without the cache
            health.failed(error)
            found = None
        if found is not None:
            return found
        value = compute(queryset)
        if key is not None:
            try:
                page_cache().set(key, value, PAGE_TIMEOUT)
            except Exception as error:  # noqa: BLE001
                health.failed(error)
        return value

    def key(self, queryset):
        sql, params = queryset.query.sql_with_params()
        statement = repr((queryset.db, sql, params)).encode()
        return f"counts:{self.generation}:{hashlib.sha256(statement).hexdigest()}"
