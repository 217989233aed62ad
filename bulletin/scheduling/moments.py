"""Keep each post's scheduled moments in step with it, and carry them out once.

`sync_post()` runs on every save of a post and records the publication and expiry
moments it is owed. `carry_out()` performs one moment under a row lock: it checks the
post still wants it, sends `moment_reached` and marks it done, in one transaction.
A failure is logged and retried with growing delays; two workers never both do the
work, because the second finds the row no longer pending.

Nobody is mailed from here. The back office records the moment in the post's history
(a receiver of `moment_reached`), and the notifications app tells the author and
whoever scheduled it from that entry, as each chose, through the outbox: the mail
exists exactly when the moment is done and leaves after the commit.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Q

from bulletin.posts import clock
from bulletin.posts.models import Post, Status
from bulletin.posts.state import bump_content_version
from bulletin.scheduling.models import Moment, ScheduledMoment, State
from bulletin.scheduling.signals import moment_reached

logger = logging.getLogger(__name__)

# A post saved with a publication time this recent still gets its side effects
# ("publish now" included); older times are history, not a moment to act on.
RECENT = timedelta(minutes=15)
MAX_ATTEMPTS = 6
# A queued task that has not run this long after it became runnable is queued again
# (its worker may have died while running it).
STALE_AFTER = timedelta(minutes=10)


def retry_delay(attempts: int) -> timedelta:
    return timedelta(minutes=min(2 ** (attempts - 1), 60))


def wanted_moments(post: Post, now: datetime) -> dict[str, datetime]:
    if post.status != Status.PUBLISHED:
        return {}
    wanted = {}
    if post.published_at and post.published_at > now - RECENT:
        wanted[Moment.PUBLISH] = post.published_at
    if post.expires_at and post.expires_at > now - RECENT:
        wanted[Moment.EXPIRE] = post.expires_at
    return wanted


def sync_post(post: Post, now: datetime | None = None) -> list[ScheduledMoment]:
    """Record the moments the post is owed; cancel pending ones it no longer wants."""
    now = now or clock.now()
    wanted = wanted_moments(post, now)
    with transaction.atomic():
        stale = ScheduledMoment.objects.filter(post=post, state=State.PENDING)
        for moment, due_at in wanted.items():
            stale = stale.exclude(moment=moment, due_at=due_at)
        stale.update(state=State.CANCELLED)
        created = []
        for moment, due_at in wanted.items():
            item, is_new = ScheduledMoment.objects.get_or_create(
                post=post,
                moment=moment,
                due_at=due_at,
                defaults={"run_after": due_at},
            )
            if is_new:
                created.append(item)
            elif item.state == State.CANCELLED:
                # Withdrawn and published again at the same time: it is owed again.
                item.state, item.run_after, item.queued_for = (
                    State.PENDING,
                    due_at,
                    None,
                )
                item.save(update_fields=["state", "run_after", "queued_for"])
                created.append(item)
    for item in created:
        transaction.on_commit(lambda pk=item.pk: queue(pk))
    return created


def sync_new_posts(posts: list[Post], now: datetime | None = None) -> None:
    """`sync_post` for posts just created in bulk (they have no moments yet).

    The moments are recorded in one INSERT but not handed to the task backend one
    by one (a million-post seed owes thousands): the worker's sweep queues each
    when it is due, a few seconds later at most, as for a backend without deferred
    tasks.
    """
    now = now or clock.now()
    ScheduledMoment.objects.bulk_create(
        [
            ScheduledMoment(post=post, moment=moment, due_at=due_at, run_after=due_at)
            for post in posts
            for moment, due_at in wanted_moments(post, now).items()
        ]
    )


def queue(pk: int, run_after: datetime | None = None) -> None:
    """Hand one moment to the task backend, to run at its time."""
    from bulletin.scheduling.tasks import carry_out_moment

    item = ScheduledMoment.objects.filter(pk=pk, state=State.PENDING).first()
    if item is None:
        return
    now = clock.now()
    run_after = run_after or item.run_after
    task = carry_out_moment
    if run_after > now:
        if not task.get_backend().supports_defer:
            return  # The worker's sweep queues it once it is due.
        task = task.using(run_after=run_after)
    ScheduledMoment.objects.filter(pk=pk).update(queued_for=max(run_after, now))
    task.enqueue(pk)


def sweep(now: datetime | None = None) -> int:
    """Queue every due moment not queued yet, or queued and never run (catch-up)."""
    now = now or clock.now()
    due = ScheduledMoment.objects.filter(
        state=State.PENDING, run_after__lte=now
    ).filter(Q(queued_for__isnull=True) | Q(queued_for__lte=now - STALE_AFTER))
    pks = list(due.values_list("pk", flat=True))
    for pk in pks:
        queue(pk)
    return len(pks)


def still_wanted(item: ScheduledMoment) -> bool:
    post = item.post
    if post.status != Status.PUBLISHED:
        return False
    if item.moment == Moment.PUBLISH:
        return post.published_at == item.due_at
    return post.expires_at == item.due_at


def carry_out(pk: int, now: datetime | None = None) -> str:
    """Do one moment's work once; answer what happened ("done", "cancelled", …)."""
    now = now or clock.now()
    with transaction.atomic():
        item = (
            ScheduledMoment.objects.select_for_update(of=("self",))
            .select_related("post", "post__author")
            .filter(pk=pk)
            .first()
        )
        if item is None or item.state != State.PENDING:
            return "skipped"
        if item.run_after > now:
            return "not due"
        if not still_wanted(item):
            item.state = State.CANCELLED
            item.save(update_fields=["state"])
            return "cancelled"
        item.attempts += 1
        try:
            with transaction.atomic():
                moment_reached.send(
                    sender=ScheduledMoment,
                    post=item.post,
                    moment=item.moment,
                    due_at=item.due_at,
                    ran_at=now,
                )
                # Caches key on the content state, which already turns at this
                # time; raising the version as well clears anything keyed otherwise.
                # No day is marked: lists notice a time passing by themselves.
                bump_content_version(days=())
        except Exception as error:
            item.last_error = f"{type(error).__name__}: {error}"[:2000]
            if item.attempts >= MAX_ATTEMPTS:
                item.state = State.FAILED
                logger.exception("Gave up on %s after %s attempts", item, item.attempts)
            else:
                item.run_after = now + retry_delay(item.attempts)
                item.queued_for = None
                logger.exception("%s failed; trying again at %s", item, item.run_after)
                transaction.on_commit(lambda: queue(pk))
            item.save()
            return "failed"
        item.state = State.DONE
        item.done_at = now
        item.last_error = ""
        item.save()
        logger.info("%s done", item)
        return "done"
