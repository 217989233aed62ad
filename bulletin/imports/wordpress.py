"""`bulletin import wordpress`: a WordPress export (WXR 1.0–1.2) as Bulletin posts.

The whole file is read and checked first, through defusedxml (entity expansion and
external entities refused), so a malformed or hostile file stops before anything
is written. Then each post becomes one item; pages, attachments, menus and
revisions are not posts: attachments give the posts their files, the rest are
counted as skipped with the reason.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from urllib.parse import urlsplit
from xml.etree.ElementTree import Element, ParseError

import lxml.html
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from bulletin.imports.items import FileRef, Item, Skip, site_language
from bulletin.imports.wpcontent import clean_body
from bulletin.posts.models import Kind, Status

CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"
DC_CREATOR = "{http://purl.org/dc/elements/1.1/}creator"
STATUSES = {
    "publish": Status.PUBLISHED,
    "future": Status.PUBLISHED,  # with its time in the future: scheduled
    "draft": Status.DRAFT,
    "pending": Status.IN_REVIEW,
    "private": Status.DRAFT,
}
MAX_FILE_BYTES = 512 * 1024 * 1024


class ExportError(Exception):
    """The file is not a WordPress export that can be read; nothing was written."""


@dataclass
class Mapping:
    """How the other site's categories and sticky posts become Bulletin's kinds."""

    kinds: dict[str, str] = field(default_factory=dict)  # category name or slug → kind
    sticky_as: str = Kind.NOTICE
    include_pages: bool = False


@dataclass
class Export:
    site_url: str
    language: str
    items: list[Item | Skip]
    counts: Counter
    unknown_shortcodes: Counter


def _ns(root: Element) -> str:
    """The wp: namespace of this export, whichever WXR version wrote it."""
    for element in root.iter():
        if element.tag.startswith("{http://wordpress.org/export/"):
            return element.tag[1:].split("}", 1)[0]
    raise ExportError("this is RSS but not a WordPress export (no wp: elements)")


def _text(element: Element | None, tag: str) -> str:
    found = element.find(tag) if element is not None else None
    return (found.text or "").strip() if found is not None else ""


def _date(value: str, fallback: str = "") -> datetime | None:
    if value and not value.startswith("0000"):
        try:
            return datetime.fromisoformat(value.replace(" ", "T")).replace(tzinfo=UTC)
        except ValueError:
            pass
    if fallback:
        try:
            parsed = parsedate_to_datetime(fallback)
        except (TypeError, ValueError):
            return None
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
    return None


def _path_and_query(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "") if url else ""


def read(path: Path, mapping: Mapping) -> Export:
    """Read and check the whole export; raise ExportError before anything is written."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ExportError(f"{path.name} is larger than {MAX_FILE_BYTES} bytes")
        data = path.read_bytes()
    except OSError as error:
        raise ExportError(f"cannot read {path}: {error.strerror}") from error
    try:
        root = fromstring(data, forbid_dtd=True)
    except DefusedXmlException as error:
        raise ExportError(
            f"refused: the file declares a DTD or entities ({error})"
        ) from error
    except ParseError as error:
        raise ExportError(f"not well-formed XML: {error}") from error
    channel = root.find("channel")
    if root.tag != "rss" or channel is None:
        raise ExportError("not a WordPress export: no <rss><channel>")
    wp = "{" + _ns(root) + "}"
    site_url = (_text(channel, f"{wp}base_blog_url") or _text(channel, "link")).rstrip(
        "/"
    )
    language = site_language(_text(channel, "language"))
    authors = {
        _text(a, f"{wp}author_login"): {
            "login": _text(a, f"{wp}author_login"),
            "email": _text(a, f"{wp}author_email"),
            "first_name": _text(a, f"{wp}author_first_name"),
            "last_name": _text(a, f"{wp}author_last_name"),
        }
        for a in channel.findall(f"{wp}author")
    }
    parents = {
        _text(c, f"{wp}category_nicename"): (
            _text(c, f"{wp}cat_name"),
            _text(c, f"{wp}category_parent"),
        )
        for c in channel.findall(f"{wp}category")
    }
    raw_items = channel.findall("item")
    attachments = _attachments(raw_items, wp)
    export = Export(site_url, language, [], Counter(), Counter())
    for raw in raw_items:
        item = _item(raw, wp, site_url, authors, parents, attachments, mapping, export)
        if item is not None:
            export.items.append(item)
    return export


@dataclass(frozen=True)
class _Attachment:
    url: str
    title: str
    parent: str
    link: str  # the attachment's own page, which now leads to its post


def _attachments(items: list[Element], wp: str) -> dict[str, _Attachment]:
    found = {}
    for raw in items:
        if _text(raw, f"{wp}post_type") == "attachment":
            url = _text(raw, f"{wp}attachment_url") or _text(raw, "guid")
            found[_text(raw, f"{wp}post_id")] = _Attachment(
                url,
                _text(raw, "title"),
                _text(raw, f"{wp}post_parent"),
                _text(raw, "link"),
            )
    return found


