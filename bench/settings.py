"""The site's production settings, plus the benchmark's own URLconf (with its baseline view)."""

from partners_site.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
