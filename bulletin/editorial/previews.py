"""Seeing a post as the public will: for staff, and through share links for anyone.

A share link's address carries the link's random key signed with the site's secret,
so a guessed or altered address fails before the database is asked; the row makes it
revocable and gives it an expiry.
"""

from __future__ import annotations

from django.core import signing
from django.db import transaction
from django.utils.translation import gettext as _

from bulletin.accounts.roles import can_see
from bulletin.editorial import revisions
from bulletin.editorial.models import PreviewLink
from bulletin.editorial.services import WorkflowError
from bulletin.posts import clock
from bulletin.posts.models import Post, Status, Topic

_signer = signing.Signer(salt="bulletin.editorial.preview")


def token(link: PreviewLink) -> str:
    return _signer.sign(link.key)


def resolve(value: str) -> PreviewLink | None:
    """The active link a token names, or None (bad signature, revoked, expired)."""
    try:
        key = _signer.unsign(value)
    except signing.BadSignature:
        return None
    link = PreviewLink.objects.select_related("post").filter(key=key).first()
    return link if link and link.is_active() else None


@transaction.atomic
def create_link(post: Post, actor) -> PreviewLink:
    if not can_see(actor, post):
        raise WorkflowError(_("You may not share this post."))
    if post.status == Status.WITHDRAWN:
        raise WorkflowError(_("A withdrawn post cannot be shared."), status=409)
    return PreviewLink.objects.create(post=post, created_by=actor)


def revoke_all(post: Post) -> int:
    """Revoke every active link of the post (it was withdrawn); answer how many."""
    return PreviewLink.objects.filter(post=post, revoked_at=None).update(
        revoked_at=clock.now()
    )


@transaction.atomic
def revoke_link(link: PreviewLink, actor) -> PreviewLink:
    if not can_see(actor, link.post):
        raise WorkflowError(_("You may not change this post's links."))
    if link.revoked_at is None:
        link.revoked_at = clock.now()
        link.save(update_fields=["revoked_at"])
    return link


def as_previewed(post: Post) -> tuple[Post, list[Topic]]:
    """The post as it will look: with its prepared change, if it has one (unsaved)."""
    pending = revisions.pending_change(post)
    if pending is None:
        return post, list(post.topics.all())
    copy = Post.objects.get(pk=post.pk)
    topic_ids = revisions.apply(copy, pending.data)
    return copy, list(Topic.objects.filter(pk__in=topic_ids))
