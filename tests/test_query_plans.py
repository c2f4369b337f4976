"""On PostgreSQL, the list's pages can be read from an index in their order, stopping
after a page: the query plans that keep them fast at 100,000 partners, pinned.

A few thousand partners are too few for the planner to prefer an index to reading the
whole table, so the plans are asked for with sequential scans and sorts priced out: what
remains shows that an index serves the query as it is written (its columns, order and
condition), which is what a change to the query or the indexes could break. At 100,000
partners the planner takes these plans on its own (README, "PostgreSQL")."""

import re
from io import StringIO

import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.translation import override

from directory.public import paging

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="PostgreSQL's plans (run with DATABASE_URL)"
    ),
    # Committed, so that generate_partners can VACUUM: an index-only scan's price depends
    # on how much of the table is known to be visible.
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def large_directory(settings, monkeypatch):
    call_command("loaddata", "partners", verbosity=0)
    monkeypatch.setattr(paging, "ANCHOR_SPAN", 2 * paging.PAGE_SIZE)  # anchors every 2 pages
    call_command("generate_partners", "500", stdout=StringIO(), stderr=StringIO())
    settings.COUNT_CACHE_ENABLED = True
    caches["default"].clear()
    yield
    caches["default"].clear()


def page_queries(client, name, params=None, **kwargs):
    with override("en"):
        address = reverse(f"directory:{name}", kwargs=kwargs or None)
    client.get(address, params or {})  # keeps the counts and anchors
    with CaptureQueriesContext(connection) as captured:
        response = client.get(address, params or {})
    assert response.status_code == 200
    return [query["sql"] for query in captured]


def plan_of_ids(queries):
    """The plan of the query that picks the page's ids."""
    (sql,) = [sql for sql in queries if sql.startswith('SELECT "directory_partner"."id" AS "pk"')]
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_sort = off")
        cursor.execute(f"EXPLAIN {sql}")
        return "\n".join(row[0] for row in cursor.fetchall())


def test_a_deep_page_reads_on_from_its_anchor_in_the_name_index(client, large_directory):
    plan = plan_of_ids(page_queries(client, "partner-list", {"page": "20"}))
    assert re.search(r"Index (Only )?Scan using partner_name_order_en_idx", plan), plan
    assert "Index Cond: (name_sort_en >=" in plan, plan
    assert "Seq Scan on directory_partner " not in plan, plan
    assert "Sort" not in plan, plan


def test_a_focus_area_sorted_by_age_reads_the_founding_index(client, large_directory):
    area = "child-sexual-exploitation"
    plan = plan_of_ids(page_queries(client, "partner-list", {"focus": area, "sort": "-founded"}))
    assert re.search(r"Index (Only )?Scan Backward using partner_founding_order_en_idx", plan)
    assert "Seq Scan on directory_partner " not in plan, plan


def test_a_focus_areas_page_reads_the_name_index(client, large_directory):
    plan = plan_of_ids(page_queries(client, "focus-area-detail", slug="child-sexual-exploitation"))
    assert re.search(r"Index (Only )?Scan using partner_name_order_en_idx", plan), plan
    assert "Seq Scan on directory_partner " not in plan, plan


@pytest.mark.parametrize(
    "params", [{}, {"page": "19"}, {"focus": "child-sexual-exploitation", "sort": "-founded"}]
)
def test_kept_counts_leave_no_count_to_the_database(client, large_directory, params):
    queries = page_queries(client, "partner-list", params)
    assert not [sql for sql in queries if "COUNT(" in sql], queries
