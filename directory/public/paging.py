"""A page of partners, however deep.

The ids of a page come first, then its rows: a page skips index entries, not whole rows.
A deep page would still skip every entry before it (page 4,000 of the list: 96,000), so
the list is divided into spans of ANCHOR_SPAN partners, and the sort key of each span's
first partner (its anchor) is kept under the page cache's generation (counts.py). A page
is then read from its span's anchor on, skipping fewer than ANCHOR_SPAN entries; the
anchor is found once per change of the data, by the same skip the page made before.
Any committed change moves to a new generation, so a page is always exactly the one its
number says.
"""

from django.core.paginator import Paginator
from django.db.models import Q

from directory.full_text import few_matches
from directory.models import Partner
from directory.pagination import nearest_page

PAGE_SIZE = 24
# Partners between anchors: the most a page skips, however deep it is.
ANCHOR_SPAN = 50 * PAGE_SIZE


def page_of(request, queryset, errors, count, count_cache):
    """The requested page of partners from `queryset`, which has `count` of them (known
    from the page's counts, so no query counts them again); a
    bad `page` is reported in `errors`. Anchors are kept in `count_cache`."""
    # Counted by now: a search takes the plan that suits that many matches.
    queryset = few_matches(queryset, count)
    paginator = Paginator(queryset.values_list("pk", flat=True), PAGE_SIZE)
    paginator.count = count
    page = nearest_page(paginator, request.GET.get("page", "1"), errors)
    start = (page.number - 1) * PAGE_SIZE
    size = max(0, min(PAGE_SIZE, count - start))  # len(page) would run the plain skip
    ids = list(_ids(queryset, start, size, count_cache))
    rows = Partner.objects.filter(pk__in=ids).in_bulk()
    page.object_list = [rows[pk] for pk in ids]
    page.elided_range = list(page.paginator.get_elided_page_range(page.number))
    return page


def _ids(queryset, start, size, count_cache):
    """The ids of the `size` partners from position `start` of the ordered `queryset`."""
    ids = queryset.values_list("pk", flat=True)
    span_start = start - start % ANCHOR_SPAN
    order = _order(queryset)
    if not span_start or order is None or not size:
        return ids[start : start + size]
    columns = [column for column, _descending in order]
    anchor = count_cache.get(queryset.values_list(*columns)[span_start : span_start + 1], list)
    if not anchor:
        return ids[start : start + size]
    skip = start - span_start
    return ids.filter(_at_or_after(order, anchor[0]))[skip : skip + size]


def _order(queryset):
    """The queryset's ordering as (column, descending) pairs, if it is plain columns."""
    order = []
    for field in queryset.query.order_by:
        if not isinstance(field, str) or "__" in field or field.lstrip("-") in ("?", "pk"):
            return None
        order.append((field.lstrip("-"), field.startswith("-")))
    # Only an order that ends with a unique column places each row at one position.
    return order if order and order[-1][0] in ("slug", "id") else None


def _at_or_after(order, anchor):
    """A condition that a row sorts at or after the `anchor` row in `order` (whose last
    column is unique, so it is a total order). The first column's bound alone lets the
    database start its index scan at the anchor."""
    last, last_descending = order[-1]
    condition = Q(**{f"{last}__{'lte' if last_descending else 'gte'}": anchor[-1]})
    for (column, descending), value in reversed(list(zip(order[:-1], anchor, strict=False))):
        beyond = Q(**{f"{column}__{'lt' if descending else 'gt'}": value})
        condition = beyond | (Q(**{column: value}) & condition)
    first, first_descending = order[0]
    return Q(**{f"{first}__{'lte' if first_descending else 'gte'}": anchor[0]}) & condition
