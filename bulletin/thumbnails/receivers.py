"""Thumbnails follow their attachment: made when it is saved, removed with it."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from bulletin.posts.models import Attachment
from bulletin.thumbnails.making import make_thumbnails
from bulletin.thumbnails.models import Thumbnail


@receiver(post_save, sender=Attachment)
def attachment_saved(sender, instance: Attachment, raw: bool = False, **kwargs) -> None:
    if not raw:
        make_thumbnails(instance)


@receiver(post_delete, sender=Thumbnail)
def thumbnail_deleted(sender, instance: Thumbnail, **kwargs) -> None:
    if instance.file:
        instance.file.storage.delete(instance.file.name)
