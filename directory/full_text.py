"""The full-text search condition, and SQLite's full-text index of the search documents.

`Matches` is the condition on both databases. PostgreSQL matches the documents with its
full-text index (migration 0003). On SQLite an FTS5 table indexes
`directory_partner.search_document` without a copy of it (an external-content table whose
rowid is the partner's id). Triggers on the partner table keep
it in step with every way rows are written: save(), bulk_create(), bulk_update(), update(),
delete(), loaddata's raw saves, SQL typed in a shell. A restore replaces the whole database
file, index and triggers included.

A migration that rebuilds the partner table on SQLite (Django does so for many column
changes) drops the table's triggers with it; after every `migrate`, `restore_triggers` puts
back any that are missing and rebuilds the index from the documents.
"""

from django.db import connections, models, transaction

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
# Up to this many matching partners, a page looks each one up (`few_matches`); with more,
# it reads the partners in the sort order's index until the page is full.
FEW_MATCHES = 1000


def few_matches(queryset, count):
    """`queryset`, told that it selects `count` partners, so that its search condition
    takes the plan that suits that many.

    A page of a search either looks the matches up and sorts them (cheap for a few, costly
    for tens of thousands), or walks the sort order's index checking each partner (cheap
    when most match, a walk through the whole directory when few do). Neither database can
    tell which from its statistics: PostgreSQL estimates a rare word at 500 matches, so for
    a page of one it walks, checking 100,000 documents; SQLite always looks matches up.
    """
    queryset = queryset._chain()
    queryset.query.few_matches = count <= FEW_MATCHES
    return queryset


class Matches(models.Func):
    """Partners whose search document matches a query of `search.query_tokens`."""

    conditional = True
    output_field = models.BooleanField()

    def __init__(self, postgresql_query, sqlite_query):
        super().__init__(models.F("pk"), models.F("search_document"))
        self.queries = {"postgresql": postgresql_query, "sqlite": sqlite_query}

    def as_sql(self, compiler, connection, **extra):
        (pk, _params), (document, _params) = map(compiler.compile, self.source_expressions)
        query = self.queries[connection.vendor]
        few = getattr(compiler.query, "few_matches", False)
        if connection.vendor == "sqlite":
            # "+" hides the id from the planner: it then walks the order's index and checks
            # each partner against the matches, instead of looking every match up.
            matching = f"IN (SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH %s)"
            return f"{'' if few else '+'}{pk} {matching}", [query]
        # The expression of the full-text index (migration 0003), so that it is used.
        match = (
            "to_tsvector('simple'::regconfig, COALESCE({}, '')) "
            "@@ to_tsquery('simple'::regconfig, %s)"
        )
        if not few:
            return match.format(document), [query]
        # The matches first (the full-text index finds them), then each looked up by id.
        inner = match.format("matching.search_document")
        return f"{pk} = ANY(ARRAY(SELECT matching.id FROM {PARTNERS} matching WHERE {inner}))", [
            query
        ]


def create_triggers(execute, names=TRIGGERS):
    for name in names:
        execute(f"CREATE TRIGGER {name} {TRIGGERS[name]}")


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
