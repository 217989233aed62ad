"""Filter values (language, kind, year) go into the index, so filters narrow the match.

SQLite: the FTS5 tables are rebuilt with a `facets` column and "~" as a token
character, keeping their words. PostgreSQL: the facet lexemes are added to the vectors.
Facets are computed here in SQL with the year in UTC; `bulletin reindex` recomputes
them in the site's time zone.
"""

from django.db import migrations

TOKENIZE = "tokenize = \"unicode61 remove_diacritics 2 tokenchars '~'\""

SQLITE_FACETS = (
    "'~l~' || replace(lower(p.language), '-', '') || ' ~k~' || p.kind"
    " || coalesce(' ~y~' || strftime('%Y', p.published_at), '')"
)
SQLITE = [
    f"CREATE VIRTUAL TABLE search_fts_new USING fts5(title, body, facets, {TOKENIZE})",
    "INSERT INTO search_fts_new (rowid, title, body, facets) "
    f"SELECT f.rowid, f.title, f.body, {SQLITE_FACETS} FROM search_fts f "
    "JOIN search_searchentry e ON e.key = f.rowid JOIN posts_post p ON p.id = e.post_id",
    "DROP TABLE search_fts",
    "ALTER TABLE search_fts_new RENAME TO search_fts",
    f"CREATE VIRTUAL TABLE search_fts_title_new USING fts5(title, facets, {TOKENIZE})",
    "INSERT INTO search_fts_title_new (rowid, title, facets) "
    f"SELECT f.rowid, f.title, {SQLITE_FACETS} FROM search_fts_title f "
    "JOIN search_searchentry e ON e.key = f.rowid JOIN posts_post p ON p.id = e.post_id",
    "DROP TABLE search_fts_title",
    "ALTER TABLE search_fts_title_new RENAME TO search_fts_title",
]

POSTGRES_FACETS = (
    "array_to_tsvector(array_remove(ARRAY["
    "'~l~' || regexp_replace(lower(p.language), '[^a-z0-9]', '', 'g'), "
    "'~k~' || p.kind, "
    "'~y~' || to_char(p.published_at AT TIME ZONE 'UTC', 'YYYY')], NULL))"
)
POSTGRES = [
    f"UPDATE search_searchentry e SET title_vector = e.title_vector || {POSTGRES_FACETS} "
    "FROM posts_post p WHERE p.id = e.post_id",
    f"UPDATE search_body b SET body_vector = b.body_vector || {POSTGRES_FACETS} "
    "FROM posts_post p WHERE p.id = b.post_id",
]


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for statement in {"sqlite": SQLITE, "postgresql": POSTGRES}.get(vendor, []):
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("search", "0005_postgres_body_table")]

    # Backwards: the facets stay; older code does not look at them.
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
