"""SQLite's full-text index of the search documents (an external-content FTS5 table) and
the triggers that keep it in step with the partner table. The SQL is frozen here as it was
when written; directory/full_text.py owns the live copy (and puts back triggers that a
later table rebuild drops)."""

from django.db import migrations

TABLE = "directory_partner_search"
PARTNERS = "directory_partner"
_REMOVE = (
    f"INSERT INTO {TABLE}({TABLE}, rowid, search_document) "
    "VALUES ('delete', old.id, old.search_document);"
)
_ADD = f"INSERT INTO {TABLE}(rowid, search_document) VALUES (new.id, new.search_document);"
TRIGGERS = {
    f"{TABLE}_insert": f"AFTER INSERT ON {PARTNERS} BEGIN {_ADD} END",
    f"{TABLE}_delete": f"AFTER DELETE ON {PARTNERS} BEGIN {_REMOVE} END",
    f"{TABLE}_update": (
        f"AFTER UPDATE OF id, search_document ON {PARTNERS} "
        "WHEN old.id IS NOT new.id OR old.search_document IS NOT new.search_document "
        f"BEGIN {_REMOVE} {_ADD} END"
    ),
}


def create_index(apps, schema_editor):
    # SQLite only: PostgreSQL has had its full-text index since 0003.
    if schema_editor.connection.vendor != "sqlite":
        return
    schema_editor.execute(
        f"CREATE VIRTUAL TABLE {TABLE} USING fts5(search_document, content='{PARTNERS}', "
        "content_rowid='id', tokenize='unicode61 remove_diacritics 0')"
    )
    for name, body in TRIGGERS.items():
        schema_editor.execute(f"CREATE TRIGGER {name} {body}")
    schema_editor.execute(f"INSERT INTO {TABLE}({TABLE}) VALUES ('rebuild')")


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for name in TRIGGERS:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}")
    schema_editor.execute(f"DROP TABLE IF EXISTS {TABLE}")


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0010_partner_founding_order"),
    ]

    operations = [
        migrations.RunPython(create_index, drop_index),
    ]
