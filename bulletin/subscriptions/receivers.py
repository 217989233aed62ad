"""Publication events owe alerts; each worker round turns them into sent mail.

`moment_reached` is sent once per publication, inside the transaction that marks it
done (scheduled posts when their time comes, and posts published now, which get a
moment too). Only the event row is written there; mail is sent by later rounds.
"""

from __future__ import annotations

from django.db.models.signals import post_save
from django.dispatch import receiver

from bulletin.posts import clock
from bulletin.posts.models import ChangeNote, Post, Status
from bulletin.posts.signals import posts_created_in_bulk
from bulletin.scheduling.models import Moment
from bulletin.scheduling.signals import moment_reached, worker_round
from bulletin.subscriptions import alerts, outbox, services, websub


@receiver(moment_reached)
def post_went_live(sender, *, post, moment, **kwargs) -> None:
    if moment == Moment.PUBLISH:
        alerts.post_went_live(post)
    websub.feeds_changed(post)  # in, or out at its expiry


@receiver(post_save, sender=Post)
def post_saved(sender, instance: Post, raw=False, **kwargs) -> None:
    # An edit or withdrawal of a post readers could already see changes its feeds; a
    # draft or a post still scheduled changes nothing yet.
    if raw or instance.status not in (Status.PUBLISHED, Status.WITHDRAWN):
        return
    if instance.published_at and instance.published_at <= clock.now():
        websub.feeds_changed(instance)


@receiver(posts_created_in_bulk)
def posts_created(sender, posts: list[Post], **kwargs) -> None:
    for post in posts:
        post_saved(sender, post)


@receiver(post_save, sender=ChangeNote)
def change_noted(sender, instance: ChangeNote, created: bool, raw=False, **kwargs):
    if created and not raw:
        alerts.post_corrected(instance)


# Each round, in this order; each step on its own, so one failing spares the others.
@receiver(worker_round)
def recover_abandoned_mail(sender, **kwargs) -> None:
    outbox.recover_stale()


@receiver(worker_round)
def queue_owed_mail(sender, **kwargs) -> None:
    alerts.fan_out_pending()
    alerts.queue_digests()
    services.prune()


@receiver(worker_round)
def send_due_mail(sender, *, worker_id: str, **kwargs) -> None:
    outbox.deliver_due(worker=worker_id)
