"""Who else has a post open for editing, so two people know before they collide."""

from __future__ import annotations

from django.contrib.auth import get_user_model

from bulletin.editorial.models import PRESENCE_WINDOW, Presence
from bulletin.posts import clock
from bulletin.posts.models import Post


def touch(post: Post, user) -> None:
    Presence.objects.update_or_create(
        post=post, user=user, defaults={"seen_at": clock.now()}
    )


def others(post: Post, user) -> list:
    """People other than `user` whose edit page for the post checked in recently."""
    since = clock.now() - PRESENCE_WINDOW
    ids = (
        Presence.objects.filter(post=post, seen_at__gte=since)
        .exclude(user=user)
        .values_list("user_id", flat=True)
    )
    return list(get_user_model().objects.filter(pk__in=list(ids)).order_by("username"))


def leave(post: Post, user) -> None:
    Presence.objects.filter(post=post, user=user).delete()
