"""Keep the index in step with every save, in the same transaction as the save.

Bulk writes (`QuerySet.update()`, `bulk_create()`, as `bulletin seed` uses) send no
signals; `bulletin reindex` rebuilds the index after them.
"""

from django.db.models import QuerySet
from django.db.models.signals import post_delete, post_save, pre_delete
from django.dispatch import receiver

from bulletin.posts.models import Attachment, Post
from bulletin.search.indexing import index_post, unindex_post


@receiver(post_save, sender=Post)
def post_saved(sender, instance: Post, **kwargs) -> None:
    index_post(instance)


@receiver(pre_delete, sender=Post)
def post_deleted(sender, instance: Post, **kwargs) -> None:
    # Before the delete: the entry, and with it the key, goes in the cascade.
    unindex_post(instance.pk)


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
