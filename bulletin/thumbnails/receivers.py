"""Thumbnails follow their attachment, renditions their library image: made when it
is saved, removed with it."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from bulletin.images.models import Image
from bulletin.posts.models import Attachment
from bulletin.posts.signals import posts_created_in_bulk
from bulletin.thumbnails.making import make_renditions, make_thumbnails
from bulletin.thumbnails.models import Rendition, Thumbnail


@receiver(post_save, sender=Attachment)
def attachment_saved(sender, instance: Attachment, raw: bool = False, **kwargs) -> None:
    if not raw:
        make_thumbnails(instance)


@receiver(posts_created_in_bulk)
def posts_created(sender, attachments: dict[int, list[Attachment]], **kwargs) -> None:
    for files in attachments.values():
        for attachment in files:
            make_thumbnails(attachment)


@receiver(post_delete, sender=Thumbnail)
def thumbnail_deleted(sender, instance: Thumbnail, **kwargs) -> None:
    if instance.file:
        instance.file.storage.delete(instance.file.name)


@receiver(post_save, sender=Image)
def image_saved(
    sender,
    instance: Image,
    created: bool,
    raw: bool = False,
    update_fields=None,
    **kwargs,
) -> None:
    # Only a new file needs new renditions; editing the alt text does not.
    if not raw and (created or update_fields is None or "file" in update_fields):
        make_renditions(instance)


@receiver(post_delete, sender=Rendition)
def rendition_deleted(sender, instance: Rendition, **kwargs) -> None:
    if instance.file:
        instance.file.storage.delete(instance.file.name)
