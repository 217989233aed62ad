"""The words of the index, in each database's own full-text structure.

SQLite: an FTS5 table keyed by the rank key. PostgreSQL: tsvector columns on the
search entry row with GIN indexes. Each operation runs only on its own database.
"""

from django.db import migrations

SQLITE_CREATE = (
    "CREATE VIRTUAL TABLE search_fts USING fts5("
    "title, body, tokenize = 'unicode61 remove_diacritics 2')"
)
SQLITE_DROP = "DROP TABLE IF EXISTS search_fts"

POSTGRES_CREATE = [
    "ALTER TABLE search_searchentry "
    "ADD COLUMN title_vector tsvector NOT NULL DEFAULT '', "
    "ADD COLUMN body_vector tsvector NOT NULL DEFAULT ''",
    "CREATE INDEX search_title_vector_idx ON search_searchentry USING gin (title_vector)",
    "CREATE INDEX search_body_vector_idx ON search_searchentry USING gin (body_vector)",
]
POSTGRES_DROP = [
    "DROP INDEX IF EXISTS search_body_vector_idx",
    "DROP INDEX IF EXISTS search_title_vector_idx",
    "ALTER TABLE search_searchentry DROP COLUMN IF EXISTS title_vector, "
    "DROP COLUMN IF EXISTS body_vector",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": [SQLITE_CREATE], "postgresql": POSTGRES_CREATE}),
            _run({"sqlite": [SQLITE_DROP], "postgresql": POSTGRES_DROP}),
        ),
    ]
