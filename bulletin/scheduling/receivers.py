"""Keep scheduled moments in step with posts, whoever saves them."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from bulletin.posts.models import Post
from bulletin.posts.signals import posts_created_in_bulk
from bulletin.scheduling.moments import sync_new_posts, sync_post


@receiver(post_save, sender=Post)
def post_saved(sender, instance: Post, raw: bool = False, **kwargs) -> None:
    if not raw:
        sync_post(instance)


@receiver(posts_created_in_bulk)
def posts_created(sender, posts: list[Post], **kwargs) -> None:
    sync_new_posts(posts)
