"""Who is told what about the workflow, by e-mail (through the outbox) and in their
"Needs me" list, as each person chose. Called inside the step's own transaction, so a
notification exists exactly when the step happened; mail leaves after commit."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django.contrib.auth import get_user_model
from django.db.models import Q

from bulletin.accounts.profiles import mail_languages
from bulletin.accounts.roles import Role
from bulletin.notifications.mails import compose
from bulletin.notifications.models import TO_DO, Event, Notification, Preference
from bulletin.posts import clock
from bulletin.posts.models import Post, Status
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


def notify(
    event: str,
    post: Post,
    people: Iterable,
    *,
    key: str,
    actor=None,
    comment: str = "",
    when: datetime | None = None,
) -> int:
    """Tell each person (never the one who acted) as they chose, each in their own
    language; answer how many."""
    told = 0
    seen: set[int] = set()
    people = [person for person in people if person is not None]
    languages = mail_languages(people)
    for person in people:
        if person.pk in seen or not person.is_active:
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
        if by_email and person.email:
            subject, text = compose(
                event,
                post,
                language=languages[person.pk],
                actor=actor,
                comment=comment,
                when=when,
            )
            queue_message(
                f"staff:{key}:{person.pk}",
                person.email,
                subject,
                text,
                language=languages[person.pk],
            )
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
