"""Raise the content version when, and only when, something a reader can see changed.

A post the public has never seen and will not see as it stands (a draft, a post in
review) can be saved, reviewed and shared any number of times without touching the
public side: its ETags and cached pages stay valid. A post that is or was published
(scheduled ones included: their time is a coming change) raises the version on every
save, as do its attachments, change notes and topics, and any change of the topics.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.dispatch import Signal, receiver

from bulletin.posts.models import Attachment, ChangeNote, Post, Status, Topic
from bulletin.posts.state import bump_content_version, day_of

# Sent for each batch of new posts written in bulk (`posts.bulk`: seeding, loading),
# which sends no per-row signals, inside the batch's transaction. Arguments: `posts`
# (the new posts, ids set), `topics` (post id -> topic ids) and `attachments` (post
# id -> its Attachment rows). Each app keeping data derived from posts does for the
# batch what its per-post receiver does for one saved post: the same rule, in bulk.
posts_created_in_bulk = Signal()
# Sent once a whole bulk write (a seed) has committed, outside any transaction:
# housekeeping such as fresh planner statistics for derived tables.
posts_bulk_written = Signal()

# Statuses whose posts are, were or will be seen by readers (withdrawn posts keep a
# notice at their address and a cancelled entry in calendars).
SEEN = frozenset({Status.PUBLISHED, Status.WITHDRAWN})


def is_seen(status: str | None) -> bool:
    return status in SEEN


@receiver(pre_save, sender=Post)
def remember_status(sender, instance: Post, raw: bool = False, **kwargs) -> None:
    if raw or instance.pk is None:
        instance._before = (None, None)
        return
    row = Post.objects.filter(pk=instance.pk).values_list("status", "published_at")
    instance._before = row.first() or (None, None)


@receiver(post_save, sender=Post)
def post_saved(sender, instance: Post, raw: bool = False, **kwargs) -> None:
    if raw:
        return
    status_before, published_before = getattr(instance, "_before", (None, None))
    if is_seen(status_before) or is_seen(instance.status):
        bump_content_version(
            days=[day_of(published_before), day_of(instance.published_at)]
        )


@receiver(posts_created_in_bulk)
def posts_created(sender, posts: list[Post], **kwargs) -> None:
    # As `post_saved` for each new post (their topics and files change the same days).
    days = [day_of(post.published_at) for post in posts if is_seen(post.status)]
    if days:
        bump_content_version(days=days)


@receiver(post_delete, sender=Post)
def post_deleted(sender, instance: Post, **kwargs) -> None:
    if is_seen(instance.status):
        bump_content_version(days=[day_of(instance.published_at)])


@receiver(post_save, sender=Attachment)
@receiver(post_delete, sender=Attachment)
@receiver(post_save, sender=ChangeNote)
@receiver(post_delete, sender=ChangeNote)
def part_changed(sender, instance, raw: bool = False, **kwargs) -> None:
    if raw:
        return
    post = Post.objects.filter(pk=instance.post_id).values_list("status", flat=True)
    # A part of a post deleted with it finds no post: the post's own signal counts.
    if is_seen(post.first()):
        bump_content_version(days=())  # the post's page changes, no list's pages


# The topic list and every filter show topics: renaming one moves no post between
# pages, deleting one empties its lists.
@receiver(post_save, sender=Topic)
def topic_saved(sender, raw: bool = False, **kwargs) -> None:
    if not raw:
        bump_content_version(days=())


@receiver(post_delete, sender=Topic)
def topic_deleted(sender, **kwargs) -> None:
    bump_content_version()


@receiver(m2m_changed, sender=Post.topics.through)
def topics_changed(sender, instance, action: str, reverse: bool, **kwargs) -> None:
    if not action.startswith("post_"):
        return
    if reverse:
        bump_content_version()
    elif is_seen(instance.status):
        bump_content_version(days=[day_of(instance.published_at)])
