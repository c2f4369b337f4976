"""The full-text indexes behind search: SQLite's FTS5 table follows every way partners are
written, and each database answers a search through its index."""

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.utils.translation import override

from directory import full_text
from directory.full_text import FEW_MATCHES, few_matches
from directory.models import Partner

sqlite_only = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's FTS5 table")


def found(query):
    return sorted(Partner.objects.search(query).values_list("slug", flat=True))


def assert_index_matches_documents():
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            # Raises when an entry differs from the document it was made from.
            cursor.execute(
                f"INSERT INTO {full_text.TABLE}({full_text.TABLE}, rank) "
                "VALUES ('integrity-check', 1)"
            )


def test_search_follows_create_update_and_delete(make_partner):
    partner = make_partner(slug="bees", name_pl="Fundacja Pszczół", mission_pl="Chroni pszczoły.")
    assert found("pszczoła") == ["bees"]
    partner.mission_pl = "Chroni motyle."
    partner.name_pl = "Fundacja Motyli"
    partner.save()
    assert found("pszczoła") == []
    assert found("motyl") == ["bees"]
    partner.delete()
    assert found("motyl") == []
    assert_index_matches_documents()


def test_search_follows_bulk_writes_and_queryset_updates(make_partner):
    partners = Partner.objects.bulk_create(
        Partner(
            slug=f"bulk-{number}",
            name_pl=f"Obserwatorium {number}",
            mission_pl="Bada żubry.",
            search_document=f" bulk{number} obserwatorium zubr zubry ",
            founding_year=2000,
            organization_type=Partner.OrganizationType.CHARITY,
        )
        for number in range(3)
    )
    assert found("żubr") == ["bulk-0", "bulk-1", "bulk-2"]
    partners[0].search_document = " jelen "
    Partner.objects.bulk_update(partners[:1], ["search_document"])
    assert found("żubr") == ["bulk-1", "bulk-2"]
    Partner.objects.filter(slug="bulk-1").update(search_document=" sarna ")
    assert found("jeleń") == ["bulk-0"]
    assert found("sarna") == ["bulk-1"]
    # Changes that leave the document as it was (publishing) do not touch the index.
    Partner.objects.update(is_published=False)
    assert found("sarna") == ["bulk-1"]
    Partner.objects.filter(slug__startswith="bulk-").delete()
    assert found("żubr") == found("sarna") == []
    assert_index_matches_documents()


def test_search_follows_loaddata_and_generated_partners(db):
    call_command("loaddata", "partners", verbosity=0)
    assert found("gifct") == ["gifct"]
    call_command("generate_partners", "3", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert len(found("syntetyczne")) == 3
    call_command("generate_partners", "--remove", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert found("syntetyczne") == []
    assert_index_matches_documents()


@pytest.mark.django_db(transaction=True)
def test_search_after_a_restore_finds_what_the_backup_had(tmp_path, make_partner):
    make_partner(slug="kept", name_pl="Fundacja Bobrów", mission_pl="Chroni bobry.")
    target = tmp_path / "backup.file"
    call_command("backup", str(target), stdout=open(tmp_path / "out", "w"))  # noqa: SIM115
    Partner.objects.all().delete()
    make_partner(slug="later", name_pl="Fundacja Bobrów Nowa", mission_pl="Nowa.")
    call_command("restore", str(target), stdout=open(tmp_path / "out", "w"))  # noqa: SIM115
    assert found("bobr") == ["kept"]
    assert_index_matches_documents()


@sqlite_only
def test_missing_triggers_are_restored_after_migrate(make_partner):
    # What a migration that rebuilds the partner table leaves behind.
    partner = make_partner(slug="otter", name_pl="Fundacja Wydr", mission_pl="Chroni wydry.")
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TRIGGER {full_text.TABLE}_update")
    Partner.objects.filter(pk=partner.pk).update(search_document=" bobr ")
    full_text.restore_triggers()
    assert found("bóbr") == ["otter"]
    assert found("wydra") == []
    partner.delete()
    assert found("bóbr") == []
    assert_index_matches_documents()


def page_plan(count):
    """The plan of a search's first page, for a search told it has `count` matches."""
    with override("pl"):
        ordered = Partner.objects.published().search("dziecko").order_by_name()
        return few_matches(ordered, count).values_list("pk")[:24].explain()


@sqlite_only
def test_sqlite_search_reads_the_full_text_table(shipped_directory):
    # Many matches: the name order's index, each partner checked against the FTS5 matches.
    many = page_plan(FEW_MATCHES + 1)
    assert f"SCAN {full_text.TABLE} VIRTUAL TABLE" in many
    assert "SCAN directory_partner USING INDEX partner_name_order_pl_idx" in many
    # Few: each match looked up by id, then sorted.
    few = page_plan(FEW_MATCHES)
    assert f"SCAN {full_text.TABLE} VIRTUAL TABLE" in few
    assert "SEARCH directory_partner USING INTEGER PRIMARY KEY" in few
    assert "SCAN directory_partner " not in few + " "


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's full-text index")
def test_postgresql_few_matches_are_found_first_then_looked_up(shipped_directory):
    # Nine rows would always be scanned; with scans ruled out, a few matches must come from
    # the full-text index first (then sorted), never from walking the name order; many
    # are checked row by row as an order's index is walked, not looked up in it.
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        few = page_plan(FEW_MATCHES)
        many = page_plan(FEW_MATCHES + 1)
    assert "partner_search_idx" in few
    assert "partner_name_order" not in few
    assert "partner_search_idx" not in many


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL has no FTS5 table")
def test_postgresql_has_no_sqlite_full_text_table(db):
    assert full_text.TABLE not in connection.introspection.table_names()
