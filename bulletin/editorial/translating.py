"""What the back office shows of a post's languages: the original beside a
translation being written, and each post's public address in its own language."""

from __future__ import annotations

from django.urls import reverse
from django.utils import translation

from bulletin.i18n.models import TranslationSource
from bulletin.posts.models import Post


def original_of(post: Post) -> Post | None:
    """The post this one was translated from, if it is a translation."""
    record = (
        TranslationSource.objects.filter(post=post, source__isnull=False)
        .select_related("source")
        .first()
    )
    return record.source if record else None


def public_path(post: Post) -> str:
    """The public page in the post's language, whatever the back office speaks
    (a French translation's "Public page" opens /fr/…)."""
    with translation.override(post.language):
        return reverse("public:post", kwargs={"slug": post.slug})
