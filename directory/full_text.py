"""SQLite's full-text index of the partners' search documents.

An FTS5 table indexes `directory_partner.search_document` without a copy of it (an
external-content table whose rowid is the partner's id). Triggers on the partner table keep
it in step with every way rows are written: save(), bulk_create(), bulk_update(), update(),
delete(), loaddata's raw saves, SQL typed in a shell. A restore replaces the whole database
file, index and triggers included. PostgreSQL has a full-text index of its own (migration
0003) and none of this.

A migration that rebuilds the partner table on SQLite (Django does so for many column
changes) drops the table's triggers with it; after every `migrate`, `restore_triggers` puts
back any that are missing and rebuilds the index from the documents.
"""

from django.db import connections, transaction
from django.db.models.signals import post_migrate

TABLE = "directory_partner_search"
PARTNERS = "directory_partner"

CREATE_TABLE = (
    f"CREATE VIRTUAL TABLE {TABLE} USING fts5(search_document, content='{PARTNERS}', "
    # The documents are folded to lowercase ASCII already; tokens are runs of letters and
    # digits, as PostgreSQL's parser makes of them.
    "content_rowid='id', tokenize='unicode61 remove_diacritics 0')"
)
_REMOVE = (
    f"INSERT INTO {TABLE}({TABLE}, rowid, search_document) "
    "VALUES ('delete', old.id, old.search_document);"
)
_ADD = f"INSERT INTO {TABLE}(rowid, search_document) VALUES (new.id, new.search_document);"
TRIGGERS = {
    f"{TABLE}_insert": f"AFTER INSERT ON {PARTNERS} BEGIN {_ADD} END",
    f"{TABLE}_delete": f"AFTER DELETE ON {PARTNERS} BEGIN {_REMOVE} END",
    # Only a changed document (or id) touches the index; publishing a partner does not.
    f"{TABLE}_update": (
        f"AFTER UPDATE OF id, search_document ON {PARTNERS} "
        "WHEN old.id IS NOT new.id OR old.search_document IS NOT new.search_document "
        f"BEGIN {_REMOVE} {_ADD} END"
    ),
}
REBUILD = f"INSERT INTO {TABLE}({TABLE}) VALUES ('rebuild')"


def create_triggers(execute, names=TRIGGERS):
    for name in names:
        execute(f"CREATE TRIGGER {name} {TRIGGERS[name]}")


def create(execute):
    """The table, its triggers, and the index of the partners there are."""
    execute(CREATE_TABLE)
    create_triggers(execute)
    execute(REBUILD)


def drop(execute):
    for name in TRIGGERS:
        execute(f"DROP TRIGGER IF EXISTS {name}")
    execute(f"DROP TABLE IF EXISTS {TABLE}")


def restore_triggers(using="default", **kwargs):
    """Where the index exists but a trigger does not, create the missing triggers and
    rebuild the index (the partners may have changed while a trigger was missing)."""
    connection = connections[using]
    if connection.vendor != "sqlite":
        return
    with transaction.atomic(using=using), connection.cursor() as cursor:
        cursor.execute(
            "SELECT type, name FROM sqlite_master WHERE (type = 'table' AND name = %s) "
            "OR (type = 'trigger' AND tbl_name = %s)",
            [TABLE, PARTNERS],
        )
        existing = {name for _type, name in cursor.fetchall()}
        missing = [name for name in TRIGGERS if name not in existing]
        if TABLE not in existing or not missing:
            return
        create_triggers(cursor.execute, missing)
        cursor.execute(REBUILD)


def connect(app_config):
    post_migrate.connect(restore_triggers, sender=app_config, dispatch_uid=TABLE)
