"""Generated demo content: realistic posts of every kind, made up from word lists.

Random choices come from a seeded generator, so `bulletin seed --seed S` gives the same
site every time. Rows are written in bulk: 100,000 posts take well under two minutes
on SQLite.
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils.text import slugify

from bulletin.posts import clock
from bulletin.posts.models import Attachment, Kind, Post, Status, Topic
from bulletin.posts.pdf import simple_pdf
from bulletin.posts.sanitize import sanitize_html
from bulletin.posts.signals import posts_bulk_written
from bulletin.posts.state import bump_content_version
from bulletin.posts.statistics import refresh_planner_statistics

TOPICS = [
    "Environment", "Health", "Education", "Transport", "Water and sanitation", "Housing",
    "Culture", "Public safety", "Economy and jobs", "Digital services", "Governance",
    "International cooperation",
]  # fmt: skip
BODIES = [
    "The regional council", "The statistics office", "The city administration", "The board",
    "The health directorate", "The education department", "The mayor's office",
    "The planning committee", "The secretariat", "The transport authority",
    "The audit office", "The executive committee",
]  # fmt: skip
VERBS = [
    "reviews", "launches", "publishes", "approves", "extends", "presents", "opens",
    "updates", "renews", "completes", "welcomes", "announces",
]  # fmt: skip
OBJECTS = [
    "the year's work on {topic}", "a new plan for {topic}", "its report on {topic}",
    "funding for {topic} projects", "a survey of {topic} services", "guidance on {topic}",
    "the results of the {topic} pilot", "a partnership on {topic}",
]  # fmt: skip
NOTICE_TITLES = [
    "Call for applications: {topic} grants {year}", "Office closure on {day}",
    "Vacancy: {role}", "Deadline extended for the {topic} programme",
    "Public consultation on {topic}", "Change to opening hours from {day}",
    "Tender: {topic} services", "Road works and diversions in the {district} district",
]  # fmt: skip
EVENT_TITLES = [
    "Roundtable on {topic}", "Workshop: {topic} in practice", "Public hearing on {topic}",
    "Open day at the {place}", "Information session: {topic} grants",
    "Annual conference on {topic}", "Webinar: what changes for {topic}",
]  # fmt: skip
ROLES = [
    "Programme officer", "Data analyst", "Communications assistant", "Legal adviser",
    "Project engineer", "Translator (French–English)", "Finance clerk",
]  # fmt: skip
PLACES = [
    "City Hall", "Central Library", "Conference Centre", "Main Auditorium",
    "Community House", "Regional Office",
]  # fmt: skip
DISTRICTS = ["North", "Riverside", "Old Town", "Harbour", "East", "Hillside"]
TIMEZONES = ["UTC", "Europe/Zurich", "America/New_York", "Asia/Seoul", "Africa/Nairobi"]
WORDS = [
    "plan",
    "report",
    "service",
    "public",
    "budget",
    "community",
    "region",
    "project",
    "support",
    "access",
    "data",
    "review",
    "meeting",
    "policy",
    "partner",
    "quality",
    "office",
    "staff",
    "report",
    "programme",
    "local",
    "network",
    "training",
    "safety",
    "results",
    "measure",
    "impact",
    "progress",
    "priority",
    "resident",
    "citizen",
    "council",
    "proposal",
    "guidance",
    "schedule",
    "standard",
    "process",
    "capacity",
    "funding",
    "application",
    "evidence",
]


@dataclass
class Seeder:
    rng: random.Random
    now: datetime = field(default_factory=clock.now)
    years: int = 12
    topics: list[Topic] = field(default_factory=list)
    used_slugs: set[str] = field(default_factory=set)
    pins_left: int = 4  # a real board pins a handful of notices, not hundreds

    def sentence(self, low: int = 8, high: int = 20) -> str:
        words = self.rng.choices(WORDS, k=self.rng.randint(low, high))
        return " ".join(words).capitalize() + "."

    def paragraph(self) -> str:
        return " ".join(self.sentence() for _ in range(self.rng.randint(2, 6)))

    def body(self, topic: str) -> str:
        parts = [f"<p>{self.paragraph()}</p>" for _ in range(self.rng.randint(1, 3))]
        if self.rng.random() < 0.4:
            parts.append(f"<h2>{topic}: what changes</h2>")
            items = "".join(
                f"<li>{self.sentence(4, 9)}</li>" for _ in range(self.rng.randint(2, 5))
            )
            parts.append(f"<ul>{items}</ul>")
        parts.extend(
            f"<p>{self.paragraph()}</p>" for _ in range(self.rng.randint(0, 4))
        )
        return "".join(parts)

    def title(self, kind: str, topic: str, when: datetime) -> str:
        values = {
            "topic": topic.lower(),
            "year": when.year,
            "day": (when + timedelta(days=self.rng.randint(3, 30))).strftime("%-d %B"),
            "role": self.rng.choice(ROLES),
            "district": self.rng.choice(DISTRICTS),
            "place": self.rng.choice(PLACES),
        }
        if kind == Kind.NEWS:
            title = f"{self.rng.choice(BODIES)} {self.rng.choice(VERBS)} {self.rng.choice(OBJECTS)}"
        elif kind == Kind.NOTICE:
            title = self.rng.choice(NOTICE_TITLES)
        else:
            title = self.rng.choice(EVENT_TITLES)
        title = title.format(**values)
        return title[0].upper() + title[1:]

    def slug(self, title: str) -> str:
        base = slugify(title)[:180] or "post"
        candidate, n = base, 1
        while candidate in self.used_slugs:
            n += 1
            candidate = f"{base}-{n}"
        self.used_slugs.add(candidate)
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
        title = self.title(kind, topic_name, published_at)
        post = Post(
            kind=kind,
            title=title,
            slug=self.slug(title),
            summary=self.sentence(12, 24),
            body=sanitize_html(self.body(topic_name)),
            language=language,
            translation_group=uuid.UUID(int=rng.getrandbits(128)),
            status=status,
            published_at=published_at if status != Status.DRAFT else None,
            created_at=published_at - timedelta(hours=rng.randint(1, 72)),
            updated_at=published_at
            + timedelta(hours=rng.randint(0, 48) if rng.random() < 0.2 else 0),
        )
        if status == Status.WITHDRAWN:
            post.withdrawn_at = published_at + timedelta(days=2)
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
            start = (published_at + timedelta(days=rng.randint(5, 40))).replace(
                minute=0, second=0
            ) + timedelta(hours=rng.randint(0, 6))
            post.event_start = start
            post.event_end = start + timedelta(minutes=30 * rng.randint(2, 16))
            post.event_timezone = rng.choice(TIMEZONES)
            if rng.random() < 0.8:
                post.event_location = (
                    f"{rng.choice(PLACES)}, {rng.choice(DISTRICTS)} district"
                )
            if rng.random() < 0.5:
                post.event_online_url = (
                    f"https://meet.example.org/{slugify(title)[:40]}"
                )
        return post, topics


def ensure_topics() -> list[Topic]:
    for name in TOPICS:
        Topic.objects.get_or_create(name=name, defaults={"slug": slugify(name)})
    return list(Topic.objects.filter(name__in=TOPICS))


def _attachment_file(seeder: Seeder, post: Post) -> tuple[str, str, bytes]:
    if seeder.rng.random() < 0.7:
        lines = [post.title, "", *(seeder.sentence() for _ in range(6))]
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
    count: int, *, random_seed: int = 1, language: str | None = None, batch: int = 2000
) -> int:
    """Add `count` generated posts; return how many were written."""
    language = language or settings.LANGUAGE_CODE
    seeder = Seeder(rng=random.Random(random_seed), topics=ensure_topics())
    seeder.used_slugs = set(
        Post.objects.filter(language=language).values_list("slug", flat=True)
    )
    media = Path(settings.MEDIA_ROOT)
    written = 0
    Link = Post.topics.through
    while written < count:
        size = min(batch, count - written)
        with transaction.atomic():
            pairs = [seeder.post(language) for _ in range(size)]
            posts = Post.objects.bulk_create(
                [post for post, _ in pairs], batch_size=500
            )
            links = [
                Link(post_id=post.pk, topic_id=topic.pk)
                for post, (_, topics) in zip(posts, pairs, strict=True)
                for topic in topics
            ]
            Link.objects.bulk_create(links, batch_size=2000)
            attachments = []
            for post in posts:
                if seeder.rng.random() < 0.04:
                    filename, content_type, data = _attachment_file(seeder, post)
                    name = f"attachments/{uuid.uuid4().hex[:2]}/{uuid.uuid4().hex}"
                    (media / name).parent.mkdir(parents=True, exist_ok=True)
                    (media / name).write_bytes(data)
                    title = (
                        "Full text (PDF)"
                        if content_type == "application/pdf"
                        else "Figures (CSV)"
                    )
                    attachments.append(
                        Attachment(
                            post=post,
                            title=title,
                            file=name,
                            filename=filename,
                            content_type=content_type,
                            size=len(data),
                        )
                    )
            Attachment.objects.bulk_create(attachments, batch_size=500)
            bump_content_version()
        written += size
    refresh_planner_statistics()
    posts_bulk_written.send(sender=Post, count=written)
    return written
