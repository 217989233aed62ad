"""The demo's showcase: every feature once, on top of the generated posts.

`bulletin demo` calls `build_showcase()` after seeding: the organisation's name and
logo in every language, its statutory pages, a pinned notice, an expired notice, an
event with its calendar, a correction, a withdrawn post, a document with accessible
formats and an image with its alternative text. The translations that follow
(`bulletin.i18n.seeding`) then write the newest of these in all seven languages.
"""

from __future__ import annotations

import io
import uuid
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from PIL import Image, ImageDraw, ImageFont

from bulletin.alternatives.models import Alternative, Format
from bulletin.identity.models import Identity, IdentityText
from bulletin.pages.models import Page, Role
from bulletin.posts import clock, demo
from bulletin.posts.models import Attachment, ChangeNote, Kind, Post, Status, Topic
from bulletin.posts.pdf import simple_pdf

NAMES = {
    "en": ("Riverside District Council", "News, notices and events from your council"),
    "fr": (
        "Conseil du district de Riverside",
        "Actualités, avis et événements de votre conseil",
    ),
    "es": (
        "Consejo del Distrito de Riverside",
        "Noticias, avisos y actos de su consejo",
    ),
    "ar": ("مجلس منطقة ريفرسايد", "أخبار مجلسكم وإعلاناته وفعالياته"),
    "zh-hans": ("河畔区议会", "区议会新闻、公告和活动"),
    "ru": ("Совет округа Риверсайд", "Новости, объявления и события вашего совета"),
    "ko": ("리버사이드 구의회", "구의회 소식, 공지, 행사"),
}
FOOTER = "Riverside District Council · 1 Market Square · Riverside"

PAGES = {
    Role.ACCESSIBILITY: (
        "Accessibility statement",
        "How accessible this website is, and how to tell us about a problem.",
        "<p>Riverside District Council wants as many people as possible to be able to "
        "use this website. It is designed to meet the Web Content Accessibility "
        "Guidelines (WCAG) 2.2 at level AA and the European standard EN 301 549.</p>"
        "<h2>Compliance status</h2><p>This website is partially compliant: some PDF "
        "documents published before 2024 are not accessible. Each of them offers a "
        "form to ask for another format.</p>"
        "<h2>Feedback and contact</h2><p>If you find a problem, write to "
        "access@riverside.example.org. We answer within five working days.</p>"
        "<h2>Enforcement</h2><p>If our answer does not satisfy you, you may contact the "
        "national equality and accessibility body.</p>",
    ),
    Role.CONTACT: (
        "Contact",
        "How to reach the council.",
        "<p>Riverside District Council, 1 Market Square, Riverside.</p>"
        "<p>Telephone: 01632 960 400, Monday to Friday, 9:00 to 16:00.</p>"
        "<p>E-mail: info@riverside.example.org.</p>",
    ),
    Role.PRIVACY: (
        "Privacy",
        "What personal data we handle, why, and your rights.",
        "<p>Reading this website asks nothing of you. Reader counts are kept without "
        "cookies and without addresses. Requests for accessible formats are e-mailed "
        "to the council and deleted once answered.</p>",
    ),
    Role.OTHER: (
        "About the council",
        "Who we are and what we do.",
        "<p>The council serves the eight districts of Riverside: roads and transport, "
        "schools, housing, water, culture and public safety.</p>",
    ),
}


def _png(size: tuple[int, int], colour: str, label: str = "") -> bytes:
    """An emblem (a white disc with a bar) and, for the logo, the name beside it."""
    image = Image.new("RGB", size, colour)
    draw = ImageDraw.Draw(image)
    w, h = size
    disc = min(w, h)
    draw.ellipse((disc * 0.15, disc * 0.15, disc * 0.85, disc * 0.85), fill="#ffffff")
    draw.rectangle((disc * 0.3, disc * 0.42, disc * 0.7, disc * 0.58), fill=colour)
    if label:
        font = ImageFont.load_default(size=int(h * 0.36))
        draw.text((disc * 1.05, h / 2), label, fill="#ffffff", font=font, anchor="lm")
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def _identity() -> None:
    identity = Identity.objects.filter(pk=1).first() or Identity(pk=1)
    identity.brand, identity.brand_ink, identity.link = "#0b4f8a", "#ffffff", "#0a4e8c"
    identity.accessibility_email = "access@riverside.example.org"
    identity.logo_type = "image/png"
    identity.logo.save(
        "logo.png", ContentFile(_png((420, 64), "#0b4f8a", NAMES["en"][0])), save=False
    )
    identity.save()
    for code, _name in settings.LANGUAGES:
        name, tagline = NAMES.get(code, NAMES["en"])
        IdentityText.objects.update_or_create(
            language=code,
            defaults={
                "name": name,
                "tagline": tagline,
                "footer": FOOTER,
                "logo_alt": name,
            },
        )


def _pages(now: datetime) -> None:
    for position, (role, (title, summary, body)) in enumerate(PAGES.items(), 1):
        if role != Role.OTHER and Page.objects.filter(role=role).exists():
            continue
        post = Post.objects.create(
            kind=Kind.PAGE,
            title=title,
            summary=summary,
            body=body,
            language=settings.LANGUAGE_CODE,
            status=Status.PUBLISHED,
            published_at=now - timedelta(days=60),
            created_at=now - timedelta(days=61),
            updated_at=now - timedelta(days=30),
        )
        Page.objects.create(
            translation_group=post.translation_group,
            role=role,
            position=position * 10,
            reviewed_on=(now - timedelta(days=30)).date()
            if role == Role.ACCESSIBILITY
            else None,
        )


