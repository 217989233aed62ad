"""Feed writers: Django's RSS and Atom, made safe for hostile text, and JSON Feed 1.1.

All three are filled by the same `Feed` classes (see `feeds.py`), so they always list
the same posts with the same ids, times and content.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from django.utils import feedgenerator

from bulletin.feeds.content import xml_safe


def _clean(value: Any) -> Any:
    if isinstance(value, str):
        return xml_safe(value)
    if isinstance(value, list | tuple):
        return type(value)(_clean(v) for v in value)
    return value


class SafeTextMixin:
    """Strip XML-illegal characters from every text a feed is given."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(
            *(_clean(a) for a in args), **{k: _clean(v) for k, v in kwargs.items()}
        )

    def add_item(self, *args, **kwargs) -> None:
        super().add_item(
            *(_clean(a) for a in args), **{k: _clean(v) for k, v in kwargs.items()}
        )


class RssFeed(SafeTextMixin, feedgenerator.Rss201rev2Feed):
    """RSS 2.0: the full content as description, the first attachment as enclosure.

    RSS allows one enclosure per item; every attachment is also linked in the content.
    """

    def add_item_elements(self, handler, item: dict) -> None:
        super().add_item_elements(
            handler, {**item, "enclosures": item["enclosures"][:1]}
        )

    def add_root_elements(self, handler) -> None:
        super().add_root_elements(handler)
        if self.feed.get("hub"):
            handler.addQuickElement(
                "atom:link", None, {"rel": "hub", "href": self.feed["hub"]}
            )


class AtomFeed(SafeTextMixin, feedgenerator.Atom1Feed):
    """Atom 1.0: the summary as <summary>, the full content as <content>.

    The summary is plain text and says so (`type="text"`): marked as HTML, "Bring
    your <passport>" would lose its word in a reader, and markup in it would run.
    """

    def add_item_elements(self, handler, item: dict) -> None:
        # Django writes its <summary> as type="html"; we write our own.
        super().add_item_elements(handler, {**item, "description": None})
        if item.get("summary"):
            handler.addQuickElement("summary", item["summary"], {"type": "text"})
        handler.addQuickElement("content", item["description"], {"type": "html"})

    def add_root_elements(self, handler) -> None:
        super().add_root_elements(handler)
        if self.feed.get("hub"):
            handler.addQuickElement(
                "link", "", {"rel": "hub", "href": self.feed["hub"]}
            )


def _rfc3339(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


class JsonFeed(SafeTextMixin, feedgenerator.SyndicationFeed):
    """JSON Feed 1.1 (https://jsonfeed.org/version/1.1), written with the json module."""

    content_type = "application/feed+json; charset=utf-8"
    version = "https://jsonfeed.org/version/1.1"

    def as_dict(self) -> dict:
        feed = self.feed
        data: dict[str, Any] = {
            "version": self.version,
            "title": feed["title"],
            "home_page_url": feed["link"],
            "feed_url": feed["feed_url"],
            "description": feed["description"],
            "language": feed["language"],
            "items": [self.item_dict(item) for item in self.items],
        }
        if feed.get("hub"):
            data["hubs"] = [{"type": "WebSub", "url": feed["hub"]}]
        if feed.get("author_name"):
            author = {"name": feed["author_name"]}
            if feed.get("author_link"):
                author["url"] = feed["author_link"]
            data["authors"] = [author]
        return {key: value for key, value in data.items() if value not in (None, "")}

    def item_dict(self, item: dict) -> dict:
        data: dict[str, Any] = {
            "id": item["unique_id"] or item["link"],
            "url": item["link"],
            "title": item["title"],
            "content_html": item["description"],
            "summary": item.get("summary") or None,
            "external_url": item.get("external_url") or None,
            "date_published": _rfc3339(item["pubdate"]),
            "date_modified": _rfc3339(item["updateddate"]),
            "tags": list(item["categories"] or []) or None,
            "language": item.get("language") or None,
        }
        if item.get("author_name"):
            data["authors"] = [{"name": item["author_name"]}]
        if item["enclosures"]:
            data["attachments"] = [
                {
                    "url": enclosure.url,
                    "mime_type": enclosure.mime_type,
                    "size_in_bytes": int(enclosure.length),
                    **(
                        {"title": enclosure.title}
                        if getattr(enclosure, "title", "")
                        else {}
                    ),
                }
                for enclosure in item["enclosures"]
            ]
        return {key: value for key, value in data.items() if value is not None}

    def write(self, outfile, encoding: str) -> None:
        outfile.write(json.dumps(self.as_dict(), ensure_ascii=False, indent=1))
