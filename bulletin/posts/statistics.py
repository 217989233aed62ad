"""Keep the database's query planner informed after bulk changes.

Without statistics SQLite may walk the list index instead of a far more selective
one (translation group, slug); ANALYZE after a seed or load lets it choose well.
"""

from __future__ import annotations

from django.db import connection


def refresh_planner_statistics() -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("ANALYZE")
        elif connection.vendor == "postgresql":
            cursor.execute("ANALYZE posts_post")
