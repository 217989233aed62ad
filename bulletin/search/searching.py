"""Running a search: which posts match, in what order, and which of them a reader may see.

Results are ranked in two tiers: posts with every term in the title, then the others;
within a tier, newest first. That order lets each backend read matches in key order
and stop early, so a word found in every one of 100,000 posts is as quick as a rare
one. At most `MAX_RESULTS` are counted and paged; past that the page says "more than".

Visibility is never the backend's business: candidates are filtered by id through
the queryset the caller passes, `Post.objects.public()` for readers.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import MAXYEAR, datetime

from django.core.cache import cache
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone

from bulletin.posts import clock
from bulletin.posts.models import Post, PostQuerySet, Topic
from bulletin.posts.state import content_state
from bulletin.search import facets as facet
from bulletin.search.backends import Tier, get_backend
from bulletin.search.indexing import ID_BITS, key_after
from bulletin.search.query import ParsedQuery

MAX_RESULTS = 300
# Candidates read per round: enough for MAX_RESULTS in one round when most are public.
CHUNK = 360


@dataclass(frozen=True)
class Filters:
    language: str | None = None
    kind: str | None = None
    topic: Topic | None = None
    year: int | None = None

    def apply(self, posts: PostQuerySet) -> PostQuerySet:
        if self.language:
            posts = posts.filter(language=self.language)
        if self.kind:
            posts = posts.filter(kind=self.kind)
        if self.year:
            tz = timezone.get_current_timezone()
            posts = posts.filter(published_at__gte=datetime(self.year, 1, 1, tzinfo=tz))
            if self.year < MAXYEAR:
                end = datetime(self.year + 1, 1, 1, tzinfo=tz)
                posts = posts.filter(published_at__lt=end)
        if self.topic:
            links = Post.topics.through.objects.filter(
                post=OuterRef("pk"), topic=self.topic
            )
            posts = posts.filter(Exists(links))
        return posts

    def facets(self) -> tuple[str, ...]:
        """The filters as index facets; the ORM applies them again (`apply`)."""
        found = []
        if self.language:
            found.append(facet.language(self.language))
        if self.kind:
            found.append(facet.kind(self.kind))
        if self.year:
            found.append(facet.year(self.year))
        if self.topic:
            found.append(facet.topic(self.topic.pk))
        return tuple(found)

    @property
    def cache_key(self) -> str:
        topic = self.topic.pk if self.topic else "-"
        return f"{self.language or '-'}:{self.kind or '-'}:{topic}:{self.year or '-'}"


@dataclass(frozen=True)
class Matches:
    """Ids of matching posts in rank order (at most MAX_RESULTS), and whether there are more."""

    ids: list[int]
    more: bool


def visible(posts: PostQuerySet, ids: list[int]) -> PostQuerySet:
    """The posts of `ids` that are also in `posts`, asked in the way each database does best."""
    return get_backend().restrict(posts, ids)


def find(
    query: ParsedQuery,
    posts: PostQuerySet,
    until: datetime | None = None,
    facets: tuple[str, ...] = (),
) -> Matches:
    """Posts of `posts` that match `query`, best first.

    `until` skips posts published later (readers cannot see them yet) without reading
    them; it saves work only, `posts` still decides what is shown.
    """
    if not query:
        return Matches(ids=[], more=False)
    backend = get_backend()
    found: list[int] = []
    in_title: set[int] = set()
    for tier in (Tier.TITLE, Tier.REST):
        for below, narrower in _slices(until, facets):
            while len(found) <= MAX_RESULTS:
                rows = backend.candidates(query, tier, below, CHUNK, facets + narrower)
                if not rows:
                    break
                below = rows[-1][0]
                last_round = len(rows) < CHUNK
                if tier is Tier.TITLE:
                    in_title.update(post_id for _, post_id in rows)
                else:
                    # The title tier was read to its end: every title match is known.
                    rows = [row for row in rows if row[1] not in in_title]
                ids = [post_id for _, post_id in rows]
                if ids:
                    shown = set(visible(posts, ids).values_list("pk", flat=True))
                    found.extend(post_id for post_id in ids if post_id in shown)
                if last_round:
                    break
    return Matches(ids=found[:MAX_RESULTS], more=len(found) > MAX_RESULTS)


def _slices(
    until: datetime | None, facets: tuple[str, ...]
) -> list[tuple[int | None, tuple[str, ...]]]:
    """Where each tier is read from, in turn: (key to read below, facets added).

    Published posts (`until`) are read in two slices: this year's first, through
    its year facet, then every older one. A word found in a few percent of posts
    has too many matches to sort them all, yet too few for a short walk down the
    keys; its year facet lets the index hand over only this year's matches (a
    fifth of a million seeded posts: 3.5 times fewer pages read). Publication
    years follow keys, so the two slices hold every match once, in key order.
    """
    if until is None or any(map(facet.is_year, facets)):
        return [(None if until is None else key_after(until), ())]
    year = timezone.localtime(until).year
    begins = datetime(year, 1, 1, tzinfo=timezone.get_current_timezone())
    return [
        (key_after(until), (facet.year(year),)),
        (int(begins.timestamp()) << ID_BITS, ()),
    ]


def search_public(query: ParsedQuery, filters: Filters) -> Matches:
    """What readers find: public posts only, cached under the content state."""
    state = content_state()
    basis = f"{filters.cache_key}:{query.cache_key}".encode()
    key = f"search:{state.token}:public:{hashlib.blake2b(basis, digest_size=16).hexdigest()}"
    matches = cache.get(key)
    if matches is None:
        now = clock.now()
        posts = filters.apply(Post.objects.public(now))
        matches = find(query, posts, until=now, facets=filters.facets())
        cache.set(key, matches, timeout=3600)
    return matches


def search_all(query: ParsedQuery, filters: Filters, posts: QuerySet[Post]) -> Matches:
    """What staff find among `posts` (those the back office shows them), drafts
    included; never cached."""
    return find(query, filters.apply(posts), facets=filters.facets())
