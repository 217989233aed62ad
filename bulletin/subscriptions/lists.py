"""Which subscriptions a post belongs to, and what a subscription's list is called.

The same rule serves the fan-out (who gets an alert) and the mail itself (which lists
it names and unsubscribes from), so the two never disagree.
"""

from __future__ import annotations

from django.conf import settings
from django.db.models import Q, QuerySet

from bulletin.posts.listing import KIND_SEGMENTS, PostList
from bulletin.posts.models import Post
from bulletin.subscriptions.models import Subscription


def matching(
    post: Post, frequency: str, among: QuerySet[Subscription] | None = None
) -> QuerySet[Subscription]:
    """Confirmed subscriptions of `frequency` whose list the post appears in."""
    among = Subscription.objects.all() if among is None else among
    return (
        among.filter(
            confirmed_at__isnull=False, frequency=frequency, language=post.language
        )
        .filter(Q(kind="") | Q(kind=post.kind))
        .filter(Q(topic__isnull=True) | Q(topic__in=post.topics.all()))
    )


def in_stream(post: Post) -> bool:
    """Whether followers hear of the post: the one public rule (which leaves the
    organisation's own pages out of every list)."""
    return Post.objects.public().filter(pk=post.pk).exists()


def of_subscriber(subscriber) -> QuerySet[Subscription]:
    """A subscriber's own subscriptions, found by their ids: the planner then reads a
    handful of rows by key instead of walking the matching index of every follower."""
    ids = list(
        Subscription.objects.filter(subscriber=subscriber).values_list("pk", flat=True)
    )
    return Subscription.objects.filter(pk__in=ids)


def post_list(subscription: Subscription) -> PostList:
    return PostList(
        language=subscription.language,
        kind=subscription.kind or None,
        topic=subscription.topic,
    )


def heading(subscription: Subscription) -> str:
    return post_list(subscription).heading()


def form_path_kwargs(kind: str | None, topic_slug: str | None) -> dict[str, str]:
    kwargs = {}
    if kind:
        kwargs["kind"] = KIND_SEGMENTS[kind]
    if topic_slug:
        kwargs["topic"] = topic_slug
    return kwargs


def absolute(path: str) -> str:
    """A link for mail: the configured site URL (mail has no request to borrow one)."""
    return (settings.BULLETIN_SITE["url"] or "http://localhost:8000") + path
