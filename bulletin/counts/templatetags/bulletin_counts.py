"""Reader counts in templates: `{% views_of post as n %}`, `{% downloads_of attachments as d %}`."""

from __future__ import annotations

from django import template

from bulletin.counts.models import AttachmentDownloads, PostViews

register = template.Library()


@register.simple_tag
def views_of(post) -> int:
    return (
        PostViews.objects.filter(post_id=post.pk)
        .values_list("views", flat=True)
        .first()
        or 0
    )


@register.simple_tag
def downloads_of(attachments) -> dict[int, int]:
    """Downloads of each attachment of a list, by id, in one query."""
    ids = [attachment.pk for attachment in attachments]
    return dict(
        AttachmentDownloads.objects.filter(attachment_id__in=ids).values_list(
            "attachment_id", "downloads"
        )
    )


@register.filter
def get_count(counts: dict, key) -> int:
    return counts.get(key, 0)
