"""The mirror's search: one small script of posts per language, read by mirror.js.

A static host cannot run the site's full-text search, so the mirror carries the
title, summary, kind, topics and date of every public post and matches words in the
browser. It is a script, not JSON, so it also loads from a folder opened from disk,
where browsers refuse to fetch files.
"""

from __future__ import annotations

import json

from django.utils import translation
from django.utils.translation import gettext as _

from bulletin.feeds.sitemaps import post_path
from bulletin.posts.models import Post


def index_file(language: str) -> str:
    with translation.override(language):
        from django.urls import reverse

        return reverse("search:search").lstrip("/") + "posts.js"


def index_script(language: str) -> bytes:
    """`window.BULLETIN_SEARCH = {...}`: messages in the language and its posts."""
    posts = (
        Post.objects.public()
        .filter(language=language)
        .prefetch_related("topics")
        .order_by("-published_at", "-id")
    )
    rows = []
    for post in posts.iterator(chunk_size=2000):
        rows.append(
            [
                post.title,
                post.summary,
                post_path(language, post.slug).lstrip("/") + "index.html",
                post.published_at.date().isoformat(),
                post.kind,
                [topic.slug for topic in post.topics.all()],
            ]
        )
    with translation.override(language):
        messages = {
            "results": _("Results for “%(query)s”: %(count)s"),
            "filtered": _("Posts with these filters, newest first: %(count)s"),
            "scope": _(
                "This copy of the site searches the titles and summaries of posts in "
                "this language only; phrases and left-out words work as on the site."
            ),
        }
    data = {"messages": messages, "posts": rows}
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return f"window.BULLETIN_SEARCH={text};\n".encode()
