"""Watch every save and delete of a post, whatever made it (form, API, import, shell).

A post that was public and changes its slug or language leaves its old address
behind as a redirect; one that is deleted leaves it as 410 Gone. `QuerySet.update()`
sends no signals and so is not seen: change slugs through `save()`.
"""

from __future__ import annotations

from django.db.models.signals import post_save, pre_delete, pre_save
from django.dispatch import receiver

from bulletin.posts.models import Post
from bulletin.posts.signals import posts_created_in_bulk
from bulletin.redirects.addresses import (
    forget_current,
    forget_current_of_many,
    had_been_public,
    post_path,
    remember,
)
from bulletin.redirects.models import Reason, Redirect


@receiver(pre_save, sender=Post)
def note_old_address(sender, instance: Post, raw: bool = False, **kwargs) -> None:
    instance._old_address = None
    instance._address_changed = instance.pk is None
    if raw or instance.pk is None:
        return
    before = Post.objects.filter(pk=instance.pk).first()
    if before is None:
        instance._address_changed = True
        return
    if (before.language, before.slug) == (instance.language, instance.slug):
        return
    instance._address_changed = True
    if had_been_public(before):
        instance._old_address = post_path(before.language, before.slug)


@receiver(post_save, sender=Post)
def keep_old_address(sender, instance: Post, raw: bool = False, **kwargs) -> None:
    if raw or not getattr(instance, "_address_changed", False):
        return
    forget_current(instance)
    if instance._old_address:
        remember(instance._old_address, instance, Reason.RENAMED)
    instance._old_address = None
    instance._address_changed = False


@receiver(posts_created_in_bulk)
def new_posts_take_their_addresses(sender, posts: list[Post], **kwargs) -> None:
    # As `keep_old_address` for a new post: it has no old address of its own.
    forget_current_of_many(posts)


@receiver(pre_delete, sender=Post)
def leave_gone_address(sender, instance: Post, **kwargs) -> None:
    if had_been_public(instance):
        # Its other old addresses lose their post (SET_NULL) and answer 410 too.
        remember(post_path(instance.language, instance.slug), None, Reason.DELETED)
    else:
        Redirect.objects.filter(post=instance).delete()
