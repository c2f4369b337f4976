from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from directory.models import Partner


def test_synthetic_partners_are_realistic_and_clearly_marked(shipped_directory):
    call_command("generate_partners", "50", stdout=StringIO())
    synthetic = Partner.objects.filter(slug__startswith="synthetic-")
    assert synthetic.count() == 50
    for partner in synthetic:
        assert partner.mission_pl.startswith("[Dane syntetyczne]")
        assert partner.mission_en.startswith("[Synthetic data]")
        assert 1 <= partner.focus_areas.count() <= 3
        assert partner.search_document.strip()
        assert partner.name_sort_pl and partner.name_sort_en
    assert any(set("ąćęłńóśźż") & set(p.name_pl.lower() + p.mission_pl) for p in synthetic)
    assert len(set(synthetic.values_list("founding_year", flat=True))) > 5
    assert len(set(synthetic.values_list("country", flat=True))) > 3
    # They are found and sorted like any partner.
    assert Partner.objects.search("dziecko").filter(slug__startswith="synthetic-").exists()


def test_more_can_be_added_and_all_removed(shipped_directory):
    call_command("generate_partners", "10", stdout=StringIO())
    call_command("generate_partners", "5", stdout=StringIO())
    assert Partner.objects.filter(slug__startswith="synthetic-").count() == 15
    call_command("generate_partners", "--remove", stdout=StringIO())
    assert Partner.objects.count() == 9


@pytest.mark.parametrize("arguments", [[], ["0"], ["-5"]])
def test_bad_counts_are_refused_with_a_message(shipped_directory, arguments):
    with pytest.raises(CommandError, match="how many"):
        call_command("generate_partners", *arguments, stdout=StringIO())
    assert Partner.objects.count() == 9


def test_without_focus_areas_nothing_is_added(db):
    with pytest.raises(CommandError, match="no focus areas"):
        call_command("generate_partners", "3", stdout=StringIO())
    assert not Partner.objects.exists()


def planner_row_counts():
    """How many rows the query planner's statistics say the partner tables hold."""
    tables = [Partner._meta.db_table, Partner.focus_areas.through._meta.db_table]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT relname, reltuples FROM pg_class WHERE relname IN (%s, %s)", tables
            )
            return {table: int(rows) for table, rows in cursor.fetchall()}
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_stat1'"
        )
        if not cursor.fetchall():
            return {}
        # A row per index, each starting with its number of entries (fewer for a partial one).
        cursor.execute(
            "SELECT tbl, MAX(CAST(stat AS INTEGER)) FROM sqlite_stat1 WHERE tbl IN (%s, %s) "
            "GROUP BY tbl",
            tables,
        )
        return dict(cursor.fetchall())


@pytest.mark.parametrize(("arguments", "partners"), [(["40"], 74), (["--remove"], 9)])
def test_the_planner_statistics_are_updated(shipped_directory, arguments, partners):
    """Bulk-loaded rows are known to the query planner at once, not after the next
    autovacuum (PostgreSQL) or never (SQLite, which has no automatic statistics)."""
    call_command("generate_partners", "25", stdout=StringIO())
    call_command("generate_partners", *arguments, stdout=StringIO())
    through = Partner.focus_areas.through
    assert planner_row_counts() == {
        Partner._meta.db_table: Partner.objects.count(),
        through._meta.db_table: through.objects.count(),
    }
    assert Partner.objects.count() == partners


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's visibility map")
@pytest.mark.django_db(transaction=True)
def test_outside_a_transaction_the_tables_are_also_vacuumed():
    call_command("loaddata", "partners", verbosity=0)
    call_command("generate_partners", "30", stdout=StringIO())
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relallvisible, relpages FROM pg_class WHERE relname = %s",
            [Partner._meta.db_table],
        )
        all_visible, pages = cursor.fetchone()
    assert 0 < all_visible == pages
