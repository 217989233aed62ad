"""Raise the content version whenever anything a reader can see may have changed."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import Signal, receiver

from bulletin.posts.models import Attachment, ChangeNote, Post, Topic
from bulletin.posts.state import bump_content_version

# Sent after posts were written in bulk (seeding), which sends no per-row signals:
# apps that keep data derived from posts (the search index) bring it up to date.
posts_bulk_written = Signal()


@receiver(post_save, sender=Post)
@receiver(post_delete, sender=Post)
@receiver(post_save, sender=Attachment)
@receiver(post_delete, sender=Attachment)
@receiver(post_save, sender=ChangeNote)
@receiver(post_delete, sender=ChangeNote)
@receiver(post_save, sender=Topic)
@receiver(post_delete, sender=Topic)
def content_changed(sender, **kwargs) -> None:
    if kwargs.get("raw"):
        return
    bump_content_version()


@receiver(m2m_changed, sender=Post.topics.through)
def topics_changed(sender, action: str, **kwargs) -> None:
    if action.startswith("post_"):
        bump_content_version()
