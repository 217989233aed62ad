"""SQLite: titles get an FTS5 table of their own.

A column filter on the main table reads every match of a word in any column; a word
common in bodies but absent from titles then costs a walk through all of them.
"""

from django.db import migrations

CREATE = (
    "CREATE VIRTUAL TABLE search_fts_title USING fts5("
    "title, tokenize = 'unicode61 remove_diacritics 2')"
)
FILL = "INSERT INTO search_fts_title (rowid, title) SELECT rowid, title FROM search_fts"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(CREATE)
        schema_editor.execute(FILL)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS search_fts_title")


class Migration(migrations.Migration):
    dependencies = [("search", "0002_backend_tables")]

    operations = [migrations.RunPython(forwards, backwards)]
