"""The site's feeds: every list a reader can browse, as RSS 2.0, Atom 1.0 and JSON Feed.

A feed follows the list at the same address: /en/feed.atom is the list at /en/,
/en/events/topics/water/feed.json the list at /en/events/topics/water/. Items are the
newest public posts of that list, each with its full content.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import feedgenerator
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from bulletin.feeds import content
from bulletin.feeds.generators import AtomFeed, JsonFeed, RssFeed
from bulletin.posts.listing import KIND_SEGMENTS, SEGMENT_KINDS, PostList
from bulletin.posts.models import Post, Topic

FEED_SIZE = 50
FORMATS = {"rss": RssFeed, "atom": AtomFeed, "json": JsonFeed}


class TitledEnclosure(feedgenerator.Enclosure):
    def __init__(self, url: str, length: str, mime_type: str, title: str = "") -> None:
        super().__init__(url, length, mime_type)
        self.title = title


def feed_list(kind: str | None = None, topic: str | None = None) -> PostList:
    """The list a feed follows, in the language of the address; 404 for an unknown topic."""
    return PostList(
        language=get_language(),
        kind=SEGMENT_KINDS[kind] if kind else None,
        topic=get_object_or_404(Topic, slug=topic) if topic else None,
    )


def feed_items(post_list: PostList) -> list[Post]:
    # Newest first, like the list; everything an item shows is fetched in a fixed
    # number of queries whatever the number of items.
    posts = post_list.queryset().prefetch_related(
        "topics", "attachments", "change_notes"
    )
    return list(posts[:FEED_SIZE])


def feed_path(post_list: PostList, fmt: str) -> str:
    segments = {}
    if post_list.kind:
        segments["kind"] = KIND_SEGMENTS[post_list.kind]
    if post_list.topic:
        segments["topic"] = post_list.topic.slug
    return reverse("feeds:feed", kwargs={**segments, "fmt": fmt})


class PostFeed(Feed):
    """One list of posts as a feed; `feed_type` picks the format."""

    def __init__(self, fmt: str) -> None:
        self.fmt = fmt
        self.feed_type = FORMATS[fmt]

    def get_object(
        self, request: HttpRequest, kind: str | None = None, topic=None, **kwargs
    ):
        self.request = request
        return feed_list(kind, topic)

    def title(self, obj: PostList) -> str:
        return feed_title(obj)

    def link(self, obj: PostList) -> str:
        return content.absolute(self.request, obj.url())

    def feed_url(self, obj: PostList) -> str:
        return content.absolute(self.request, feed_path(obj, self.fmt))

    def description(self, obj: PostList) -> str:
        return settings.BULLETIN_SITE["description"]

    def author_name(self, obj: PostList) -> str:
        return settings.BULLETIN_SITE["name"]

    def author_link(self, obj: PostList) -> str:
        return content.absolute(self.request, reverse("public:list"))

    def feed_guid(self, obj: PostList) -> str:
        return self.feed_url(obj)

    def items(self, obj: PostList) -> list[Post]:
        return feed_items(obj)

    def item_title(self, item: Post) -> str:
        # Django escapes item titles once more for RSS by default; ours are plain text.
        return item.title

    def item_link(self, item: Post) -> str:
        return content.absolute(self.request, content.post_path(item))

    def item_guid(self, item: Post) -> str:
        return content.post_id(self.request, item)

    def item_guid_is_permalink(self, item: Post) -> bool:
        return False

    def item_description(self, item: Post) -> str:
        return render_to_string(
            "feeds/_item_content.html",
            {
                "post": item,
                "body": content.absolute_html(item.body, self.item_link(item)),
                "attachments": [
                    (
                        a,
                        content.absolute(
                            self.request, content.attachment_path(item, a)
                        ),
                    )
                    for a in item.attachments.all()
                ],
                "change_notes": item.change_notes.all(),
            },
        )

    def item_pubdate(self, item: Post):
        return item.published_at

    def item_updateddate(self, item: Post):
        return content.post_updated(item)

    def item_categories(self, item: Post) -> list[str]:
        return [str(item.get_kind_display())] + [
            topic.name_in(item.language) for topic in item.topics.all()
        ]

    def item_enclosures(self, item: Post) -> list[feedgenerator.Enclosure]:
        return [
            TitledEnclosure(
                url=content.absolute(self.request, content.attachment_path(item, a)),
                length=str(a.size),
                mime_type=a.content_type,
                title=a.title,
            )
            for a in item.attachments.all()
        ]

    def item_author_name(self, item: Post) -> str:
        # The organisation speaks, not the member of staff who typed the post.
        return settings.BULLETIN_SITE["name"]

    def feed_extra_kwargs(self, obj: PostList) -> dict:
        # WebSub: readers subscribe at the hub, which the site pings on each change.
        return {"hub": settings.BULLETIN_WEBSUB_HUB}

    def item_extra_kwargs(self, item: Post) -> dict:
        extra = {"summary": item.summary, "language": item.language}
        if item.is_event and item.event_online_url:
            # JSON Feed's "page elsewhere": where to join the event.
            extra["external_url"] = item.event_online_url
        return extra


def feed_title(post_list: PostList) -> str:
    return _("%(site)s – %(list)s") % {
        "site": settings.BULLETIN_SITE["name"],
        "list": post_list.heading(),
    }
