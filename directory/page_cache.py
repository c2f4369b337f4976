"""Public pages served from the shared cache, and never stale.

A page is stored under the cache's current *generation*; every committed change to a
partner or focus area, by any path that saves a model (admin, import, loaddata, shell),
moves the cache to a new generation, so no page rendered before the change is read again.
Pages are keyed by path (which carries the language) and the meaningful, normalized
query; staff (anyone with a session) always get a fresh page, and nothing is stored for a
response that sets a cookie.
"""

import hashlib
import logging
import time
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.http import HttpResponse
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.http import quote_etag

from .context_processors import canonical_query

logger = logging.getLogger(__name__)

GENERATION_KEY = "pages:generation"
CACHEABLE_NAMESPACE = "directory"
# Seconds a CDN or reverse proxy may keep a page before asking again (browsers always
# ask again, and get a 304 when nothing changed).
SHARED_MAX_AGE = int(getattr(settings, "PAGE_CACHE_SHARED_MAX_AGE", 30))
# How long the cache keeps a page; a save makes it unreachable at once anyway.
PAGE_TIMEOUT = 24 * 60 * 60


class CacheHealth:
    """Logs a cache outage once (and its end once), not on every request."""

    def __init__(self):
        self.down_since = None
        self.pending_invalidation = False

    def failed(self, error):
        if self.down_since is None:
            self.down_since = time.monotonic()
            logger.error("The page cache is unreachable; serving pages uncached: %s", error)

    def succeeded(self):
        if self.down_since is not None:
            logger.warning(
                "The page cache is back after %.0f s.", time.monotonic() - self.down_since
            )
            self.down_since = None


health = CacheHealth()


def page_cache():
    return caches[getattr(settings, "PAGE_CACHE_ALIAS", "default")]


def new_generation_value():
    # A new value whenever the key is missing (first start, eviction, flushed cache), so
    # pages stored under an earlier generation can never match again.
    return time.time_ns()


def current_generation():
    """The generation that pages (and other outputs kept under it) are stored under now;
    raises if the cache is unreachable."""
    cache = page_cache()
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, new_generation_value(), timeout=None)
        generation = cache.get(GENERATION_KEY)
    return generation


def new_generation():
    """Make every stored page unreachable."""
    cache = page_cache()
    try:
        try:
            cache.incr(GENERATION_KEY)
        except ValueError:
            cache.set(GENERATION_KEY, new_generation_value(), timeout=None)
    except Exception as error:  # noqa: BLE001 - any cache failure: retry when it is back
        health.failed(error)
        health.pending_invalidation = True
    else:
        health.pending_invalidation = False
        health.succeeded()


def content_changed(sender, using=None, **kwargs):
    """Signal receiver: pages change once the saving transaction commits (a page rendered
    from the old data before the commit is stored under the old generation)."""
    transaction.on_commit(new_generation, using=using)


def connect():
    from django.db.models.signals import m2m_changed, post_delete, post_save

    from .models import FocusArea, Partner

    for model in (Partner, FocusArea):
        uid = f"page-cache-{model._meta.label_lower}"
        post_save.connect(content_changed, sender=model, dispatch_uid=uid)
        post_delete.connect(content_changed, sender=model, dispatch_uid=uid)

    m2m_changed.connect(
        content_changed, sender=Partner.focus_areas.through, dispatch_uid="page-cache-focus"
    )


def page_key(request):
    """The page's key: its path (which carries the language) and its meaningful query
    parameters in a fixed order, so equivalent addresses share one entry."""
    query = urlencode(sorted(parse_qsl(canonical_query(request.GET))))
    digest = hashlib.sha256(f"{request.path}?{query}".encode()).hexdigest()
    return f"pages:{digest}"


def is_anonymous(request):
    return settings.SESSION_COOKIE_NAME not in request.COOKIES


class PageCacheMiddleware:
    """Answers repeat requests for public pages from the cache, before sessions, locale
    or any database work; stores the pages the directory's views render."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_anonymous(request):
            # Staff see drafts and previews: never stored, here or by any other cache.
            response = self.get_response(request)
            if not response.has_header("Cache-Control"):
                add_never_cache_headers(response)
            return response
        if not settings.PAGE_CACHE_ENABLED or request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        cache = page_cache()
        key = page_key(request)
        try:
            if health.pending_invalidation:
                new_generation()
            # One round trip: the current generation and the stored page together.
            found = cache.get_many([GENERATION_KEY, key])
            generation = found.get(GENERATION_KEY)
            if generation is None:
                cache.add(GENERATION_KEY, new_generation_value(), timeout=None)
                generation = cache.get(GENERATION_KEY)
            health.succeeded()
        except Exception as error:  # noqa: BLE001 - the site serves uncached without it
            health.failed(error)
            return self.get_response(request)
        stored = found.get(key)
        if stored is not None and stored[0] == generation:
            return rebuild(stored)

        response = self.get_response(request)
        if self.should_store(request, response):
            prepare_for_caches(response)
            try:
                cache.set(key, (generation, *pack(response)), PAGE_TIMEOUT)
            except Exception as error:  # noqa: BLE001
                health.failed(error)
        return response

    @staticmethod
    def should_store(request, response):
        match = request.resolver_match
        return (
            response.status_code == 200
            and match is not None
            and match.namespace == CACHEABLE_NAMESPACE
            and not response.cookies
            and not response.streaming
            and not response.has_header("Cache-Control")
        )


def prepare_for_caches(response):
    """ETag for revalidation (a 304 instead of the page), and the Cache-Control that lets
    a CDN keep the page briefly while browsers always revalidate."""
    if not response.has_header("ETag"):
        response["ETag"] = quote_etag(hashlib.sha256(response.content).hexdigest()[:32])
    patch_cache_control(response, public=True, max_age=0, s_maxage=SHARED_MAX_AGE)


def pack(response):
    """What a stored page keeps: status, headers and body (cheaper to store and load than
    the response object itself)."""
    return response.status_code, list(response.items()), response.content


def rebuild(stored):
    _generation, status, headers, content = stored
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response[name] = value
    return response
