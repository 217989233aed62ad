"""`bulletin import feed`: another site's RSS 2.0, Atom or JSON Feed, with its history.

RSS and Atom are read by feedparser, after defusedxml has checked the document
(no entity expansion, no external entities); JSON Feed is plain JSON. A feed that
pages its archive (RFC 5005: `rel="next"`, `rel="prev-archive"`) is followed page
by page, so the import gets every entry the site still lists, not only the newest.
"""

from __future__ import annotations

import calendar
import html
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urljoin, urlsplit
from xml.etree.ElementTree import ParseError

import feedparser
import lxml.html
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring
from django.utils.html import strip_tags

from bulletin.imports.fetching import FetchError, fetch, read_file
from bulletin.imports.items import DOCUMENT_EXTENSIONS, FileRef, Item
from bulletin.posts.models import Status

MAX_FEED_BYTES = 50 * 1024 * 1024
PAGING_RELS = ("next", "prev-archive")


class FeedError(Exception):
    """The feed (or one of its archive pages) cannot be read; nothing was written."""


@dataclass
class Page:
    address: str
    entries: list[dict]
    language: str
    links: list[str]


def _load(address: str, timeout: float) -> tuple[str, bytes]:
    if urlsplit(address).scheme in ("http", "https"):
        try:
            fetched = fetch(address, max_bytes=MAX_FEED_BYTES, timeout=timeout)
        except FetchError as error:
            raise FeedError(str(error)) from error
        return fetched.url, fetched.data
    try:
        return address, read_file(Path(address), max_bytes=MAX_FEED_BYTES)
    except FetchError as error:
        raise FeedError(str(error)) from error


def _json_feed(address: str, data: bytes) -> Page:
    try:
        feed = json.loads(data)
    except (ValueError, UnicodeDecodeError) as error:
        raise FeedError(f"{address}: not valid JSON ({error})") from error
    if not isinstance(feed, dict) or not str(feed.get("version", "")).startswith(
        "https://jsonfeed.org/version/"
    ):
        raise FeedError(f"{address}: not a JSON Feed")
    entries = []
    for raw in feed.get("items") or []:
        if not isinstance(raw, dict):
            continue
        authors = raw.get("authors") or ([raw["author"]] if raw.get("author") else [])
        entries.append(
            {
                "id": str(raw.get("id") or raw.get("url") or ""),
                "title": str(raw.get("title") or ""),
                "link": str(raw.get("url") or ""),
                "content": str(
                    raw.get("content_html") or raw.get("content_text") or ""
                ),
                "summary": str(raw.get("summary") or ""),
                "published": _iso(
                    raw.get("date_published") or raw.get("date_modified")
                ),
                "tags": [str(t) for t in raw.get("tags") or []],
                "author": (authors[0] or {}).get("name", "") if authors else "",
                "enclosures": [
                    (str(a.get("url")), str(a.get("title") or ""))
                    for a in raw.get("attachments") or []
                    if isinstance(a, dict) and a.get("url")
                ],
            }
        )
    links = [feed["next_url"]] if isinstance(feed.get("next_url"), str) else []
    return Page(address, entries, str(feed.get("language") or ""), links)


def _iso(value) -> datetime | None:
    try:
        parsed = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _plain(raw: dict, name: str) -> str:
    """A title as text: feedparser gives HTML titles as HTML."""
    value = raw.get(name, "")
    detail = raw.get(f"{name}_detail") or {}
    if "html" in detail.get("type", ""):
        return html.unescape(strip_tags(value))
    return value


