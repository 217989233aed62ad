"""PostgreSQL: body vectors move to a table of their own.

With the large body vectors beside them, entry rows were wide, and a title match read
through the GIN index fetched thousands of heap pages. Narrow entry rows keep title
lookups to a few pages; body matches are read from `search_body` in key order.
"""

from django.db import migrations

FORWARDS = [
    "CREATE TABLE search_body ("
    "key bigint PRIMARY KEY, post_id bigint NOT NULL, body_vector tsvector NOT NULL)",
    "INSERT INTO search_body (key, post_id, body_vector) "
    "SELECT key, post_id, body_vector FROM search_searchentry",
    "CREATE INDEX search_body_gin_idx ON search_body USING gin (body_vector)",
    "ALTER TABLE search_searchentry DROP COLUMN body_vector",
]
BACKWARDS = [
    "ALTER TABLE search_searchentry ADD COLUMN body_vector tsvector NOT NULL DEFAULT ''",
    "UPDATE search_searchentry e SET body_vector = b.body_vector "
    "FROM search_body b WHERE b.key = e.key",
    "CREATE INDEX search_body_vector_idx ON search_searchentry USING gin (body_vector)",
    "DROP TABLE search_body",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0004_postgres_title_scan_index")]

    operations = [migrations.RunPython(_run(FORWARDS), _run(BACKWARDS))]