def _post(
    kind: str, topic: Topic, story: int, published_at: datetime, **fields
) -> Post:
    group = uuid.UUID(int=story)
    written = demo.compose(
        settings.LANGUAGE_CODE,
        kind,
        topic.name,
        group.int,
        published_at,
        event_start=fields.get("event_start"),
        event_end=fields.get("event_end"),
        event_timezone=fields.get("event_timezone", ""),
        event_location=fields.get("event_location", ""),
        online=bool(fields.get("event_online_url")),
    )
    post = Post.objects.create(
        kind=kind,
        title=fields.pop("title", written.title),
        summary=written.summary,
        body=fields.pop("body_before", "") + written.body,
        language=settings.LANGUAGE_CODE,
        translation_group=group,
        status=fields.pop("status", Status.PUBLISHED),
        published_at=published_at,
        created_at=published_at - timedelta(hours=3),
        updated_at=fields.pop("updated_at", published_at),
        **fields,
    )
    post.topics.add(topic)
    return post


def _file(post: Post, title: str, filename: str, content_type: str, data: bytes):
    attachment = Attachment(
        post=post,
        title=title,
        filename=filename,
        content_type=content_type,
        size=len(data),
    )
    attachment.file.save(filename, ContentFile(data), save=False)
    attachment.save()
    return attachment


def _topic(name: str) -> Topic:
    return Topic.objects.get_or_create(name=name)[0]


@transaction.atomic
def build_showcase(now: datetime | None = None) -> dict[str, Post]:
    """Write the showcase once (a second call adds nothing); answer its posts."""
    now = (now or clock.now()).replace(microsecond=0)
    existing = Post.objects.filter(translation_group=uuid.UUID(int=7001)).first()
    if existing is not None:
        return {}
    _identity()
    _pages(now)
    shown: dict[str, Post] = {}
    shown["pinned"] = _post(
        Kind.NOTICE,
        _topic("Transport"),
        7001,
        now - timedelta(hours=5),
        pinned_until=now + timedelta(days=10),
    )
    shown["expired"] = _post(
        Kind.NOTICE,
        _topic("Culture"),
        7002,
        now - timedelta(days=45),
        expires_at=now - timedelta(days=3),
    )
    zone = ZoneInfo("Europe/London")
    day = (now + timedelta(days=12)).astimezone(zone)
    start = day.replace(hour=18, minute=30, second=0)
    shown["event"] = _post(
        Kind.EVENT,
        _topic("Housing"),
        7003,
        now - timedelta(hours=9),
        event_start=start,
        event_end=start + timedelta(hours=2),
        event_timezone="Europe/London",
        event_location=demo.PLACES[2],
        event_online_url="https://meet.example.org/riverside-housing",
    )
    corrected = _post(
        Kind.NEWS,
        _topic("Education"),
        7004,
        now - timedelta(days=2),
        updated_at=now - timedelta(days=1),
        body_before=(
            "<p><strong>Correction:</strong> an earlier version of this article gave "
            "the wrong number of schools taking part; it is 14, not 41.</p>"
        ),
    )
    ChangeNote.objects.create(
        post=corrected,
        noted_at=now - timedelta(days=1),
        note="Correction: the number of schools taking part is 14, not 41.",
    )
    shown["correction"] = corrected
    shown["withdrawn"] = _post(
        Kind.NEWS,
        _topic("Economy and jobs"),
        7005,
        now - timedelta(days=6),
        status=Status.WITHDRAWN,
        withdrawn_at=now - timedelta(days=5),
        updated_at=now - timedelta(days=5),
        withdrawal_note="This article was withdrawn: the scheme it announced was postponed.",
    )
    report = _post(Kind.NEWS, _topic("Governance"), 7006, now - timedelta(hours=20))
    document = _file(
        report,
        "Draft budget (PDF)",
        "draft-budget.pdf",
        "application/pdf",
        simple_pdf([report.title, "", report.summary]),
    )
    Alternative.objects.create(
        attachment=document,
        format=Format.HTML,
        html=f"<h2>{report.title}</h2><p>{report.summary}</p>",
    )
    large = ("\n".join([report.title.upper(), "", report.summary]) + "\n").encode()
    alternative = Alternative(
        attachment=document,
        format=Format.LARGE_PRINT,
        filename="draft-budget-large-print.txt",
        content_type="text/plain",
        size=len(large),
    )
    alternative.file.save("large.txt", ContentFile(large), save=False)
    alternative.save()
    shown["document"] = report
    pictured = _post(Kind.NEWS, _topic("Environment"), 7007, now - timedelta(hours=30))
    image = _file(
        pictured,
        "Volunteers planting trees by the river",
        "tree-planting.png",
        "image/png",
        _png((800, 450), "#2f6b3a"),
    )
    pictured.body = (
        f'<p><img src="{image.get_absolute_url()}" '
        'alt="Volunteers planting young trees on the river bank" '
        'width="800" height="450"></p>' + pictured.body
    )
    pictured.save()
    shown["image"] = pictured
    return shown