def _xml_feed(address: str, data: bytes) -> Page:
    try:
        fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as error:
        raise FeedError(
            f"{address}: refused, the feed declares entities ({error})"
        ) from error
    except ParseError as error:
        raise FeedError(f"{address}: not well-formed XML: {error}") from error
    parsed = feedparser.parse(data, sanitize_html=False, resolve_relative_uris=False)
    if not parsed.get("version"):
        raise FeedError(f"{address}: not an RSS or Atom feed")
    entries = []
    for raw in parsed.entries:
        content = raw.get("content") or []
        stamp = raw.get("published_parsed") or raw.get("updated_parsed")
        entries.append(
            {
                "id": raw.get("id") or raw.get("link") or "",
                "title": _plain(raw, "title"),
                "link": raw.get("link", ""),
                "content": content[0].get("value", "")
                if content
                else raw.get("summary", ""),
                "summary": raw.get("summary", "") if content else "",
                "published": datetime.fromtimestamp(calendar.timegm(stamp), tz=UTC)
                if stamp
                else None,
                "tags": [
                    t.get("term", "") for t in raw.get("tags", []) if t.get("term")
                ],
                "author": (raw.get("author_detail") or {}).get("name")
                or raw.get("author", ""),
                "email": (raw.get("author_detail") or {}).get("email", ""),
                "enclosures": [
                    (link.get("href", ""), link.get("title", ""))
                    for link in raw.get("links", [])
                    if link.get("rel") == "enclosure" and link.get("href")
                ],
            }
        )
    links = [
        link.get("href", "")
        for link in parsed.feed.get("links", [])
        if link.get("rel") in PAGING_RELS and link.get("href")
    ]
    return Page(address, entries, parsed.feed.get("language", ""), links)


def pages(start: str, *, max_pages: int = 1000, timeout: float = 20.0) -> list[Page]:
    """The feed and every archive page it leads to, all read before anything is written."""
    found, queue, seen = [], [start], set()
    while queue and len(found) < max_pages:
        address = queue.pop(0)
        if address in seen:
            continue
        seen.add(address)
        final, data = _load(address, timeout)
        page = (
            _json_feed(final, data)
            if data.lstrip()[:1] == b"{"
            else _xml_feed(final, data)
        )
        found.append(page)
        for link in page.links:
            if urlsplit(link).scheme in ("http", "https") or "//" in final:
                target = urljoin(final, link)
            else:
                target = str(Path(final).parent / link)
            if target not in seen:
                queue.append(target)
    return found


def items(feed_pages: list[Page], language: str) -> Iterator[Item]:
    seen = set()
    for page in feed_pages:
        for entry in page.entries:
            source_id = entry["id"] or entry["link"]
            if not source_id or source_id in seen:
                continue  # an entry on two archive pages is imported once
            seen.add(source_id)
            link = urljoin(page.address, entry["link"]) if entry["link"] else ""
            body = entry["content"]
            # Relative addresses in a feed are relative to the feed document.
            files, body = _files(body, page.address, entry["enclosures"])
            parts = urlsplit(link)
            yield Item(
                source="feed",
                source_id=source_id,
                title=" ".join(entry["title"].split()) or source_id,
                body_html=body,
                summary=entry["summary"],
                status=Status.PUBLISHED,
                language=language,
                published_at=entry["published"],
                topics=entry["tags"],
                author={"login": entry["author"], "email": entry.get("email", "")}
                if entry["author"]
                else None,
                old_urls=[parts.path + (f"?{parts.query}" if parts.query else "")]
                if link
                else [],
                files=files,
                source_url=link,
            )


def _files(
    body: str, base: str, enclosures: list[tuple[str, str]]
) -> tuple[list[FileRef], str]:
    """The body's images and document links (made absolute), then the enclosures."""
    refs: dict[str, FileRef] = {}
    if body.strip():
        tree = lxml.html.fragment_fromstring(body, create_parent="div")
        for element in tree.iter("img", "a"):
            attribute = "src" if element.tag == "img" else "href"
            value = element.get(attribute) or ""
            url = urljoin(base, value) if "//" in base else value
            is_document = urlsplit(url).path.lower().endswith(DOCUMENT_EXTENSIONS)
            if value and (element.tag == "img" or is_document):
                element.set(attribute, url)
                ref = refs.setdefault(url, FileRef(url=url, in_body=url))
                ref.is_image = ref.is_image or element.tag == "img"
                ref.title = ref.title or (
                    element.get("alt") or element.text_content().strip()
                )
        body = lxml.html.tostring(tree, encoding="unicode")[
            len("<div>") : -len("</div>")
        ]
    for url, title in enclosures:
        url = urljoin(base, url) if "//" in base else url
        refs.setdefault(url, FileRef(url=url, title=title))
    return list(refs.values()), body
