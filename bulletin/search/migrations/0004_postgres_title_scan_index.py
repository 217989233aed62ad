"""PostgreSQL: read title matches in key order from an index alone.

A common word is looked for in titles by walking keys from the newest down; with the
title vectors in the index, that walk never touches the wide table rows (index-only
scan, once VACUUM has marked the pages all-visible; `bulletin reindex` runs it).
"""

from django.db import migrations

CREATE = (
    "CREATE INDEX search_key_title_idx ON search_searchentry "
    "(key DESC) INCLUDE (post_id, title_vector)"
)


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS search_key_title_idx")


class Migration(migrations.Migration):
    dependencies = [("search", "0003_sqlite_title_table")]

    operations = [migrations.RunPython(forwards, backwards)]
