"""Lists of posts as readers browse them: filters, numbered pages and neighbours.

A list is ordered newest first, ties broken by id. Page N is found from the list's
count of posts per day (`pageindex.py`, kept up to date incrementally), so page 1
and page 5,000 cost about the same: an index range read of one day and 20 rows.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from urllib.parse import quote

from django.db.models import Exists, OuterRef, Q
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import timezone
from django.utils.http import RFC3986_SUBDELIMS
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from bulletin.posts import clock, prepared
from bulletin.posts.models import Kind, Post, PostQuerySet, Status, Topic
from bulletin.posts.pageindex import PAGE_SIZE, PageIndex, page_index
from bulletin.posts.recount import day_start
from bulletin.posts.state import ContentState, per_state

# URL segments for kinds: /news/, /notices/, /events/.
KIND_SEGMENTS = {Kind.NEWS: "news", Kind.NOTICE: "notices", Kind.EVENT: "events"}
SEGMENT_KINDS = {segment: kind for kind, segment in KIND_SEGMENTS.items()}


@dataclass(frozen=True)
class PostList:
    """One list a reader can browse: the language, and optional kind, topic and year.

    The year archive keeps expired notices; the other lists leave them out.
    """

    language: str
    kind: str | None = None
    topic: Topic | None = None
    year: int | None = None
    # Every public post, expired notices included: what the archive counts by year.
    with_expired: bool = False

    @property
    def is_filtered(self) -> bool:
        return bool(self.kind or self.topic or self.year)

    def queryset(
        self,
        now: datetime | None = None,
        *,
        upto: datetime | None = None,
        before: datetime | None = None,
        published_by: datetime | None = None,
    ) -> PostQuerySet:
        """The list's posts in list order; `upto` keeps those published at or before
        it, `before` those published earlier.

        Given several upper bounds (these, a year's end, now), SQLite with a seeded
        site's statistics may start its walk of the list index at any of them, a deep
        page at today. The hot pages pass `published_by` instead, `latest()` worked
        out before the build: the one upper bound, the year's end included.
        """
        now = now or clock.now()
        posts = Post.objects.filter(language=self.language)
        if upto is not None:
            posts = posts.filter(published_at__lte=upto)
        if before is not None:
            posts = posts.filter(published_at__lt=before)
        if self.year:
            start, end = self._year_range()
            posts = posts.filter(published_at__gte=start)
            if published_by is None:
                posts = posts.filter(published_at__lt=end)
        rule = posts.public if self.year or self.with_expired else posts.listed
        posts = rule(now, published_by=published_by)
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

    def latest(
        self,
        now: datetime,
        *,
        before: datetime | None = None,
        upto: datetime | None = None,
    ) -> datetime:
        """The latest publication time a query of this list may include: the earliest
        of now, `upto`, `before` and the year's end (`queryset(published_by=…)`).

        Worked out outside a query's build, which must not choose by value
        (`bulletin.posts.prepared`). Times are kept to the microsecond on both
        databases, so `<= before - 1 µs` is `< before`.
        """
        bounds = [now]
        if upto is not None:
            bounds.append(upto)
        if before is not None:
            bounds.append(before - timedelta(microseconds=1))
        if self.year:
            # In UTC: a wall-clock step back from a zone's New Year may skip an hour.
            end = self._year_range()[1].astimezone(UTC)
            bounds.append(end - timedelta(microseconds=1))
        return min(bounds)

    def _year_range(self) -> tuple[datetime, datetime]:
        tz = timezone.get_current_timezone()
        assert self.year is not None
        return datetime(self.year, 1, 1, tzinfo=tz), datetime(
            self.year + 1, 1, 1, tzinfo=tz
        )

    def heading(self) -> str:
        """The list's name as a reader sees it: "Notices – Water – 2024"."""
        parts = [str(Kind(self.kind).label) if self.kind else str(_("All posts"))]
        if self.topic:
            parts.append(self.topic.name_in(self.language))
        if self.year:
            parts.append(str(self.year))
        return " – ".join(parts)

    def pinned(self) -> list[Post]:
        """Notices pinned on top of page 1; the year archive has no pins."""
        if self.year:
            return []
        # The few pinned ids come from the small pin index first; asking the planner
        # for "pinned and in this list" at once lets it walk the whole list instead.
        # A pin's end is a transition of the content state, so they hold for a state.
        pinned_ids = per_state("pinned-ids", _pinned_ids)
        if not pinned_ids:
            return []
        return prepared.rows(
            ("pinned", self.query_key()),  # the count of ids is part of the shape
            lambda language, now, *ids: (
                self.in_language(language)
                .queryset(now)
                .filter(pk__in=ids)
                .only(*ROW_FIELDS)
            ),
            *(self.language, clock.now(), *pinned_ids),
        )

    def contains(self, post: Post, now: datetime | None = None) -> bool:
        if now is None and placement(self, post) is not None:
            return True
        return self.queryset(now).filter(pk=post.pk).exists()

    def holds(
        self, post: Post, topics: list[Topic], now: datetime | None = None
    ) -> bool:
        """`contains()` without a query, for a post known to be public, given its topics.

        The post page has the post and its topics in hand; the same conditions as
        `queryset()`, read from them (tests check both agree).
        """
        now = now or clock.now()
        if post.language != self.language or post.kind == Kind.PAGE:
            return False
        if not post.is_public(now):
            return False
        if self.kind and post.kind != self.kind:
            return False
        if self.topic and self.topic.pk not in {topic.pk for topic in topics}:
            return False
        if self.year:
            return timezone.localtime(post.published_at).year == self.year
        return self.with_expired or not post.is_expired(now)

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
        url = _reversed("public:list", self._segments())
        return url if page <= 1 else f"{url}?page={page}"

    def post_url(self, post: Post) -> str:
        # The list's part of the address is reversed once; a slug only fills it in,
        # quoted as `reverse()` would quote it (a list page links 20 posts).
        pattern = _reversed("public:post", {**self._segments(), "slug": _SLOT})
        before, _slot, after = pattern.rpartition(_SLOT)  # the slug is the last part
        return before + quote(post.slug, safe=_URL_SAFE) + after

    def cache_key(self) -> str:
        topic = self.topic.pk if self.topic else "-"
        everything = "all" if self.with_expired else "-"
        return f"{self.language}:{self.kind or '-'}:{topic}:{self.year or '-'}:{everything}"

    def query_key(self) -> tuple:
        """What `queryset()` reads besides its arguments and the language, which
        prepared shapes (`bulletin.posts.prepared`) take as a value: the list's
        filters, and the time zone its year is counted in."""
        zone = timezone.get_current_timezone_name() if self.year else None
        topic = self.topic.pk if self.topic else None
        return self.kind, topic, self.year, self.with_expired, zone

    def in_language(self, language: str) -> PostList:
        """The same list in another language (the lists of a prepared shape)."""
        return replace(self, language=language)


@dataclass(frozen=True)
class Placement:
    """Where a post stands in a list: its neighbours and its page."""

    newer: Post | None
    older: Post | None
    page: int


# Set by whoever already walked the whole list in order (the static mirror renders
# every post page of it): the answers below are then looked up, not queried again.
_placements: ContextVar[Mapping[tuple[str, int], Placement] | None] = ContextVar(
    "list_placements", default=None
)


@contextmanager
def known_placements(table: Mapping[tuple[str, int], Placement]) -> Iterator[None]:
    """Use `table[(post_list.cache_key(), post.pk)]` for the posts it holds."""
    token = _placements.set(table)
    try:
        yield
    finally:
        _placements.reset(token)


def placement(post_list: PostList, post: Post) -> Placement | None:
    table = _placements.get()
    return table.get((post_list.cache_key(), post.pk)) if table else None


_SLOT = "the-post-slug"
_URL_SAFE = RFC3986_SUBDELIMS + "/~:@"
_reversed_urls: dict[tuple, str] = {}


def _reversed(name: str, segments: dict[str, str]) -> str:
    """`reverse()` of a list's address, remembered: the same few lists are linked on
    every page. The key holds what else `reverse()` reads: the active language (the
    path's prefix), the script prefix and the URLconf."""
    key = (name, get_language(), get_script_prefix(), get_urlconf(), *segments.items())
    url = _reversed_urls.get(key)
    if url is None:
        url = reverse(name, kwargs=segments)
        if len(_reversed_urls) > 4096:
            _reversed_urls.clear()
        _reversed_urls[key] = url
    return url


def _pinned_ids() -> list[int]:
    pins = prepared.rows(
        ("pinned ids",),
        lambda now: (
            Post.objects.pinned(now)
            .filter(status=Status.PUBLISHED)
            .order_by()
            .only("id")
        ),
        clock.now(),
    )
    return [pin.pk for pin in pins]


def topics() -> list[Topic]:
    """Every topic, for the lists' filter and the topic index (a topic's change is a
    change of public content)."""
    return per_state("topics", lambda: prepared.rows(("topics",), Topic.objects.all))


def page_keys(post_list: PostList, state: ContentState | None = None) -> PageIndex:
    """The list's page index (posts per day) for the current content state."""
    return page_index(post_list, state)


def page_of(post_list: PostList, post: Post, index: PageIndex) -> int:
    """The page number holding `post`: newer days' posts plus the newer ones of its day."""
    known = placement(post_list, post)
    if known is not None:
        return known.page
    start = day_start(post.published_at.astimezone(UTC).date())
    now = clock.now()
    # The day's end as the one upper bound: SQLite would otherwise walk the index
    # down from today to the post's day.
    newer_same_day = prepared.count(
        ("newer the same day", post_list.query_key()),
        lambda language, latest, start, at, pk, now: (
            post_list.in_language(language)
            .queryset(now, published_by=latest)
            .filter(published_at__gte=start)
            .filter(Q(published_at__gt=at) | Q(published_at=at, id__gt=pk))
        ),
        post_list.language,
        *(post_list.latest(now, before=start + timedelta(1)), start),
        *(post.published_at, post.pk, now),
    )
    position = index.posts_before(start.date()) + newer_same_day
    return position // PAGE_SIZE + 1


def page(post_list: PostList, number: int, keys: PageIndex) -> list[Post]:
    """The posts of page `number` (1-based; the caller has checked the range).

    Whole days before the page are skipped by their counts; the index walk starts at
    the end of the page's first day and skips only that day's newer rows.
    """
    before, offset = None, 0
    if number > 1:
        found = keys.locate((number - 1) * PAGE_SIZE)
        if found is None:
            return []
        day, offset = found
        before = day_start(day) + timedelta(1)
    window = slice(offset, offset + PAGE_SIZE)
    now = clock.now()
    return prepared.rows(
        ("page 1" if before is None else "page", post_list.query_key()),
        lambda language, latest, now: (
            post_list.in_language(language)
            .queryset(now, published_by=latest)
            .only(*ROW_FIELDS)
        ),
        *(post_list.language, post_list.latest(now, before=before), now),
        window=window,
    )


# What a list row shows (title, summary, kind, times, its address): the bodies and
# the editorial fields stay in the database, and fewer columns are fewer values to
# convert and a cheaper query to build.
ROW_FIELDS = (
    "title",
    "slug",
    "kind",
    "summary",
    "language",
    "published_at",
    "expires_at",
    "event_start",
    "event_end",
    "event_timezone",
)


# Rows read from a post's time on for its neighbour: the post, the neighbour and one
# more. More posts published at the very same time as it (a bulk import) are walked
# by a second, exact query. Each row read is a model built (8 rows each way cost a
# post page 1 ms).
TIES_READ = 3


def neighbours(post_list: PostList, post: Post) -> tuple[Post | None, Post | None]:
    """The posts before (newer) and after (older) `post` in the list.

    One query each way in the usual case: the few rows from the post's own time on,
    in list order, of which the first past the post itself is its neighbour.
    """
    known = placement(post_list, post)
    if known is not None:
        return known.newer, known.older
    at, key, now = post.published_at, (post.published_at, post.pk), clock.now()
    rows = prepared.rows(
        ("newer rows", post_list.query_key()),
        lambda language, at, latest, now: (
            post_list.in_language(language)
            .queryset(now, published_by=latest)
            .only(*ROW_FIELDS)
            .filter(published_at__gte=at)
            .order_by("published_at", "id")[:TIES_READ]
        ),
        *(post_list.language, at, post_list.latest(now), now),
    )
    newer = next((p for p in rows if (p.published_at, p.pk) > key), None)
    if newer is None and len(rows) == TIES_READ:
        # More posts at the post's very time than were read (a bulk import): exact.
        posts = post_list.queryset(now).only(*ROW_FIELDS)
        newer = (
            posts.filter(published_at=at, id__gt=post.pk)
            .order_by("published_at", "id")
            .first()
            or posts.filter(published_at__gt=at).order_by("published_at", "id").first()
        )
    rows = prepared.rows(
        ("older rows", post_list.query_key()),
        lambda language, latest, now: (
            post_list.in_language(language)
            .queryset(now, published_by=latest)
            .only(*ROW_FIELDS)[:TIES_READ]
        ),
        *(post_list.language, post_list.latest(now, upto=at), now),
    )
    older = next((p for p in rows if (p.published_at, p.pk) < key), None)
    if older is None and len(rows) == TIES_READ:
        posts = post_list.queryset(now).only(*ROW_FIELDS)
        older = (
            posts.filter(published_at=at, id__lt=post.pk).first()
            or post_list.queryset(now, upto=at).filter(published_at__lt=at).first()
        )
    return newer, older
