"""Workflow events become notifications: every history entry the back office writes,
and a scheduled publication the job runner gave up on."""

from __future__ import annotations

from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils import formats, timezone

from bulletin.editorial.models import Action, HistoryEntry
from bulletin.notifications.models import Event
from bulletin.notifications.services import admins, editors, notify, settle
from bulletin.posts.models import Status
from bulletin.scheduling.models import Moment, ScheduledMoment, State


def _scheduler(post):
    entry = (
        HistoryEntry.objects.filter(post=post, action=Action.SCHEDULED)
        .select_related("actor")
        .order_by("-at", "-id")
        .first()
    )
    return entry.actor if entry else None


@receiver(post_save, sender=HistoryEntry)
def entry_written(sender, instance: HistoryEntry, created: bool, raw=False, **kwargs):
    if not created or raw:
        return
    entry, post = instance, instance.post
    key, actor = f"entry:{instance.pk}", instance.actor
    if entry.action == Action.SUBMITTED:
        notify(
            Event.SUBMITTED,
            post,
            editors(),
            key=key,
            actor=actor,
            comment=entry.comment,
        )
    elif entry.action == Action.SENT_BACK:
        notify(
            Event.SENT_BACK,
            post,
            [post.author],
            key=key,
            actor=actor,
            comment=entry.comment,
        )
    elif entry.action == Action.SCHEDULED and entry.from_status == Status.IN_REVIEW:
        when = formats.date_format(
            timezone.localtime(post.published_at), "DATETIME_FORMAT"
        )
        notify(Event.APPROVED, post, [post.author], key=key, actor=actor, extra=when)
    elif entry.action == Action.PUBLISHED:
        notify(Event.PUBLISHED, post, [post.author], key=key, actor=actor)
    elif entry.action == Action.WENT_LIVE:
        notify(Event.WENT_LIVE, post, [_scheduler(post)], key=key)
        # The author already gets "Your post is live" from the job runner itself.
        notify(Event.WENT_LIVE, post, [post.author], key=key, email=False)
    settle(post)


@receiver(post_save, sender=ScheduledMoment)
def moment_saved(sender, instance: ScheduledMoment, raw=False, **kwargs) -> None:
    if raw or instance.state != State.FAILED or instance.moment != Moment.PUBLISH:
        return
    post = instance.post
    notify(
        Event.FAILED,
        post,
        [post.author, _scheduler(post), *admins()],
        key=f"moment:{instance.pk}:failed",
        comment=instance.last_error,
    )
