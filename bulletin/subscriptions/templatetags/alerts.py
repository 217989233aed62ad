"""`{% alerts_url post_list %}`: the sign-up form of the list shown (without its year)."""

from __future__ import annotations

from django import template
from django.urls import reverse

from bulletin.posts.listing import PostList
from bulletin.subscriptions.lists import form_path_kwargs

register = template.Library()


@register.simple_tag
def alerts_url(post_list: PostList | None = None) -> str:
    if not isinstance(post_list, PostList):
        return reverse("alerts:form")
    topic = post_list.topic.slug if post_list.topic else None
    return reverse("alerts:form", kwargs=form_path_kwargs(post_list.kind, topic))
