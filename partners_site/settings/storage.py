"""Where data lives: the databases (and read replicas), the caches, the page cache's
generation and the export files."""

import os
from pathlib import Path

import dj_database_url

from partners_site.settings.environment import BASE_DIR, env_bool, env_list

# SQLite in the project folder unless DATABASE_URL says otherwise (postgres://user@host/name).
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
# Optional read replicas, comma-separated URLs: public pages read from them, staff and
# everything after a write read from the primary (directory/routers.py).
for _number, _url in enumerate(env_list("DATABASE_REPLICA_URLS"), start=1):
    DATABASES[f"replica{_number}"] = dj_database_url.parse(
        _url, conn_max_age=DATABASES["default"]["CONN_MAX_AGE"], conn_health_checks=True
    )
    DATABASES[f"replica{_number}"]["TEST"] = {"MIRROR": "default"}
DATABASE_ROUTERS = ["partners_site.routers.PrimaryReplicaRouter"]
for _database in DATABASES.values():
    if _database["ENGINE"] == "django.db.backends.postgresql":
        _database.setdefault("OPTIONS", {}).update(
            {
                # Fail fast when the database is down: pages answer (cached, or a 503) at once.
                "connect_timeout": int(os.environ.get("DATABASE_CONNECT_TIMEOUT", "2")),
                # No query may hold a worker for long.
                "options": "-c statement_timeout="
                + str(int(os.environ.get("STATEMENT_TIMEOUT_MS", "5000"))),
            }
        )

# Local memory by default (one process); Redis, shared by every process and machine, when
# REDIS_URL is set (redis://host:6379/0).
REDIS_URL = os.environ.get("REDIS_URL", "")
CACHES = {
    "default": (
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "partners",
            # A cache that does not answer quickly is treated as down; pages are then
            # served uncached rather than waiting.
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
        if REDIS_URL
        else {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "pages",
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    )
}
# Counters every process must agree on (the suggestion forms' per-address limit): in Redis
# when it is set, otherwise in files that every process on the machine reads and writes.
# An entry's default lifetime is an hour, the rate limit's window: the file-based cache's
# incr() writes a counter again with the default lifetime.
CACHES["counters"] = (
    {**CACHES["default"], "KEY_PREFIX": "partners-counters", "TIMEOUT": 60 * 60}
    if REDIS_URL
    else {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": os.environ.get("COUNTERS_DIR", "") or BASE_DIR / "var" / "counters",
        "TIMEOUT": 60 * 60,
        # Culling drops counts at random once the folder is full: room for many addresses.
        "OPTIONS": {"MAX_ENTRIES": 10_000},
    }
)
# Public pages are served from the cache (directory/page_cache.py) unless PAGE_CACHE=0.
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE", default=True)
# The list's facet counts and totals (and the charts' figures) are kept in the same cache
# under the same generation, so a page the cache has not seen counts nothing again unless
# the data changed; COUNT_CACHE=0 counts on every request.
COUNT_CACHE_ENABLED = env_bool("COUNT_CACHE", default=True)
# Partner cards are kept under the page cache's generation (directory/public/cards.py), so a
# page the page cache has not seen reuses them, unless FRAGMENT_CACHE=0.
FRAGMENT_CACHE_ENABLED = env_bool("FRAGMENT_CACHE", default=True)
# Where the page cache's generation lives, so that a change made in any process (a worker,
# the shell, a command) reaches every process at once: in Redis when every process shares
# it, otherwise in this file, which every process on the machine checks with one stat().
PAGE_CACHE_GENERATION_FILE = os.environ.get("PAGE_CACHE_GENERATION_FILE", "") or (
    None if REDIS_URL else BASE_DIR / ".page-cache-generation"
)
# Seconds a CDN or reverse proxy may keep a public page; browsers always revalidate.
PAGE_CACHE_SHARED_MAX_AGE = int(os.environ.get("PAGE_CACHE_SHARED_MAX_AGE", "30"))
# Full CSV and JSON exports are built once per change of the data into this folder and
# served from there (directory/export_files.py); at most EXPORT_VARIANTS different
# exports (formats, languages, filters) are kept at a time.
EXPORT_DIR = Path(os.environ.get("EXPORT_DIR", BASE_DIR / "var" / "exports"))
EXPORT_VARIANTS = int(os.environ.get("EXPORT_VARIANTS", "50"))
