"""What every channel says about a post: its permanent address, id, times and text.

Feeds, calendars, the sitemap and page metadata all describe the same public posts;
the small rules they share (absolute links, stable ids, XML-safe text) live here.
"""

from __future__ import annotations

import re
from datetime import datetime
from urllib.parse import urljoin, urlsplit

import nh3
from django.http import HttpRequest
from django.urls import reverse
from django.utils import translation

from bulletin.posts import siteaddress
from bulletin.posts.models import Post
from bulletin.posts.sanitize import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, URL_SCHEMES

# XML 1.0 forbids these code points outright; a title pasted from a word processor
# can carry them, and one would make the whole feed unreadable.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def xml_safe(text: str | None) -> str:
    """`text` without the characters XML 1.0 cannot carry."""
    return _XML_ILLEGAL.sub("", text or "")


def site_root(request: HttpRequest) -> str:
    """The site's address without a trailing slash, never the request's Host."""
    return siteaddress.site_url(request)


def absolute(request: HttpRequest, path: str) -> str:
    return urljoin(site_root(request) + "/", path)


def post_path(post: Post) -> str:
    """The post's permanent address, in its own language whatever the page's."""
    with translation.override(post.language):
        return reverse("public:post", kwargs={"slug": post.slug})


def attachment_path(post: Post, attachment) -> str:
    with translation.override(post.language):
        return attachment.get_absolute_url()


def post_id(request: HttpRequest, post: Post) -> str:
    """A tag URI (RFC 4151) that survives a changed slug or a moved site."""
    authority = urlsplit(site_root(request)).hostname or "localhost"
    return f"tag:{authority},{post.created_at:%Y-%m-%d}:post/{post.pk}"


def post_updated(post: Post) -> datetime:
    """When the post last changed for readers: its own update time or its last note.

    Change notes must be prefetched (they are ordered newest first).
    """
    times = [post.published_at, post.updated_at]
    notes = list(post.change_notes.all())
    if notes:
        times.append(notes[0].noted_at)
    return max(t for t in times if t is not None)


def absolute_html(html: str, base: str) -> str:
    """The sanitised body with every relative link and image made absolute.

    Feed readers and partner sites show the body away from the site, where a relative
    address would point nowhere. The same allow-list as on the way in applies.
    """

    def resolve(element: str, attribute: str, value: str) -> str | None:
        if attribute in {"href", "src"}:
            return urljoin(base, value)
        return value

    return nh3.clean(
        html or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        attribute_filter=resolve,
        link_rel="noopener noreferrer",
    )
