"""Writing many new rows at once: COPY on PostgreSQL, one prepared INSERT on SQLite.

`bulk_create()` builds an SQL string of every row's every value through each field's
Python code; for a million posts that alone takes many minutes. Here ids are taken
from the table's own sequence first (so related rows can name them in the same
batch), and the rows then go in as plain values: PostgreSQL's COPY adapts Python
values itself, SQLite gets each field's database form once per value.

Nothing here sends a signal. A caller that creates posts this way sends
`posts.signals.posts_created_in_bulk` for them, so that every app keeping data
derived from posts (search index, moments, old addresses, the content version) does
for the batch what it does for one saved post.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Field, Model

from bulletin.posts.models import Attachment, Post
from bulletin.posts.signals import posts_created_in_bulk

# Told how many items are done so far (a progress line on a terminal).
Progress = Callable[[int], None]


def _columns(model: type[Model]) -> list[Field]:
    return list(model._meta.concrete_fields)


def reserve_ids(model: type[Model], count: int) -> list[int]:
    """`count` new primary keys for `model`, never handed out again."""
    if count == 0:
        return []
    table = model._meta.db_table
    column = model._meta.pk.column
    connection = connections[DEFAULT_DB_ALIAS]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) "
                "FROM generate_series(1, %s)",
                [table, column, count],
            )
            return [row[0] for row in cursor.fetchall()]
        # SQLite: above every id ever used (AUTOINCREMENT keeps the highest in
        # sqlite_sequence, deleted rows included); the write lock of the caller's
        # transaction keeps others out once the rows are in.
        cursor.execute(
            f'SELECT MAX(id) FROM (SELECT MAX("{column}") AS id FROM "{table}" '  # noqa: S608
            "UNION ALL SELECT seq FROM sqlite_sequence WHERE name = %s)",
            [table],
        )
        start = (cursor.fetchone()[0] or 0) + 1
    return list(range(start, start + count))


def insert(objects: Sequence[Model]) -> None:
    """Insert new rows of one model in the caller's transaction, as `bulk_create()`
    would (each field's `pre_save` included); objects without a primary key get one
    from `reserve_ids`."""
    if not objects:
        return
    model = type(objects[0])
    missing = [obj for obj in objects if obj.pk is None]
    for obj, pk in zip(missing, reserve_ids(model, len(missing)), strict=True):
        obj.pk = pk
    fields = _columns(model)
    table = model._meta.db_table
    names = ", ".join(f'"{field.column}"' for field in fields)
    connection = connections[DEFAULT_DB_ALIAS]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Values as Python holds them: psycopg adapts dates, UUIDs, booleans.
            files = [_is_file(field) for field in fields]
            with (
                connection.wrap_database_errors,  # IntegrityError, as for INSERT
                cursor.copy(f'COPY "{table}" ({names}) FROM STDIN') as copy,
            ):
                for obj in objects:
                    copy.write_row(
                        [
                            _file_name(value) if is_file else value
                            for value, is_file in zip(
                                (field.pre_save(obj, True) for field in fields),
                                files,
                                strict=True,
                            )
                        ]
                    )
            return
        marks = ", ".join(["%s"] * len(fields))
        cursor.executemany(
            f'INSERT INTO "{table}" ({names}) VALUES ({marks})',  # noqa: S608
            [
                [
                    field.get_db_prep_save(field.pre_save(obj, True), connection)
                    for field in fields
                ]
                for obj in objects
            ],
        )


def _is_file(field: Field) -> bool:
    return field.get_internal_type() in ("FileField", "ImageField")


def _file_name(value) -> str:
    return value.name if value else ""


@dataclasses.dataclass
class NewPost:
    """A post to create, with its topics (ids) and its files (already stored)."""

    post: Post
    topic_ids: list[int] = dataclasses.field(default_factory=list)
    attachments: list[Attachment] = dataclasses.field(default_factory=list)


def create_posts(items: Sequence[NewPost]) -> list[Post]:
    """Create the posts, their topic links and attachments; tell the derived data.

    Runs in the caller's transaction; each post is prepared exactly as `Post.save()`
    prepares it (`Post.prepare_to_store`).
    """
    if not items:
        return []
    taken: dict[str, set[str]] = {}
    for item in items:
        item.post.prepare_to_store(taken.setdefault(item.post.language, set()))
        taken[item.post.language].add(item.post.slug)
    posts = [item.post for item in items]
    insert(posts)
    Link = Post.topics.through
    links, attachments = [], []
    for item in items:
        links.extend(
            Link(post_id=item.post.pk, topic_id=topic_id) for topic_id in item.topic_ids
        )
        for attachment in item.attachments:
            attachment.post = item.post
            attachments.append(attachment)
    insert(links)
    insert(attachments)
    posts_created_in_bulk.send(
        sender=Post,
        posts=posts,
        topics={item.post.pk: list(item.topic_ids) for item in items},
        attachments={item.post.pk: list(item.attachments) for item in items},
    )
    return posts
