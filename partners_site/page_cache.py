"""Public pages served from the shared cache, and never stale.

A page is stored under the current *generation*, which every process sees: the cache's own
key when the cache is shared (Redis), otherwise a file beside the project that every local
process checks with one stat(). Every committed change to a partner or focus area (a save
or delete, a bulk update, loaddata, a content import, a restore, a migration) moves to a new
generation, so no process serves a page rendered before it.

A page is only rendered for its canonical query (partners_site/canonical_query.py: anything else is
redirected to it), and it is keyed by its path (which carries the language) and that query.
Only a real staff session gets fresh pages, never stored; nothing is stored for a response
that sets a cookie.
"""

import hashlib
import logging
import os
import time
from importlib import import_module
from pathlib import Path
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import auth
from django.core.cache import caches
from django.db import DatabaseError, models, transaction
from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.http import quote_etag

from partners_site.canonical_query import is_canonical
from partners_site.site_address import local_path

logger = logging.getLogger(__name__)

GENERATION_KEY = "pages:generation"
CACHEABLE_NAMESPACE = "directory"
# Seconds a CDN or reverse proxy may keep a page before asking again (browsers always
# ask again, and get a 304 when nothing changed).
SHARED_MAX_AGE = int(getattr(settings, "PAGE_CACHE_SHARED_MAX_AGE", 30))
# How long the cache keeps a page; a change makes it unreachable at once anyway.
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


class CacheGeneration:
    """The generation as a counter in the shared cache, read with the page in one round
    trip."""

    def __init__(self, cache):
        self.cache = cache

    def lookup(self, key):
        found = self.cache.get_many([GENERATION_KEY, key])
        generation = found.get(GENERATION_KEY)
        if generation is None:
            # A new value whenever the key is missing (first start, eviction, flushed
            # cache), so pages stored under an earlier generation never match again.
            self.cache.add(GENERATION_KEY, time.time_ns(), timeout=None)
            generation = self.cache.get(GENERATION_KEY)
        return str(generation), found.get(key)

    def current(self):
        return self.lookup(GENERATION_KEY)[0]

    def advance(self):
        try:
            self.cache.incr(GENERATION_KEY)
        except ValueError:
            self.cache.set(GENERATION_KEY, time.time_ns(), timeout=None)


class FileGeneration:
    """The generation as a file's identity and length, for caches each process keeps for
    itself: a change appends a byte, and every process on the machine sees it with a
    stat(), with no other round trip and without the database."""

    def __init__(self, cache, path):
        self.cache = cache
        self.path = Path(path)

    def lookup(self, key):
        return self.current(), self.cache.get(key)

    def current(self):
        try:
            found = os.stat(self.path)
        except FileNotFoundError:
            self.advance()
            found = os.stat(self.path)
        # The length grows with every change; the inode and time tell a file deleted and
        # made again from the one before.
        return f"{found.st_ino}.{found.st_size}.{found.st_mtime_ns}"

    def advance(self):
        # One append of one byte is atomic; no process ever reads a half-written value.
        with open(self.path, "ab") as file:
            file.write(b".")


def generation_store():
    path = getattr(settings, "PAGE_CACHE_GENERATION_FILE", None)
    if path:
        return FileGeneration(page_cache(), path)
    return CacheGeneration(page_cache())


def current_generation():
    """The page cache's current generation (a string): whatever is stored under it (pages,
    and other outputs kept under it) was rendered after the last committed change; raises
    if the cache is unreachable."""
    return generation_store().current()


def new_generation():
    """Make every stored page unreachable, in every process."""
    try:
        generation_store().advance()
    except Exception as error:  # noqa: BLE001 - any cache failure: retry when it is back
        health.failed(error)
        health.pending_invalidation = True
    else:
        health.pending_invalidation = False
        health.succeeded()


def content_changed(using=None):
    """Pages change once the saving transaction commits (a page rendered from the old data
    before the commit is stored under the old generation). Called on every save and delete
    of the directory's content (directory/signals.py) and by bulk writes."""
    transaction.on_commit(new_generation, using=using)


class PageCacheQuerySet(models.QuerySet):
    """Bulk writes send no model signals; these renew the pages themselves."""

    def update(self, **kwargs):
        rows = super().update(**kwargs)
        content_changed(using=self.db)
        return rows

    def bulk_create(self, *args, **kwargs):
        created = super().bulk_create(*args, **kwargs)
        content_changed(using=self.db)
        return created

    # bulk_update() goes through update().


def page_key(request):
    """The page's key: its path (which carries the language) and its query's parameters in
    a fixed order. Only a canonical query's page is ever stored (see process_view)."""
    pairs = sorted((name, value) for name, values in request.GET.lists() for value in values)
    digest = hashlib.sha256(f"{request.path}?{urlencode(pairs)}".encode()).hexdigest()
    return f"pages:{digest}"


def is_staff_session(request):
    """Whether the request carries a real, unexpired session of an active staff member: one
    lookup of the session, and of the user only when the session names one. Anything else,
    a made-up or expired cookie included, is a visitor."""
    key = request.COOKIES.get(settings.SESSION_COOKIE_NAME, "")
    if not key:
        return False
    try:
        session = import_module(settings.SESSION_ENGINE).SessionStore(key)
        if auth.SESSION_KEY not in session:
            return False
        probe = HttpRequest()
        probe.session = session
        user = auth.get_user(probe)
    except DatabaseError:
        # With the database down, nobody can be told from a visitor: cached pages it is.
        return False
    return user.is_active and user.is_staff


def view_contract(view_func):
    """The query contract a view declares (partners_site/canonical_query.py), or None."""
    return getattr(getattr(view_func, "view_class", view_func), "query_contract", None)


class PageCacheMiddleware:
    """Answers repeat requests for public pages from the cache, before sessions, locale
    or any database work; stores the pages the directory's views render."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.SESSION_COOKIE_NAME in request.COOKIES and is_staff_session(request):
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
            generation, stored = generation_store().lookup(key)
            health.succeeded()
            # Read before any data: fragments rendered for this page are kept under it.
            request.page_cache_generation = generation
        except Exception as error:  # noqa: BLE001 - the site serves uncached without it
            health.failed(error)
            return self.get_response(request)
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

    def process_view(self, request, view_func, view_args, view_kwargs):
        """A page is rendered only for its canonical query; any other is redirected there
        (permanently: the canonical form is a function of the query and the page's
        published contract, and search engines then index one address per page)."""
        contract = view_contract(view_func)
        if contract is None:
            return None
        request.canonical_query = contract.canonical(request.GET)
        if request.method in ("GET", "HEAD") and not is_canonical(
            request.GET, request.canonical_query
        ):
            query = request.canonical_query.urlencode()
            return HttpResponsePermanentRedirect(
                local_path(request.path) + (f"?{query}" if query else "")
            )
        return None

    @staticmethod
    def should_store(request, response):
        match = request.resolver_match
        return (
            response.status_code == 200
            and match is not None
            and match.namespace == CACHEABLE_NAMESPACE
            and hasattr(request, "canonical_query")
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
