"""Who is told what about the workflow, by e-mail (through the outbox) and in their
"Needs me" list, as each person chose. Called inside the step's own transaction, so a
notification exists exactly when the step happened; mail leaves after commit."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from bulletin.accounts.roles import Role
from bulletin.notifications.models import TO_DO, Event, Notification, Preference
from bulletin.posts import clock
from bulletin.posts.models import Post, Status
from bulletin.subscriptions.lists import absolute
from bulletin.subscriptions.outbox import queue_message

User = get_user_model()


def editors() -> list:
    return list(
        User.objects.filter(is_active=True)
        .filter(
            Q(is_superuser=True)
            | Q(groups__name__in=[Role.EDITOR.value, Role.ADMIN.value])
        )
        .distinct()
    )


def admins() -> list:
    return list(
        User.objects.filter(is_active=True)
        .filter(Q(is_superuser=True) | Q(groups__name=Role.ADMIN.value))
        .distinct()
    )


def choices_of(user) -> dict[str, tuple[bool, bool]]:
    """(by e-mail, in the list) for every event, defaults filled in."""
    chosen = {
        p.event: (p.by_email, p.in_list) for p in Preference.objects.filter(user=user)
    }
    return {event: chosen.get(event, (True, True)) for event in Event.values}


def _mail(event: str, post: Post, actor, comment: str, extra: str) -> tuple[str, str]:
    who = actor.get_username() if actor else _("someone")
    url = absolute(reverse("editorial:post", args=[post.pk]))
    values = {"who": who, "title": post.title, "url": url, "comment": comment}
    if event == Event.SUBMITTED:
        subject = _("Ready for review: %(title)s")
        body = _("%(who)s submitted “%(title)s” for review.\n\n%(url)s\n")
    elif event == Event.SENT_BACK:
        subject = _("Sent back: %(title)s")
        body = _("%(who)s sent “%(title)s” back to you:\n\n%(comment)s\n\n%(url)s\n")
    elif event == Event.APPROVED:
        subject = _("Approved: %(title)s")
        body = _("%(who)s approved “%(title)s”; it goes live at %(when)s.\n\n%(url)s\n")
    elif event == Event.PUBLISHED:
        subject = _("Published: %(title)s")
        body = _("%(who)s published “%(title)s”.\n\n%(url)s\n")
    elif event == Event.WENT_LIVE:
        subject = _("Live as scheduled: %(title)s")
        body = _("“%(title)s” went live as scheduled.\n\n%(url)s\n")
    else:
        subject = _("Publication failed: %(title)s")
        body = _(
            "The scheduled publication of “%(title)s” failed and was given up:"
            "\n\n%(comment)s\n\n%(url)s\n"
        )
    values["when"] = extra
    return subject % values, body % values


def notify(
    event: str,
    post: Post,
    people: Iterable,
    *,
    key: str,
    actor=None,
    comment: str = "",
    extra: str = "",
    email: bool = True,
) -> int:
    """Tell each person (never the one who acted) as they chose; answer how many."""
    told = 0
    seen: set[int] = set()
    for person in people:
        if person is None or person.pk in seen or not person.is_active:
            continue
        seen.add(person.pk)
        if actor is not None and person.pk == actor.pk:
            continue
        by_email, in_list = choices_of(person)[event]
        if in_list:
            Notification.objects.get_or_create(
                user=person,
                key=key,
                defaults={
                    "event": event,
                    "post": post,
                    "actor": actor,
                    "comment": comment,
                },
            )
        if email and by_email and person.email:
            with translation.override(settings.LANGUAGE_CODE):
                subject, text = _mail(event, post, actor, comment, extra)
            queue_message(f"staff:{key}:{person.pk}", person.email, subject, text)
        told += by_email or in_list
    return told


def settle(post: Post) -> None:
    """Clear to-do items the post's new state has answered: a review once the post
    leaves review, a sent-back post once it is resubmitted."""
    open_items = Notification.objects.filter(post=post, done_at__isnull=True)
    if post.status != Status.IN_REVIEW:
        open_items.filter(event=Event.SUBMITTED).update(done_at=clock.now())
    if post.status != Status.DRAFT:
        open_items.filter(event=Event.SENT_BACK).update(done_at=clock.now())


def needs(user):
    return (
        Notification.objects.filter(user=user, done_at__isnull=True)
        .select_related("post", "actor")
        .order_by("-created_at", "-id")
    )


def is_to_do(event: str) -> bool:
    return event in TO_DO
