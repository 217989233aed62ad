"""Workflow events become notifications: every history entry the back office writes
(a scheduled post going live included: the job runner records it in the history, so
the author's "went live" mail follows their choices like any other), and a scheduled
publication the job runner gave up on."""

from __future__ import annotations

from django.db.models.signals import post_save
from django.dispatch import receiver

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


def _publication(post):
    """The step that last published the post, for later or at once (None: it was
    published outside the workflow, by the admin or an import)."""
    return (
        HistoryEntry.objects.filter(
            post=post, action__in=[Action.SCHEDULED, Action.PUBLISHED]
        )
        .select_related("actor")
        .order_by("-at", "-id")
        .first()
    )


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
        notify(
            Event.APPROVED,
            post,
            [post.author],
            key=key,
            actor=actor,
            when=post.published_at,
        )
    elif entry.action == Action.PUBLISHED:
        notify(Event.PUBLISHED, post, [post.author], key=key, actor=actor)
    elif entry.action == Action.WENT_LIVE:
        published = _publication(post)
        # A post published at once goes live at once too: "Published" said it all.
        if published is None or published.action == Action.SCHEDULED:
            scheduler = published.actor if published else None
            notify(Event.WENT_LIVE, post, [post.author, scheduler], key=key)
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
