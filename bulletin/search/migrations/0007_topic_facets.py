"""Topics join the facets of the index (see 0006 for the others)."""

from django.db import migrations

SQLITE_TOPICS = (
    "SELECT group_concat('~t~' || t.topic_id, ' ') FROM posts_post_topics t "
    "JOIN search_searchentry e ON e.post_id = t.post_id WHERE e.key = {table}.rowid"
)
SQLITE = [
    f"UPDATE {table} SET facets = facets || ' ' || ({SQLITE_TOPICS.format(table=table)}) "
    f"WHERE ({SQLITE_TOPICS.format(table=table)}) IS NOT NULL"
    for table in ("search_fts", "search_fts_title")
]

POSTGRES_TOPICS = (
    "(SELECT array_to_tsvector(array_agg('~t~' || t.topic_id)) FROM posts_post_topics t "
    "WHERE t.post_id = {alias}.post_id)"
)
POSTGRES = [
    "UPDATE search_searchentry e SET title_vector = e.title_vector || "
    f"{POSTGRES_TOPICS.format(alias='e')} "
    "WHERE EXISTS (SELECT 1 FROM posts_post_topics t WHERE t.post_id = e.post_id)",
    "UPDATE search_body b SET body_vector = b.body_vector || "
    f"{POSTGRES_TOPICS.format(alias='b')} "
    "WHERE EXISTS (SELECT 1 FROM posts_post_topics t WHERE t.post_id = b.post_id)",
]


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for statement in {"sqlite": SQLITE, "postgresql": POSTGRES}.get(vendor, []):
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("search", "0006_facets")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