def _topics(
    raw: Element, parents: dict[str, tuple[str, str]]
) -> tuple[list[str], set[str]]:
    """Categories with their ancestors, and tags; and every name and slug, for kinds."""
    names: list[str] = []
    keys: set[str] = set()
    for category in raw.findall("category"):
        domain, nicename = category.get("domain"), category.get("nicename", "")
        name = (category.text or "").strip()
        if domain not in ("category", "post_tag") or not name:
            continue
        names.append(name)
        keys.update({name.lower(), nicename.lower()})
        parent = parents.get(nicename, ("", ""))[1]
        seen = {nicename}
        while domain == "category" and parent and parent not in seen:
            seen.add(parent)
            parent_name, grandparent = parents.get(parent, (parent, ""))
            names.append(parent_name)
            keys.update({parent_name.lower(), parent.lower()})
            parent = grandparent
    return list(dict.fromkeys(names)), keys


def _item(raw, wp, site_url, authors, parents, attachments, mapping, export):
    post_type = _text(raw, f"{wp}post_type") or "post"
    post_id = _text(raw, f"{wp}post_id")
    title = _text(raw, "title")
    source_id = f"{site_url}#{post_id}"
    comments = len(raw.findall(f"{wp}comment"))
    if post_type == "attachment":
        return None  # files of posts, taken with them
    if post_type not in ("post", "page") or (
        post_type == "page" and not mapping.include_pages
    ):
        export.counts[f"skipped {post_type}"] += 1
        reason = (
            "a page, not news (--include-pages imports pages as news)"
            if post_type == "page"
            else f"a WordPress {post_type}, not a post"
        )
        return Skip(source_id, title or f"({post_type} {post_id})", reason)
    export.counts["comments not imported"] += comments
    wp_status = _text(raw, f"{wp}status")
    if wp_status not in STATUSES:
        reason = {"trash": "in the WordPress trash", "auto-draft": "an automatic draft"}
        return Skip(
            source_id,
            title or f"(post {post_id})",
            reason.get(wp_status, f"status {wp_status or 'unknown'} is not imported"),
        )
    topics, keys = _topics(raw, parents)
    kind = next(
        (k for name, k in mapping.kinds.items() if name.lower() in keys), Kind.NEWS
    )
    sticky = _text(raw, f"{wp}is_sticky") == "1"
    if sticky and mapping.sticky_as == Kind.NOTICE:
        kind = Kind.NOTICE
    status = STATUSES[wp_status]
    # Drafts have no publication time here; "future" keeps its time and is scheduled.
    published_at = (
        _date(_text(raw, f"{wp}post_date_gmt"), _text(raw, "pubDate"))
        if status == Status.PUBLISHED
        else None
    )
    images = {pk: (a.url, a.title) for pk, a in attachments.items()}
    body = clean_body(
        _text(raw, CONTENT),
        images,
        lambda name: export.unknown_shortcodes.update([name]),
    )
    attached = {pk: a for pk, a in attachments.items() if a.parent == post_id}
    files = _files(body, list(attached.values()), site_url)
    link = _text(raw, "link")
    old = [_path_and_query(link), f"/?p={post_id}"]
    if post_type == "page":
        old.append(f"/?page_id={post_id}")
    # The pages WordPress made for a post's files lead to the post now.
    for pk, attachment in attached.items():
        old.extend([_path_and_query(attachment.link), f"/?attachment_id={pk}"])
    guid = _text(raw, "guid")
    if guid.startswith(site_url) and "?" in guid:
        old.append(_path_and_query(guid))
    notes = (
        ["private on WordPress: imported as a draft"] if wp_status == "private" else []
    )
    creator = _text(raw, DC_CREATOR)
    return Item(
        source="wordpress",
        source_id=source_id,
        title=title or _untitled(body, post_id),
        body_html=body,
        summary=_excerpt(raw),
        slug=_text(raw, f"{wp}post_name"),
        kind=kind,
        status=status,
        language=export.language,
        published_at=published_at,
        pinned=sticky,
        topics=topics,
        author=authors.get(creator) or ({"login": creator} if creator else None),
        old_urls=[u for u in dict.fromkeys(old) if u and u != "/"],
        files=files,
        source_url=link,
        notes=notes,
    )


def _excerpt(raw: Element) -> str:
    for child in raw:
        if child.tag.endswith("excerpt/}encoded"):
            return (child.text or "").strip()
    return ""


def _untitled(body: str, post_id: str) -> str:
    text = (
        " ".join(lxml.html.fromstring(f"<div>{body}</div>").text_content().split())
        if body.strip()
        else ""
    )
    return text[:80] or f"Post {post_id}"


def _files(body: str, attached: list[_Attachment], site_url: str) -> list[FileRef]:
    """Images and documents the body uses, then the post's other attachments."""
    refs: dict[str, FileRef] = {}
    if body.strip():
        tree = lxml.html.fromstring(f"<div>{body}</div>")
        for element in tree.iter("img", "a"):
            value = element.get("src" if element.tag == "img" else "href") or ""
            if "/wp-content/uploads/" in value:
                url = value if "//" in value else site_url + "/" + value.lstrip("/")
                ref = refs.setdefault(url, FileRef(url=url, in_body=value))
                if element.tag == "img":
                    ref.is_image, ref.title = True, element.get("alt") or ref.title
    for attachment in attached:
        refs.setdefault(
            attachment.url, FileRef(url=attachment.url, title=attachment.title)
        )
    return list(refs.values())
