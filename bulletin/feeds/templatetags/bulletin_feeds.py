"""Head tags for every public page: feed links, canonical URL, JSON-LD, Open Graph."""

from __future__ import annotations

from django import template
from django.conf import settings
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from bulletin.feeds import metadata
from bulletin.feeds.feeds import FORMATS, feed_path, feed_title
from bulletin.posts.listing import PostList
from bulletin.posts.models import Kind, Post, Status

register = template.Library()

FEED_TYPES = {
    "rss": ("application/rss+xml", "RSS"),
    "atom": ("application/atom+xml", "Atom"),
    "json": ("application/feed+json", "JSON Feed"),
}


def _feed_list(context) -> PostList:
    """The list whose feeds a page offers: the one shown (without its year), else all."""
    shown = context.get("post_list")
    if isinstance(shown, PostList):
        return PostList(language=shown.language, kind=shown.kind, topic=shown.topic)
    return PostList(language=get_language())


@register.inclusion_tag("feeds/_alternate_links.html", takes_context=True)
def feed_links(context) -> dict:
    current = _feed_list(context)
    lists = [current]
    if current.kind or current.topic:
        lists.append(PostList(language=current.language))
    links = [
        {
            "href": feed_path(post_list, fmt),
            "type": FEED_TYPES[fmt][0],
            "title": f"{feed_title(post_list)} ({FEED_TYPES[fmt][1]})",
        }
        for post_list in lists
        for fmt in FORMATS
    ]
    if current.kind in (None, Kind.EVENT):
        kwargs = {"topic": current.topic.slug} if current.topic else {}
        links.append(
            {
                "href": reverse("feeds:calendar", kwargs=kwargs),
                "type": "text/calendar",
                "title": settings.BULLETIN_SITE["name"]
                + " – "
                + _("Events")
                + " (iCalendar)",
            }
        )
    return {"links": links}


@register.inclusion_tag("feeds/_metadata.html", takes_context=True)
def page_metadata(context) -> dict:
    request = context.get("request")
    if request is None:
        return {}
    post = context.get("post")
    if post is not None and context.get("canonical_url"):
        data = metadata.post_metadata(request, post, context.get("change_notes") or ())
        # The post page writes its own canonical link.
        data["canonical"] = None
        return data
    post_list = context.get("post_list")
    pages = context.get("pages")
    site_name = settings.BULLETIN_SITE["name"]
    heading = context.get("heading")
    title = f"{heading} – {site_name}" if heading else site_name
    if isinstance(post, Post) and post.status == Status.WITHDRAWN:
        return metadata.withdrawn_metadata(request, post, title)
    return metadata.list_metadata(
        request,
        post_list if isinstance(post_list, PostList) else None,
        title,
        page=getattr(pages, "number", 1),
    )
