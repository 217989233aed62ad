from __future__ import annotations

import uuid

from django.http import FileResponse, Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_safe

from bulletin.posts.models import Post
from bulletin.posts.serving import file_response
from bulletin.thumbnails.models import Rendition, Size, Thumbnail


@require_safe
def image(request: HttpRequest, attachment_id: int, size: str) -> FileResponse:
    """A thumbnail, only while its post is public (like the attachment itself)."""
    if size not in Size.values:
        raise Http404("No such size")
    thumbnail = get_object_or_404(
        Thumbnail.objects.filter(attachment__post__in=Post.objects.public()),
        attachment_id=attachment_id,
        size=size,
    )
    response = file_response(thumbnail.file, content_type="image/jpeg")
    response["Content-Disposition"] = "inline"
    # As short as public pages: a withdrawn post's image leaves caches within a minute.
    response["Cache-Control"] = "public, max-age=60"
    return response


@require_safe
def rendition(request: HttpRequest, key: uuid.UUID, width: int) -> FileResponse:
    """One width of a library image. Its address holds the image's random key, so
    images of unpublished posts cannot be found by counting."""
    found = get_object_or_404(Rendition, image__key=key, width=width)
    response = file_response(found.file, content_type="image/jpeg")
    response["Content-Disposition"] = "inline"
    # Short: a replaced image keeps its address and must show soon everywhere.
    response["Cache-Control"] = "public, max-age=300"
    response["X-Content-Type-Options"] = "nosniff"
    return response
