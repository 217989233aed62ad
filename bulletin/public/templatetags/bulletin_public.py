"""Presentation helpers for public templates: list-aware links, event times, file sizes."""

from __future__ import annotations

from django import template

from bulletin.posts.listing import PostList
from bulletin.posts.models import Post
from bulletin.posts.templatetags.bulletin_time import html_datetime
from bulletin.public.summaries import event_when

register = template.Library()


@register.simple_tag
def post_url(post_list: PostList, post: Post) -> str:
    """The post's address inside the list being browsed, so Prev/Next stay in it."""
    return post_list.post_url(post)


@register.simple_tag
def list_url(post_list: PostList, page: int = 1) -> str:
    return post_list.url(page)


# Also computed for list rows without the template (bulletin/public/summaries.py).
register.simple_tag(event_when)


# The same filter as `bulletin_time`'s, for templates that load only this library.
register.filter("iso", html_datetime)
