"""WebSub publishing: tell the hub (`BULLETIN_WEBSUB_HUB`) which feeds just changed.

Feeds name the hub themselves (see bulletin.feeds); here, a change a feed reader could
see — a post going live or expiring, a public post edited or withdrawn — queues one
ping per changed feed URL after the change commits. Off unless a hub is configured.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from urllib.error import URLError
from urllib.parse import urlencode, urlsplit
from urllib.request import Request, urlopen

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django_tasks import task

from bulletin.posts import clock
from bulletin.posts.listing import KIND_SEGMENTS
from bulletin.posts.models import Post
from bulletin.subscriptions.lists import absolute

logger = logging.getLogger(__name__)
FORMATS = ("atom", "rss", "json")
ATTEMPTS = 4
TIMEOUT = 10


def enabled() -> bool:
    return bool(settings.BULLETIN_WEBSUB_HUB and settings.BULLETIN_SITE["url"])


def feed_urls(post: Post) -> list[str]:
    """Every feed the post appears in: all posts, its kind, each topic, kind + topic."""
    kinds = [None, KIND_SEGMENTS.get(post.kind)]
    topics = [None, *post.topics.values_list("slug", flat=True)]
    urls = []
    with translation.override(post.language):
        for kind in kinds:
            for topic in topics:
                segments = {}
                if kind:
                    segments["kind"] = kind
                if topic:
                    segments["topic"] = topic
                for fmt in FORMATS:
                    path = reverse("feeds:feed", kwargs={**segments, "fmt": fmt})
                    urls.append(absolute(path))
    return list(dict.fromkeys(urls))


def feeds_changed(post: Post) -> None:
    """Queue pings for the post's feeds once the current transaction commits."""
    if not enabled():
        return
    urls = feed_urls(post)
    transaction.on_commit(lambda: ping_hub.enqueue(urls))


def _ping(hub: str, url: str) -> None:
    body = urlencode({"hub.mode": "publish", "hub.url": url}).encode()
    request = Request(  # noqa: S310  (the scheme is checked below)
        hub,
        data=body,
        headers={"Content-Type": "application/x-www-form-urlencoded"},
        method="POST",
    )
    with urlopen(request, timeout=TIMEOUT) as response:  # noqa: S310
        if response.status >= 300:
            raise URLError(f"hub answered {response.status}")


@task()
def ping_hub(urls: list[str], attempt: int = 1) -> int:
    """POST hub.mode=publish for each URL; failures are tried again later."""
    hub = settings.BULLETIN_WEBSUB_HUB
    if not hub or urlsplit(hub).scheme not in {"http", "https"}:
        return 0
    failed = []
    for url in urls:
        try:
            _ping(hub, url)
        except (OSError, URLError) as error:
            logger.warning("WebSub hub %s refused %s: %s", hub, url, error)
            failed.append(url)
    if failed and attempt < ATTEMPTS:
        later = clock.now() + timedelta(minutes=2**attempt)
        ping_hub.using(run_after=later).enqueue(failed, attempt + 1)
    return len(urls) - len(failed)
