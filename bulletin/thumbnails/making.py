"""Make the thumbnails of an image attachment with Pillow."""

from __future__ import annotations

import io
import logging

from django.core.files.base import ContentFile
from PIL import Image, ImageOps

from bulletin.images.models import Image as LibraryImage
from bulletin.posts.models import Attachment
from bulletin.thumbnails.models import (
    BOXES,
    RENDITION_WIDTHS,
    Rendition,
    Size,
    Thumbnail,
)

logger = logging.getLogger(__name__)

# Renditions are fitted to a width; this only bounds absurdly tall images.
MAX_HEIGHT = 10_000
THUMBNAIL_TYPES = {"image/png", "image/jpeg", "image/gif", "image/webp"}


def render(source: Image.Image, box: tuple[int, int]) -> tuple[bytes, int, int]:
    image = ImageOps.exif_transpose(source)
    if image.mode in ("RGBA", "LA", "P"):
        # Transparent areas become white, as they look on the page.
        image = image.convert("RGBA")
        background = Image.new("RGB", image.size, (255, 255, 255))
        background.paste(image, mask=image.getchannel("A"))
        image = background
    else:
        image = image.convert("RGB")
    image.thumbnail(box, Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    # Saved afresh: no EXIF (camera, place) is carried over to the public copy.
    image.save(buffer, format="JPEG", quality=82, optimize=True, progressive=True)
    return buffer.getvalue(), image.width, image.height


def make_thumbnail(attachment: Attachment, size: str = Size.LIST) -> Thumbnail | None:
    """Store the attachment's thumbnail of this size; None if it is not an image."""
    if attachment.content_type not in THUMBNAIL_TYPES or not attachment.file:
        return None
    existing = Thumbnail.objects.filter(attachment=attachment, size=size).first()
    if existing and existing.source_name == attachment.file.name:
        return existing
    with attachment.file.open("rb") as handle, Image.open(handle) as source:
        data, width, height = render(source, BOXES[size])
    thumbnail = existing or Thumbnail(attachment=attachment, size=size)
    old_file = existing.file.name if existing else ""
    thumbnail.width, thumbnail.height = width, height
    thumbnail.source_name = attachment.file.name
    thumbnail.file.save("thumbnail.jpg", ContentFile(data), save=False)
    thumbnail.save()
    if old_file:
        thumbnail.file.storage.delete(old_file)
    return thumbnail


def make_thumbnails(attachment: Attachment) -> list[Thumbnail]:
    """Every size; an image Pillow cannot read is logged and left without one."""
    made = []
    for size in Size:
        try:
            thumbnail = make_thumbnail(attachment, size)
        except (OSError, ValueError, Image.DecompressionBombError):
            logger.warning(
                "No thumbnail for attachment %s", attachment.pk, exc_info=True
            )
            return made
        if thumbnail is not None:
            made.append(thumbnail)
    return made


def make_renditions(image: LibraryImage) -> list[Rendition]:
    """Every width of RENDITION_WIDTHS narrower than the image, plus the image at its
    own width (at most the widest); older renditions of a replaced file go."""
    with image.file.open("rb") as handle, Image.open(handle) as source:
        source.load()
        natural = ImageOps.exif_transpose(source).width
        widths = sorted(
            {w for w in RENDITION_WIDTHS if w < natural}
            | {min(natural, RENDITION_WIDTHS[-1])}
        )
        made = []
        for width in widths:
            data, actual_width, height = render(source, (width, MAX_HEIGHT))
            rendition = Rendition(image=image, width=actual_width, height=height)
            rendition.file.save("rendition.jpg", ContentFile(data), save=False)
            made.append(rendition)
    # Deleting sends post_delete, whose receiver removes the old files.
    image.renditions.all().delete()
    Rendition.objects.bulk_create(made)
    return made
