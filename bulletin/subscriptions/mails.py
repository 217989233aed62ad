"""The mails themselves, written when they are sent: in the subscriber's language, from
the post as it then is, with a plain-text and an HTML part and nothing that tracks."""

from __future__ import annotations

import hashlib
from datetime import datetime
from urllib.parse import quote

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from bulletin.posts.models import ChangeNote, Post
from bulletin.subscriptions import tokens
from bulletin.subscriptions.lists import (
    absolute,
    heading,
    in_stream,
    matching,
    of_subscriber,
    post_list,
)
from bulletin.subscriptions.models import Frequency, Mail, MailKind, Subscription


def _message_id(key: str) -> str:
    # The same mail keeps the same Message-ID, so a client can tell a repeat.
    domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")[2] or "localhost"
    return f"<{hashlib.sha256(key.encode()).hexdigest()[:32]}@{domain}>"


def _post_url(post: Post) -> str:
    with translation.override(post.language):
        return absolute(post.get_absolute_url())


def _leave_headers(unsubscribe_url: str, token: str) -> dict[str, str]:
    mailto = (
        f"mailto:{settings.BULLETIN_UNSUBSCRIBE_EMAIL}"
        f"?subject={quote('unsubscribe ' + token, safe='')}"
    )
    site = settings.BULLETIN_SITE
    host = (site["url"].split("://")[-1] or "localhost").split("/")[0]
    return {
        "List-Unsubscribe": f"<{unsubscribe_url}>, <{mailto}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        "List-Id": f"{site['name']} <alerts.{host}>",
    }


def _build(mail: Mail, subject: str, template: str, context: dict, headers: dict):
    context = {**context, "site": settings.BULLETIN_SITE, "subject": subject}
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string(f"subscriptions/mail/{template}.txt", context),
        to=[mail.address],
        headers={
            "Message-ID": _message_id(mail.key),
            "Auto-Submitted": "auto-generated",
            # Written inside the subscriber's language (see compose()).
            "Content-Language": translation.get_language(),
            **headers,
        },
    )
    message.attach_alternative(
        render_to_string(f"subscriptions/mail/{template}.html", context), "text/html"
    )
    return message


def _leaving(subscriber, subscriptions: list[Subscription]) -> tuple[dict, dict]:
    token = tokens.unsubscribe_token(subscriber, [s.pk for s in subscriptions])
    unsubscribe_url = absolute(reverse("subscriptions:unsubscribe", args=[token]))
    manage_url = absolute(
        reverse("subscriptions:manage", args=[tokens.manage_token(subscriber)])
    )
    context = {
        "lists": [heading(s) for s in subscriptions],
        "unsubscribe_url": unsubscribe_url,
        "manage_url": manage_url,
    }
    return context, _leave_headers(unsubscribe_url, token)


def _confirm(mail: Mail):
    subscription = (
        Subscription.objects.select_related("subscriber", "topic")
        .filter(pk=mail.data.get("subscription"))
        .first()
    )
    if subscription is None:
        return None
    frequency = mail.data.get("frequency", Frequency.IMMEDIATE)
    token = tokens.confirm_token(subscription, frequency)
    context = {
        "list": heading(subscription),
        "frequency": Frequency(frequency).label,
        "confirm_url": absolute(reverse("subscriptions:confirm", args=[token])),
        "days": tokens.CONFIRM_DAYS,
    }
    subject = _("Confirm your e-mail alerts from %(site)s") % {
        "site": settings.BULLETIN_SITE["name"]
    }
    return _build(mail, subject, "confirm", context, {})


def _alert(mail: Mail):
    post = mail.post
    if post is None or not in_stream(post):
        return None  # withdrawn or unscheduled since it was queued
    note = None
    if mail.kind == MailKind.UPDATE:
        note = ChangeNote.objects.filter(pk=mail.data.get("note")).first()
        if note is None:
            return None
    subscriptions = list(
        matching(
            post, Frequency.IMMEDIATE, among=of_subscriber(mail.subscriber)
        ).select_related("topic")
    )
    if not subscriptions:
        return None  # unsubscribed since it was queued
    context, headers = _leaving(mail.subscriber, subscriptions)
    context.update({"post": post, "post_url": _post_url(post), "note": note})
    if note is None:
        subject = _("New: %(title)s") % {"title": post.title}
    else:
        subject = _("Updated: %(title)s") % {"title": post.title}
    return _build(mail, subject, "alert", context, headers)


def digest_posts(subscriptions: list[Subscription], start: datetime, end: datetime):
    """Each list with its posts of the period; a post shown once, under its first list."""
    seen: set[int] = set()
    sections = []
    for subscription in subscriptions:
        posts = [
            post
            for post in post_list(subscription)
            .queryset(upto=end)
            .filter(published_at__gte=start)
            .exclude(published_at=end)
            if post.pk not in seen
        ]
        seen.update(post.pk for post in posts)
        if posts:
            sections.append(
                {
                    "list": heading(subscription),
                    "posts": [(post, _post_url(post)) for post in posts],
                }
            )
    return sections


def _digest(mail: Mail):
    start = parse_datetime(mail.data["start"])
    end = parse_datetime(mail.data["end"])
    frequency = mail.data["frequency"]
    subscriptions = list(
        of_subscriber(mail.subscriber)
        .filter(frequency=frequency, confirmed_at__isnull=False)
        .select_related("topic")
        .order_by("id")
    )
    sections = digest_posts(subscriptions, start, end)
    if not sections:
        return None
    context, headers = _leaving(mail.subscriber, subscriptions)
    context.update({"sections": sections, "start": start, "end": end})
    site = settings.BULLETIN_SITE["name"]
    if frequency == Frequency.DAILY:
        subject = _("Your daily digest from %(site)s") % {"site": site}
    else:
        subject = _("Your weekly digest from %(site)s") % {"site": site}
    return _build(mail, subject, "digest", context, headers)


def _stored(mail: Mail):
    headers = {"Message-ID": _message_id(mail.key), "Auto-Submitted": "auto-generated"}
    if mail.data.get("language"):
        headers["Content-Language"] = mail.data["language"]
    message = EmailMultiAlternatives(
        subject=mail.subject, body=mail.text, to=[mail.address], headers=headers
    )
    if mail.html:
        message.attach_alternative(mail.html, "text/html")
    return message


def compose(mail: Mail) -> EmailMultiAlternatives | None:
    """The message to send, or None if it is not owed any more."""
    if mail.kind == MailKind.MESSAGE:
        return _stored(mail)
    subscriber = mail.subscriber
    if subscriber is None:
        return None
    with translation.override(subscriber.language):
        if mail.kind == MailKind.CONFIRM:
            return _confirm(mail)
        if mail.kind == MailKind.DIGEST:
            return _digest(mail)
        return _alert(mail)
