"""Putting images into the media library: one checked way in for the editor's
dialog and the library page alike."""

from __future__ import annotations

import io

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _
from PIL import Image as PillowImage
from PIL import ImageOps

from bulletin.images.models import Image
from bulletin.posts import clock
from bulletin.posts.uploads import inspect_upload

IMAGE_TYPES = {"image/png", "image/jpeg", "image/gif", "image/webp"}


def check_image(upload: UploadedFile) -> tuple[str, int, int]:
    """The type and upright size of an uploaded image, or ValidationError saying why."""
    checked = inspect_upload(upload)
    if checked.content_type not in IMAGE_TYPES:
        raise ValidationError(
            _("This is not an image. Use PNG, JPEG, GIF or WebP."), code="not_image"
        )
    upload.seek(0)
    with PillowImage.open(io.BytesIO(upload.read())) as source:
        upright = ImageOps.exif_transpose(source)
        width, height = upright.size
    upload.seek(0)
    return checked.content_type, width, height


def _title_from(name: str) -> str:
    stem = (name or "").rsplit("/", 1)[-1].rsplit(".", 1)[0]
    return stem.replace("_", " ").replace("-", " ").strip()[:200] or _("Image")


def add_image(
    user, upload: UploadedFile, *, title: str = "", alt: str = "", language: str = ""
) -> Image:
    """Store a new library image (its renditions are made as it is saved)."""
    content_type, width, height = check_image(upload)
    texts = {language or settings.LANGUAGE_CODE: alt.strip()} if alt.strip() else {}
    with transaction.atomic():
        image = Image(
            title=title.strip()[:200] or _title_from(upload.name),
            content_type=content_type,
            width=width,
            height=height,
            alt_texts=texts,
            uploaded_by=user if getattr(user, "is_authenticated", False) else None,
        )
        image.file.save("upload", upload, save=False)
        image.save()
    return image


def replace_file(image: Image, upload: UploadedFile) -> Image:
    """A new file for the same image: every post that shows it shows the new one."""
    content_type, width, height = check_image(upload)
    old = image.file.name
    image.content_type, image.width, image.height = content_type, width, height
    image.updated_at = clock.now()
    image.file.save("upload", upload, save=False)
    image.save(update_fields=["file", "content_type", "width", "height", "updated_at"])
    if old and old != image.file.name:
        image.file.storage.delete(old)
    return image


def search(query: str) -> QuerySet[Image]:
    """Newest first; a query matches the name or any language's alt text."""
    images = Image.objects.all()
    query = query.strip()[:200]
    if query:
        images = images.filter(
            Q(title__icontains=query) | Q(alt_texts__icontains=query)
        )
    return images.order_by("-created_at", "-id")
