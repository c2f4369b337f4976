"""Partner cards (templates/includes/_partner_card.html), each rendered once per change of
the directory and kept in the page cache's store under its generation.

The same cards appear on every list page, every filtered list, every focus area page: a page
the page cache has not seen is then mostly cards it has. A card's key holds everything its
HTML depends on: the generation (every committed change of a partner or focus area moves
it), the language, the partner, and the search whose words it marks.

The generation is read before the partners are: a card is never stored under a generation
newer than the data it was rendered from (partners_site/page_cache.py).
"""

import hashlib

from django.conf import settings
from django.db.models import prefetch_related_objects
from django.template.loader import get_template
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from partners_site import page_cache

CARD_TEMPLATE = "includes/_partner_card.html"
# Cards are dropped after a day unseen; a change makes them unreachable at once anyway.
CARD_TIMEOUT = 24 * 60 * 60


def enabled():
    return settings.FRAGMENT_CACHE_ENABLED


def generation(request):
    """The generation the request's fragments are kept under, or None when they are not
    kept (off, or the cache is unreachable). Read it before reading the partners."""
    if not enabled():
        return None
    known = getattr(request, "page_cache_generation", None)
    if known is not None:
        return known
    try:
        return page_cache.current_generation()
    except Exception as error:  # noqa: BLE001 - the page is rendered without the cache
        page_cache.health.failed(error)
        return None


def card_labels():
    """The labels every card repeats, translated once per page."""
    return {
        "founded": _("Founded"),
        "type": _("Type"),
        "country": _("Country"),
        "unknown": _("unknown"),
        "focus_areas": _("Focus areas"),
    }


def card_key(generation, language, partner_pk, query):
    searched = hashlib.sha256(query.encode()).hexdigest()[:32] if query else ""
    return f"card:{generation}:{language}:{partner_pk}:{searched}"


def partner_cards(partners, query, generation):
    """The HTML of each partner's card, in order; `query` is the search whose words are
    marked ("" for none). Focus areas are read only for the cards not kept yet."""
    query = query or ""
    language = get_language()
    keys = [card_key(generation, language, partner.pk, query) for partner in partners]
    found = _get_many(keys) if generation is not None else {}
    missing = [p for p, key in zip(partners, keys, strict=True) if key not in found]
    if missing:
        prefetch_related_objects(missing, "focus_areas")
        template = get_template(CARD_TEMPLATE)
        labels = card_labels()
        rendered = {
            key: template.render({"partner": partner, "query": query, "labels": labels})
            for partner, key in zip(partners, keys, strict=True)
            if key not in found
        }
        if generation is not None:
            _set_many(rendered)
        found.update(rendered)
    return [found[key] for key in keys]


def _get_many(keys):
    try:
        return page_cache.page_cache().get_many(keys)
    except Exception as error:  # noqa: BLE001 - rendered afresh without the cache
        page_cache.health.failed(error)
        return {}


def _set_many(cards):
    try:
        page_cache.page_cache().set_many(cards, CARD_TIMEOUT)
    except Exception as error:  # noqa: BLE001
        page_cache.health.failed(error)
