"""`{% alternatives_of attachments as formats %}`: each document's accessible
formats, by attachment id, in one query."""

from __future__ import annotations

from django import template

from bulletin.alternatives.models import Alternative

register = template.Library()


@register.simple_tag
def alternatives_of(attachments) -> dict[int, list[Alternative]]:
    found: dict[int, list[Alternative]] = {}
    for item in Alternative.objects.filter(
        attachment_id__in=[a.pk for a in attachments]
    ).only("pk", "attachment_id", "format", "filename", "size"):
        found.setdefault(item.attachment_id, []).append(item)
    return found


@register.filter
def formats_for(found: dict, attachment_id: int) -> list[Alternative]:
    return found.get(attachment_id, [])
