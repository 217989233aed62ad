"""Keep the index in step with every save, in the same transaction as the save.

Bulk writes (`QuerySet.update()`, `bulk_create()`) send no per-row signals: seeding
sends `posts_bulk_written` instead, which rebuilds the index; after any other bulk
write, `bulletin reindex` does.
"""

from django.db.models import QuerySet
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from django.dispatch import receiver

from bulletin.posts.models import Attachment, Post
from bulletin.posts.signals import posts_bulk_written
from bulletin.search.indexing import index_post, reindex, unindex_post
from bulletin.search.tasks import rebuild_index

# Up to this many posts the index is rebuilt at once; past it, by the job runner, so
# `bulletin seed --posts 100000` returns in about a minute.
REBUILD_INLINE_UP_TO = 5000


@receiver(posts_bulk_written)
def posts_written_in_bulk(sender, **kwargs) -> None:
    if Post.objects.count() <= REBUILD_INLINE_UP_TO:
        reindex()
    else:
        rebuild_index.enqueue()


@receiver(post_save, sender=Post)
def post_saved(sender, instance: Post, **kwargs) -> None:
    index_post(instance)


@receiver(pre_delete, sender=Post)
def post_deleted(sender, instance: Post, **kwargs) -> None:
    # Before the delete: the entry, and with it the key, goes in the cascade.
    unindex_post(instance.pk)


@receiver(m2m_changed, sender=Post.topics.through)
def topics_changed(
    sender, instance, action: str, reverse: bool, pk_set, **kwargs
) -> None:
    """Topics are facets of the index (see facets.py): follow them from either side."""
    if not reverse:
        if action in ("post_add", "post_remove", "post_clear"):
            index_post(instance)
        return
    if action == "pre_clear":
        instance._search_cleared = list(instance.posts.values_list("pk", flat=True))
        return
    if action in ("post_add", "post_remove"):
        post_ids = pk_set or ()
    elif action == "post_clear":
        post_ids = getattr(instance, "_search_cleared", ())
    else:
        return
    for post in Post.objects.filter(pk__in=list(post_ids)):
        index_post(post)


@receiver(post_save, sender=Attachment)
@receiver(post_delete, sender=Attachment)
def attachment_changed(sender, instance: Attachment, **kwargs) -> None:
    origin = kwargs.get("origin")
    if isinstance(origin, Post) or (
        isinstance(origin, QuerySet) and origin.model is Post
    ):
        return  # the post itself is being deleted
    post = Post.objects.filter(pk=instance.post_id).first()
    if post is not None:
        index_post(post)
