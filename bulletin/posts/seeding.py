"""Generated demo content: realistic posts of every kind, written by `posts.demo`.

Random choices come from a seeded generator, so `bulletin seed --seed S` gives the same
site every time. Rows are written in bulk (`posts.bulk`), a batch per transaction,
with the search index and everything else a save brings written for the batch.
"""

from __future__ import annotations

import multiprocessing
import random
import uuid
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import connection, connections, transaction
from django.utils.text import slugify

from bulletin.posts import clock, demo
from bulletin.posts.bulk import NewPost, Progress, create_posts
from bulletin.posts.models import Attachment, Kind, Post, Status, Topic
from bulletin.posts.pdf import simple_pdf
from bulletin.posts.signals import posts_bulk_written
from bulletin.posts.state import one_bump
from bulletin.posts.statistics import refresh_planner_statistics

TOPICS = [
    "Environment", "Health", "Education", "Transport", "Water and sanitation", "Housing",
    "Culture", "Public safety", "Economy and jobs", "Digital services", "Governance",
    "International cooperation",
]  # fmt: skip
DISTRICTS = ["North", "Riverside", "Old Town", "Harbour", "East", "Hillside"]
TIMEZONES = ["UTC", "Europe/Zurich", "America/New_York", "Asia/Seoul", "Africa/Nairobi"]


@dataclass
class Seeder:
    rng: random.Random
    now: datetime = field(default_factory=clock.now)
    years: int = 12
    topics: list[Topic] = field(default_factory=list)
    used_slugs: set[str] = field(default_factory=set)
    pins_left: int = 4  # a real board pins a handful of notices, not hundreds

    slug_numbers: dict[str, int] = field(default_factory=dict)

    def slug(self, title: str) -> str:
        # The next free number per title is remembered, so a million posts sharing a
        # few hundred titles cost one look-up each, not a walk along the taken ones.
        base = slugify(title, allow_unicode=True)[:180].strip("-") or "post"
        n = self.slug_numbers.get(base, 1)
        candidate = base if n == 1 else f"{base}-{n}"
        while candidate in self.used_slugs:
            n += 1
            candidate = f"{base}-{n}"
        self.used_slugs.add(candidate)
        self.slug_numbers[base] = n + 1
        return candidate

    def post(self, language: str) -> tuple[Post, list[Topic]]:
        rng, now = self.rng, self.now
        kind = rng.choices([Kind.NEWS, Kind.NOTICE, Kind.EVENT], weights=[5, 3, 2])[0]
        # Recent years are busier than early ones, as on real sites.
        age = timedelta(days=self.years * 365 * (rng.random() ** 1.6))
        published_at = (now - age).replace(microsecond=0)
        if rng.random() < 0.02:
            published_at = published_at.replace(
                second=0, minute=0
            )  # shared times: ties
        topics = rng.sample(self.topics, k=rng.randint(1, 3))
        topic_name = topics[0].name
        status = Status.PUBLISHED
        roll = rng.random()
        if roll < 0.01:
            status = Status.DRAFT
        elif roll < 0.015:
            status = Status.WITHDRAWN
        elif roll < 0.02:
            published_at = now + timedelta(hours=rng.randint(2, 24 * 14))  # scheduled
        # Nothing generated happens after now: a scheduled post was written before
        # today, and edits and withdrawals of past posts are in the past too.
        written_at = min(published_at, now)
        group = uuid.UUID(int=rng.getrandbits(128))
        post = Post(
            kind=kind,
            language=language,
            translation_group=group,
            status=status,
            published_at=published_at if status != Status.DRAFT else None,
            created_at=written_at - timedelta(hours=rng.randint(1, 72)),
            updated_at=min(
                now,
                written_at
                + timedelta(hours=rng.randint(0, 48) if rng.random() < 0.2 else 0),
            ),
        )
        if status == Status.WITHDRAWN:
            post.withdrawn_at = min(now, published_at + timedelta(days=2))
            post.updated_at = max(post.updated_at, post.withdrawn_at)
            post.withdrawal_note = (
                "This post was withdrawn because it was published in error."
            )
        if kind == Kind.NOTICE:
            if rng.random() < 0.5:
                post.expires_at = published_at + timedelta(days=rng.randint(7, 90))
            if (
                now - published_at < timedelta(days=30)
                and self.pins_left
                and rng.random() < 0.3
            ):
                self.pins_left -= 1
                post.pinned_until = now + timedelta(days=rng.randint(1, 14))
        if kind == Kind.EVENT:
            post.event_timezone = rng.choice(TIMEZONES)
            # Office hours where the event takes place: 9:00 to 18:30 local time.
            day = (published_at + timedelta(days=rng.randint(5, 40))).astimezone(
                ZoneInfo(post.event_timezone)
            )
            start = day.replace(
                hour=rng.randint(9, 18), minute=rng.choice((0, 30)), second=0
            )
            post.event_start = start.astimezone(UTC)
            post.event_end = post.event_start + timedelta(
                minutes=30 * rng.randint(2, 6)
            )
            if rng.random() < 0.8:
                post.event_location = demo.place(rng)
            if rng.random() < 0.5:
                post.event_online_url = f"https://meet.example.org/{group.hex[:12]}"
        written = demo.compose(
            language,
            kind,
            topic_name,
            group.int,
            published_at,
            event_start=post.event_start,
            event_end=post.event_end,
            event_timezone=post.event_timezone,
            event_location=post.event_location,
            online=bool(post.event_online_url),
        )
        post.title, post.summary = written.title, written.summary
        post.body = written.body  # sanitised on the way in, as every body
        post.slug = self.slug(written.title)
        return post, topics


