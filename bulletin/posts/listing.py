"""Lists of posts as readers browse them: filters, numbered pages and neighbours.

A list is ordered newest first, ties broken by id. Page N is read by keyset from the
first key of that page, and those keys are computed once per content state (see
`state.py`), so page 1 and page 5,000 cost the same: an index range read of 20 rows.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property

from django.core.cache import cache
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from bulletin.posts import clock
from bulletin.posts.localcache import LocalLRU
from bulletin.posts.models import Kind, Post, PostQuerySet, Status, Topic
from bulletin.posts.state import ContentState, content_state

PAGE_SIZE = 20

# URL segments for kinds: /news/, /notices/, /events/.
KIND_SEGMENTS = {Kind.NEWS: "news", Kind.NOTICE: "notices", Kind.EVENT: "events"}
SEGMENT_KINDS = {segment: kind for kind, segment in KIND_SEGMENTS.items()}

Key = tuple[datetime, int]


@dataclass(frozen=True)
class PostList:
    """One list a reader can browse: the language, and optional kind, topic and year.

    The year archive keeps expired notices; the other lists leave them out.
    """

    language: str
    kind: str | None = None
    topic: Topic | None = None
    year: int | None = None

    @property
    def is_filtered(self) -> bool:
        return bool(self.kind or self.topic or self.year)

    def queryset(
        self, now: datetime | None = None, *, upto: datetime | None = None
    ) -> PostQuerySet:
        """The list's posts in list order; `upto` keeps those published at or before it.

        Time bounds are given before the visibility rule on purpose: SQLite starts its
        walk of the list index at the first bound it is given, so a deep page or an old
        year starts where it should instead of at today.
        """
        now = now or clock.now()
        posts = Post.objects.filter(language=self.language)
        if upto is not None:
            posts = posts.filter(published_at__lte=upto)
        if self.year:
            tz = timezone.get_current_timezone()
            start = datetime(self.year, 1, 1, tzinfo=tz)
            end = datetime(self.year + 1, 1, 1, tzinfo=tz)
            posts = posts.filter(published_at__lt=end, published_at__gte=start)
        posts = posts.public(now) if self.year else posts.listed(now)
        if self.kind:
            posts = posts.filter(kind=self.kind)
        if self.topic:
            # EXISTS lets the database walk the list index in order and probe the
            # topic link, instead of sorting every post of the topic.
            links = Post.topics.through.objects.filter(
                post=OuterRef("pk"), topic=self.topic
            )
            posts = posts.filter(Exists(links))
        return posts.in_list_order()

    def heading(self) -> str:
        """The list's name as a reader sees it: "Notices – Water – 2024"."""
        parts = [str(Kind(self.kind).label) if self.kind else str(_("All posts"))]
        if self.topic:
            parts.append(self.topic.name)
        if self.year:
            parts.append(str(self.year))
        return " – ".join(parts)

    def pinned(self) -> list[Post]:
        """Notices pinned on top of page 1; the year archive has no pins."""
        if self.year:
            return []
        # The few pinned ids come from the small pin index first; asking the planner
        # for "pinned and in this list" at once lets it walk the whole list instead.
        pins = Post.objects.pinned().filter(status=Status.PUBLISHED).order_by()
        pinned_ids = list(pins.values_list("id", flat=True))
        if not pinned_ids:
            return []
        return list(
            self.queryset().filter(pk__in=pinned_ids).prefetch_related("topics")
        )

    def contains(self, post: Post, now: datetime | None = None) -> bool:
        return self.queryset(now).filter(pk=post.pk).exists()

    # --- URLs -----------------------------------------------------------------
    def _segments(self) -> dict[str, str]:
        segments = {}
        if self.kind:
            segments["kind"] = KIND_SEGMENTS[self.kind]
        if self.topic:
            segments["topic"] = self.topic.slug
        if self.year:
            segments["year"] = str(self.year)
        return segments

    def url(self, page: int = 1) -> str:
        url = reverse("public:list", kwargs=self._segments())
        return url if page <= 1 else f"{url}?page={page}"

    def post_url(self, post: Post) -> str:
        return reverse("public:post", kwargs={**self._segments(), "slug": post.slug})

    def cache_key(self) -> str:
        topic = self.topic.pk if self.topic else "-"
        return f"{self.language}:{self.kind or '-'}:{topic}:{self.year or '-'}"


@dataclass(frozen=True)
class PageKeys:
    """The first key of every page of a list, newest first, and the list's length."""

    firsts: list[Key]
    count: int

    @property
    def num_pages(self) -> int:
        return max(1, len(self.firsts))

    @cached_property
    def _ascending(self) -> list[tuple[float, int]]:
        # Keys run newest first; negated, they form an ascending sequence to bisect.
        return [(-at.timestamp(), -pk) for at, pk in self.firsts]

    def page_of(self, key: Key) -> int:
        """The page number holding `key`, found by bisecting the page keys."""
        return max(
            1, bisect.bisect_right(self._ascending, (-key[0].timestamp(), -key[1]))
        )


# Page keys of recently used lists, in this process: unpickling thousands of keys
# from the shared cache on every request would cost more than the page itself.
RECENT_LISTS = 64
_recent: LocalLRU[PageKeys] = LocalLRU(RECENT_LISTS)


def forget_page_keys() -> None:
    """Drop this process's copies (tests roll content back under the same token)."""
    _recent.clear()


def page_keys(post_list: PostList, state: ContentState | None = None) -> PageKeys:
    state = state or content_state()
    cache_key = f"pagekeys:{state.token}:{post_list.cache_key()}"
    keys = _recent.get(cache_key)
    if keys is not None:
        return keys
    keys = cache.get(cache_key)
    if keys is None:
        rows = post_list.queryset().values_list("published_at", "id")
        firsts: list[Key] = []
        count = 0
        for count, row in enumerate(rows.iterator(chunk_size=5000), start=1):
            if count % PAGE_SIZE == 1:
                firsts.append(row)
        keys = PageKeys(firsts=firsts, count=count)
        cache.set(cache_key, keys, timeout=24 * 3600)
    _recent.set(cache_key, keys)
    return keys


def _at_or_after(key: Key) -> Q:
    """Posts at `key` or later in list order (older, or the same time with lower id)."""
    at, pk = key
    return Q(published_at__lt=at) | Q(published_at=at, id__lte=pk)


def page(post_list: PostList, number: int, keys: PageKeys) -> list[Post]:
    """The posts of page `number` (1-based; the caller has checked the range)."""
    posts = post_list.queryset()
    if number > 1:
        first = keys.firsts[number - 1]
        # The plain bound lets the index walk start at the page; the OR settles ties.
        posts = post_list.queryset(upto=first[0]).filter(_at_or_after(first))
    return list(posts.prefetch_related("topics")[:PAGE_SIZE])


def neighbours(post_list: PostList, post: Post) -> tuple[Post | None, Post | None]:
    """The posts before (newer) and after (older) `post` in the list."""
    posts = post_list.queryset()
    at = post.published_at
    newer = (
        posts.filter(published_at=at, id__gt=post.pk)
        .order_by("published_at", "id")
        .first()
        or posts.filter(published_at__gt=at).order_by("published_at", "id").first()
    )
    older = (
        posts.filter(published_at=at, id__lt=post.pk).first()
        or post_list.queryset(upto=at).filter(published_at__lt=at).first()
    )
    return newer, older
