"""The job runner uses django-tasks-db through its public surface only: the backend
and its `db_worker` command, so moving to Django's own tasks framework is routine."""

from __future__ import annotations

import ast
from pathlib import Path

import bulletin

PACKAGE = Path(bulletin.__file__).resolve().parent
# What the library documents for use: the backend class, and the worker command
# (run through call_command, never imported).
PUBLIC = {("django_tasks_db", "DatabaseBackend")}
PRIVATE_CALLS = {"get_locked", "claim", "exclusive_transaction", "Worker"}


def uses_of_django_tasks_db() -> tuple[set[tuple[str, str]], set[str]]:
    imported, called = set(), set()
    for path in PACKAGE.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        tree = ast.parse(path.read_text(), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith(
                "django_tasks_db"
            ):
                imported |= {(node.module, alias.name) for alias in node.names}
            elif isinstance(node, ast.Import):
                imported |= {
                    (alias.name, "*")
                    for alias in node.names
                    if alias.name.startswith("django_tasks_db")
                }
            elif isinstance(node, ast.Attribute) and node.attr in PRIVATE_CALLS:
                called.add(f"{path.relative_to(PACKAGE)}: .{node.attr}")
    return imported, called


def test_only_the_public_api_of_django_tasks_db_is_used():
    imported, called = uses_of_django_tasks_db()
    assert imported <= PUBLIC, imported - PUBLIC
    assert called == set()
