"""Keep the index in step with every save, in the same transaction as the save.

Posts created in bulk (`posts.bulk`: seeding, loading) are indexed in bulk, the same
way. Other bulk writes (`QuerySet.update()`, `bulk_create()`) send no per-row
signals: after one, `bulletin reindex` brings the index up to date.
"""

from django.db import connection
from django.db.models import QuerySet
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from django.dispatch import receiver

from bulletin.posts.models import Attachment, Post
from bulletin.posts.signals import posts_bulk_written, posts_created_in_bulk
from bulletin.search.backends import get_backend
from bulletin.search.indexing import index_new_posts, index_post, unindex_post


@receiver(posts_created_in_bulk)
def posts_created(sender, posts, topics, attachments, **kwargs) -> None:
    index_new_posts(posts, topics, attachments)


@receiver(posts_bulk_written)
def posts_written_in_bulk(sender, **kwargs) -> None:
    if not connection.in_atomic_block:
        get_backend().after_rebuild()


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
