from django import template
from django.utils.safestring import SafeString

from bulletin.thumbnails.bodies import with_renditions

register = template.Library()


@register.filter
def body_with_renditions(body: str, language: str) -> SafeString:
    """`{{ post.body|body_with_renditions:post.language }}`: see thumbnails.bodies."""
    return with_renditions(body, language)