def ensure_topics() -> list[Topic]:
    for name in TOPICS:
        Topic.objects.get_or_create(name=name, defaults={"slug": slugify(name)})
    return list(Topic.objects.filter(name__in=TOPICS))


def _attachment_file(seeder: Seeder, post: Post) -> tuple[str, str, bytes]:
    if seeder.rng.random() < 0.7:
        lines = [post.title, "", post.summary]
        return f"{post.slug[:60]}.pdf", "application/pdf", simple_pdf(lines)
    rows = "\n".join(
        f"{seeder.rng.choice(DISTRICTS)},{seeder.rng.randint(10, 999)}"
        for _ in range(8)
    )
    return (
        f"{post.slug[:60]}-figures.csv",
        "text/csv",
        f"district,value\n{rows}\n".encode(),
    )


def seed(
    count: int,
    *,
    random_seed: int = 1,
    language: str | None = None,
    batch: int = 2000,
    progress: Progress | None = None,
    workers: int = 1,
) -> int:
    """Add `count` generated posts; return how many were written.

    Each batch is one transaction written in bulk (`posts.bulk.create_posts`), with
    everything a save brings (search index, moments, the days lists recount) done
    for the batch at once. On PostgreSQL, outside a transaction, `workers` processes
    write batches side by side while this one makes the next (the text is always made here, in order, so
    a seed gives the same posts however many write them; only their ids differ).
    """
    language = language or settings.LANGUAGE_CODE
    seeder = Seeder(rng=random.Random(random_seed), topics=ensure_topics())
    seeder.used_slugs = set(
        Post.objects.filter(language=language).values_list("slug", flat=True)
    )
    batches = _batches(seeder, language, count, batch, Path(settings.MEDIA_ROOT))
    # Inside the caller's transaction (tests, a shell) other connections would not
    # see its rows: write here, one batch after another.
    parallel = connection.vendor == "postgresql" and not connection.in_atomic_block
    if workers > 1 and parallel:
        written = _write_in_parallel(batches, workers, progress)
    else:
        written = 0
        for items in batches:
            written += _write(items)
            if progress is not None:
                progress(written)
    refresh_planner_statistics()
    posts_bulk_written.send(sender=Post, count=written)
    return written


def _batches(
    seeder: Seeder, language: str, count: int, batch: int, media: Path
) -> Iterator[list[NewPost]]:
    made = 0
    while made < count:
        items = []
        for _ in range(min(batch, count - made)):
            post, topics = seeder.post(language)
            item = NewPost(post, [topic.pk for topic in topics])
            if seeder.rng.random() < 0.04:
                item.attachments.append(_attachment(seeder, post, media))
            items.append(item)
        made += len(items)
        yield items


def _write(items: list[NewPost]) -> int:
    with transaction.atomic(), one_bump():
        create_posts(items)
    return len(items)


def _write_in_parallel(
    batches: Iterator[list[NewPost]], workers: int, progress: Progress | None
) -> int:
    """Batches written by `workers` processes, each its own connection.

    At most `workers` batches wait at any time, so memory stays that of a few
    batches. Search keys of posts written side by side cannot collide: two keys
    are equal only for ids 2**22 apart published in the same second.
    """
    connections.close_all()  # a forked worker must open its own connection
    written = 0
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        pending: deque = deque()
        for items in batches:
            pending.append(pool.apply_async(_write, (items,)))
            while len(pending) > workers or (pending and pending[0].ready()):
                written += pending.popleft().get()
                if progress is not None:
                    progress(written)
        while pending:
            written += pending.popleft().get()
            if progress is not None:
                progress(written)
    return written


def _attachment(seeder: Seeder, post: Post, media: Path) -> Attachment:
    filename, content_type, data = _attachment_file(seeder, post)
    name = f"attachments/{uuid.uuid4().hex[:2]}/{uuid.uuid4().hex}"
    (media / name).parent.mkdir(parents=True, exist_ok=True)
    (media / name).write_bytes(data)
    title = "Full text (PDF)" if content_type == "application/pdf" else "Figures (CSV)"
    return Attachment(
        title=title,
        file=name,
        filename=filename,
        content_type=content_type,
        size=len(data),
    )
